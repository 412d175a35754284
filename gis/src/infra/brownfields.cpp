// `brownfields`: Cerema Cartofriches in the national "friches standard" schema (CSV, ';',
// UTF-8, a WKT point in WGS84 per row).
#include <fmt/format.h>

#include "infra/common.hpp"
#include "infra/infra_import.hpp"
#include "text/csv.hpp"

namespace zanplan::importer::infra {

namespace {

constexpr const char* point_column = "geompoint";
constexpr const char* surface_column = "unite_fonciere_surface";
constexpr const char* missing = "NA";  // the schema's marker for an unknown value

// The row's WKT point in Lambert-93; malformed WKT or another geometry type is an input
// error naming the file, line and column.
OGRPoint brownfield_point(const text::CsvRow& row, OGRCoordinateTransformation& transform,
                          const std::string& path) {
  const ErrorContext where{.file = path, .line = row.line(), .key = point_column};
  const std::string& wkt = row[point_column];
  OGRGeometry* parsed = nullptr;
  ogr::ErrorCapture capture;
  const OGRErr status = OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &parsed);
  ogr::GeometryPtr geometry(parsed);
  if (status != OGRERR_NONE || !geometry) throw_input("not a WKT geometry: '" + wkt + "'", where);
  if (wkbFlatten(geometry->getGeometryType()) != wkbPoint || geometry->IsEmpty()) {
    throw_input("expected a WKT POINT, found '" + wkt + "'", where);
  }
  const OGRPoint& point = *geometry->toPoint();
  return wgs84_to_lambert93(transform, point.getX(), point.getY(), where);
}

std::string unless_missing(const std::string& value) { return value == missing ? std::string{} : value; }

std::optional<double> surface_of(const text::CsvRow& row) {
  if (row[surface_column] == missing) return std::nullopt;
  return row.number(surface_column);
}

struct Tally {
  int kept = 0;
  int padded = 0;
  int remapped = 0;
  int without_surface = 0;
};

}  // namespace

void import_brownfields(Context& context) {
  context.progress("brownfields", 0.0);
  const SourceEntry& entry = context.sources.require("brownfields");
  const std::string path = entry.resolved.string();
  const auto table =
      text::CsvTable::read(entry.resolved, {.separator = ';', .encoding = text::Encoding::utf8});
  for (const char* column :
       {"site_id", "site_nom", "site_type", "site_statut", "comm_insee", surface_column, point_column}) {
    (void)table.column(column);
  }
  auto transform = ogr::make_transform(ogr::wgs84(), ogr::lambert93(), path);
  // The commune codes decide when the region's communes are known; the point otherwise.
  const bool by_commune = !context.communes.empty();
  const RegionFilter region(context, near_region_m);

  LayerWriter writer(
      context, "brownfields", wkbPoint,
      {{"site_id"}, {"site_nom"}, {"site_type"}, {"site_statut"}, {"commune"}, {"surface_m2", OFTReal}});
  Tally tally;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto row = table.row(i);
    const OGRPoint point = brownfield_point(row, *transform, path);
    const auto surface = surface_of(row);
    const std::string published = row["comm_insee"];
    const std::string code = padded_insee(published);
    std::string commune = code;
    if (by_commune) {
      const auto current = context.to_current(code);
      if (!current || !context.communes.contains(*current)) continue;
      commune = *current;
    } else if (!region.keeps(point)) {
      continue;
    }

    OGRFeature feature = writer.new_feature();
    for (const char* field : {"site_id", "site_nom", "site_type", "site_statut"}) {
      set_text(feature, field, unless_missing(row[field]));
    }
    set_text(feature, "commune", commune);
    if (surface)
      feature.SetField("surface_m2", *surface);
    else
      feature.SetFieldNull(feature.GetFieldIndex("surface_m2"));
    feature.SetGeometry(&point);
    writer.add(feature);

    ++tally.kept;
    if (code != published) ++tally.padded;
    if (commune != code) ++tally.remapped;
    if (!surface) ++tally.without_surface;
  }
  writer.commit();

  const std::string filter =
      by_commune ? fmt::format(
                       "kept the {} of {} rows whose comm_insee is a commune of the region (old codes "
                       "remapped to the current ones: {})",
                       tally.kept, table.size(), tally.remapped)
                 : fmt::format(
                       "the region's communes were unknown, so kept the {} of {} rows whose point lies "
                       "within {} of the region outline (commune = comm_insee as published, zero-padded)",
                       tally.kept, table.size(), distance_text(near_region_m));
  record_from_entry(
      context, "brownfields", entry,
      fmt::format("{}; comm_insee lost its leading zero in {} kept rows (e.g. '2408' for 02408), "
                  "restored before matching; geompoint (WKT, WGS84) reprojected to Lambert-93; "
                  "surface_m2 = unite_fonciere_surface, null in {} kept rows ('NA' or empty); "
                  "'NA' text values stored as null",
                  filter, tally.padded, tally.without_surface));
  context.progress("brownfields", 1.0);
}

}  // namespace zanplan::importer::infra
