// `rail_points`: the SNCF Réseau list of stations and freight yards (GeoJSON, WGS84).
#include <fmt/format.h>

#include "infra/common.hpp"
#include "infra/infra_import.hpp"

namespace zanplan::importer::infra {

namespace {

// The source's O/N flags as 1/0.
int yes_no(OGRFeature& feature, int index, ErrorContext where) {
  const std::string value = feature.GetFieldAsString(index);
  if (value == "O") return 1;
  if (value == "N") return 0;
  where.key = feature.GetFieldDefnRef(index)->GetNameRef();
  throw_input("expected O or N, found '" + value + "'", where);
}

struct Tally {
  int read = 0;
  int kept = 0;
  int freight = 0;
  int without_commune = 0;
};

}  // namespace

void import_rail_points(Context& context) {
  context.progress("rail", 0.0);
  const SourceEntry& entry = context.sources.require("rail_points");
  const std::string path = entry.resolved.string();
  auto dataset = ogr::open_vector(path);
  OGRLayer& layer = ogr::layer_of(*dataset, path);
  const int code_uic = ogr::required_field(layer, path, "code_uic");
  const int libelle = ogr::required_field(layer, path, "libelle");
  const int fret = ogr::required_field(layer, path, "fret");
  const int voyageurs = ogr::required_field(layer, path, "voyageurs");
  auto transform = transform_to_lambert93(layer, path);

  const RegionFilter region(context, near_region_m);
  const CommuneLocator communes(context);
  LayerWriter writer(
      context, "rail_points", wkbPoint,
      {{"code_uic"}, {"libelle"}, {"fret", OFTInteger}, {"voyageurs", OFTInteger}, {"commune"}});
  Tally tally;
  for (auto& source : layer) {
    ++tally.read;
    const ErrorContext where{.file = path, .layer = layer.GetName(), .feature = source->GetFID()};
    const int is_freight = yes_no(*source, fret, where);
    const int is_passenger = yes_no(*source, voyageurs, where);
    const auto geometry = lambert93_geometry(*source, *transform, where);
    if (wkbFlatten(geometry->getGeometryType()) != wkbPoint) throw_input("expected a point", where);
    const OGRPoint& point = *geometry->toPoint();
    if (!region.keeps(point)) continue;

    OGRFeature feature = writer.new_feature();
    feature.SetField("code_uic", source->GetFieldAsString(code_uic));
    feature.SetField("libelle", source->GetFieldAsString(libelle));
    feature.SetField("fret", is_freight);
    feature.SetField("voyageurs", is_passenger);
    const auto commune = communes.locate(point);
    set_text(feature, "commune", commune.value_or(""));
    feature.SetGeometry(&point);
    writer.add(feature);
    ++tally.kept;
    tally.freight += is_freight;
    if (!commune) ++tally.without_commune;
  }
  writer.commit();

  const std::string commune_note =
      communes.available()
          ? fmt::format(
                "commune = the workspace commune containing the point (the source gives only a name); "
                "{} points fall in no commune of the region (outside the simplified outline) and have none",
                tally.without_commune)
          : "commune left empty: the workspace had no communes layer to locate the points in";
  record_from_entry(
      context, "rail_points", entry,
      fmt::format(
          "WGS84 reprojected to Lambert-93; kept the {} of {} points lying within {} of the region outline, "
          "whatever their flags ({} with fret = 1); the tolerance also keeps a few stations of neighbouring "
          "départements just across the simplified boundary; fret = 1 means open to freight traffic, not "
          "an intermodal terminal; {}",
          tally.kept, tally.read, distance_text(near_region_m), tally.freight, commune_note));
  context.progress("rail", 1.0);
}

}  // namespace zanplan::importer::infra
