#include "import/region.hpp"

#include <vector>

#include "ogr/handles.hpp"

namespace zanplan::importer {

geos::GeometryPtr to_geos(const OGRGeometry& geometry) {
  auto& context = geos::Context::current();
  std::vector<unsigned char> wkb(geometry.WkbSize());
  geometry.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return geos::from_wkb(context, wkb.data(), wkb.size());
}

bool RegionOutline::contains(double x, double y, double tolerance_m) {
  auto& context = geos::Context::current();
  const GEOSPreparedGeometry* test = prepared.get();
  if (tolerance_m > 0.0) {
    auto it = grown.find(tolerance_m);
    if (it == grown.end()) {
      auto buffer = geos::own(context, GEOSBuffer_r(context.handle(), boundary.get(), tolerance_m, 8), "buffer");
      auto prepared_buffer = geos::prepare(context, *buffer);
      it = grown.emplace(tolerance_m, std::make_pair(std::move(buffer), std::move(prepared_buffer))).first;
    }
    test = it->second.second.get();
  }
  // GEOS 3.11 has no GEOSPreparedContainsXY (3.12), so test a point geometry.
  auto point = geos::own(context, GEOSGeom_createPointFromXY_r(context.handle(), x, y), "point");
  return GEOSPreparedContains_r(context.handle(), test, point.get()) == 1;
}

void load_region_outline(Context& context) {
  const SourceEntry& entry = context.sources.require("region_boundary");
  const std::string path = entry.resolved.string();
  auto dataset = ogr::open_vector(path);
  OGRLayer& layer = ogr::layer_of(*dataset, path);
  const OGRSpatialReference* source_srs = layer.GetSpatialRef();
  OGRSpatialReference source = source_srs != nullptr ? *source_srs : ogr::wgs84();
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const OGRSpatialReference target = ogr::lambert93();
  auto transform = ogr::make_transform(source, target, path);

  OGRMultiPolygon outline;
  for (auto& feature : layer) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr) continue;
    ogr::GeometryPtr copy(geometry->clone());
    if (copy->transform(transform.get()) != OGRERR_NONE) {
      throw_input("cannot reproject to Lambert-93", {.file = path, .layer = layer.GetName(), .feature = feature->GetFID()});
    }
    const auto flat = wkbFlatten(copy->getGeometryType());
    if (flat == wkbPolygon) {
      outline.addGeometry(copy.get());
    } else if (flat == wkbMultiPolygon) {
      for (const auto* polygon : *copy->toMultiPolygon()) outline.addGeometry(polygon);
    } else {
      throw_input("the region boundary must be polygons", {.file = path, .feature = feature->GetFID()});
    }
  }
  if (outline.IsEmpty()) throw_input("the region boundary has no polygon", {.file = path});

  auto& geos_context = geos::Context::current();
  auto boundary = to_geos(outline);
  if (GEOSisValid_r(geos_context.handle(), boundary.get()) != 1) {
    boundary = geos::own(geos_context, GEOSMakeValid_r(geos_context.handle(), boundary.get()), "make valid");
  }
  auto prepared = geos::prepare(geos_context, *boundary);
  context.region.emplace();
  context.region->boundary = std::move(boundary);
  context.region->prepared = std::move(prepared);
}

void record_from_entry(Context& context, const std::string& layer, const SourceEntry& entry,
                       const std::string& extra_notes) {
  std::string notes = entry.notes;
  if (!extra_notes.empty()) notes += (notes.empty() ? "" : "; ") + extra_notes;
  context.builder.record({.layer = layer,
                          .provenance = entry.provenance,
                          .source_file = entry.file.string(),
                          .source = entry.source,
                          .licence = entry.licence,
                          .notes = notes});
}

}  // namespace zanplan::importer
