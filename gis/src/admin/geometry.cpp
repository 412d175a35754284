#include "admin/geometry.hpp"

#include <memory>
#include <vector>

#include "zanplan/error.hpp"

namespace zanplan::importer::admin {

namespace {

using Parts = std::vector<geos::GeometryPtr>;

// Appends owned clones of the polygons found in `geometry` (recursing into collections).
void collect_polygons(geos::Context& context, const GEOSGeometry& geometry, Parts& out) {
  const auto handle = context.handle();
  const int type = GEOSGeomTypeId_r(handle, &geometry);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(handle, &geometry) == 0) out.push_back(geos::own(context, GEOSGeom_clone_r(handle, &geometry), "clone"));
    return;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int count = GEOSGetNumGeometries_r(handle, &geometry);
    for (int i = 0; i < count; ++i) collect_polygons(context, *GEOSGetGeometryN_r(handle, &geometry, i), out);
  }
}

// A collection of `type` made of `parts`, which it takes over: GEOS takes ownership of the
// parts as the call starts (and frees them itself if it fails), so they are released to it.
geos::GeometryPtr collection_of(geos::Context& context, int type, Parts& parts) {
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (auto& part : parts) raw.push_back(part.release());
  parts.clear();
  return geos::own(context,
                   GEOSGeom_createCollection_r(context.handle(), type, raw.data(), static_cast<unsigned>(raw.size())),
                   "collection");
}

struct WkbWriterDeleter {
  GEOSContextHandle_t context = nullptr;
  void operator()(GEOSWKBWriter* writer) const noexcept { GEOSWKBWriter_destroy_r(context, writer); }
};

struct GeosBufferDeleter {
  GEOSContextHandle_t context = nullptr;
  void operator()(unsigned char* buffer) const noexcept { GEOSFree_r(context, buffer); }
};

}  // namespace

geos::GeometryPtr polygonal_part(geos::Context& context, const GEOSGeometry& geometry) {
  Parts polygons;
  collect_polygons(context, geometry, polygons);
  return collection_of(context, GEOS_MULTIPOLYGON, polygons);
}

geos::GeometryPtr union_of(geos::Context& context, const std::vector<const GEOSGeometry*>& parts) {
  const auto handle = context.handle();
  Parts clones;
  clones.reserve(parts.size());
  for (const auto* part : parts) clones.push_back(geos::own(context, GEOSGeom_clone_r(handle, part), "clone"));
  auto collection = collection_of(context, GEOS_GEOMETRYCOLLECTION, clones);
  auto merged = geos::own(context, GEOSUnaryUnion_r(handle, collection.get()), "union");
  return polygonal_part(context, *merged);
}

ogr::GeometryPtr to_ogr_multipolygon(geos::Context& context, const GEOSGeometry& geometry) {
  const auto handle = context.handle();
  const std::unique_ptr<GEOSWKBWriter, WkbWriterDeleter> writer(GEOSWKBWriter_create_r(handle), {handle});
  if (!writer) throw Error(ErrorKind::internal, "GEOS WKB writer failed: " + context.last_error());
  GEOSWKBWriter_setByteOrder_r(handle, writer.get(), GEOS_WKB_NDR);
  std::size_t size = 0;
  const std::unique_ptr<unsigned char, GeosBufferDeleter> wkb(GEOSWKBWriter_write_r(handle, writer.get(), &geometry, &size),
                                                              {handle});
  if (!wkb) throw Error(ErrorKind::internal, "GEOS WKB write failed: " + context.last_error());

  OGRGeometry* created = nullptr;
  const OGRErr status = OGRGeometryFactory::createFromWkb(wkb.get(), nullptr, &created, size);
  if (status != OGRERR_NONE || created == nullptr) throw Error(ErrorKind::internal, "OGR cannot read GEOS WKB");
  return ogr::GeometryPtr(OGRGeometryFactory::forceToMultiPolygon(created));
}

double area_of(geos::Context& context, const GEOSGeometry& geometry) {
  double area = 0.0;
  if (GEOSArea_r(context.handle(), &geometry, &area) != 1) {
    throw Error(ErrorKind::internal, "GEOS area failed: " + context.last_error());
  }
  return area;
}

}  // namespace zanplan::importer::admin
