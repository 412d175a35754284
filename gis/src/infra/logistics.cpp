// `logistics_areas`: the SDES dense and extended logistics areas (shapefiles, Lambert-93).
#include <cmath>

#include <fmt/format.h>

#include "infra/common.hpp"
#include "infra/infra_import.hpp"

namespace zanplan::importer::infra {

namespace {

struct Tally {
  GIntBig read = 0;
  int kept = 0;
  int repaired = 0;
};

// `e1` is stored as a Real in the DBF; it is an integer identifier.
std::string area_id(OGRFeature& feature, int index, ErrorContext where) {
  const double value = feature.GetFieldAsDouble(index);
  if (!feature.IsFieldSetAndNotNull(index) || value != std::floor(value)) {
    where.key = "e1";
    throw_input(fmt::format("expected an integer area id, found '{}'", feature.GetFieldAsString(index)),
                where);
  }
  return fmt::format("{:.0f}", value);
}

Tally copy_areas(Context& context, const SourceEntry& entry, const char* kind, LayerWriter& writer) {
  const std::string path = entry.resolved.string();
  auto dataset = ogr::open_vector(path);
  OGRLayer& layer = ogr::layer_of(*dataset, path);
  const int e1 = ogr::required_field(layer, path, "e1");
  auto transform = transform_to_lambert93(layer, path);
  const RegionFilter region(context, near_region_m);
  Tally tally;
  for (auto& source : layer) {
    ++tally.read;
    const ErrorContext where{.file = path, .layer = layer.GetName(), .feature = source->GetFID()};
    const std::string id = area_id(*source, e1, where);
    auto polygon = read_polygon(*source, *transform, where, tally.repaired);
    if (!region.keeps(polygon.anchor)) continue;
    OGRFeature feature = writer.new_feature();
    feature.SetField("area_id", id.c_str());
    feature.SetField("kind", kind);
    feature.SetGeometryDirectly(polygon.geometry.release());
    writer.add(feature);
    ++tally.kept;
  }
  return tally;
}

}  // namespace

void import_logistics_areas(Context& context) {
  context.progress("logistics areas", 0.0);
  const SourceEntry& dense_entry = context.sources.require("logistics_dense");
  const SourceEntry& extended_entry = context.sources.require("logistics_extended");
  LayerWriter writer(context, "logistics_areas", wkbMultiPolygon, {{"area_id"}, {"kind"}});
  const Tally dense = copy_areas(context, dense_entry, "dense", writer);
  const Tally extended = copy_areas(context, extended_entry, "extended", writer);
  writer.commit();

  record_from_entry(
      context, "logistics_areas", combined_entry({&dense_entry, &extended_entry}),
      fmt::format(
          "kept the areas whose point on surface lies within {} of the region outline: {} of {} dense and "
          "{} of {} extended; area_id is `e1`, unique within a kind only; geometries repaired with "
          "MakeValid: {}; the attribute table with warehouse surfaces and counts is not part of the source",
          distance_text(near_region_m), dense.kept, dense.read, extended.kept, extended.read,
          dense.repaired + extended.repaired));
  context.progress("logistics areas", 1.0);
}

}  // namespace zanplan::importer::infra
