#include "admin/geometry.hpp"

#include "zanplan/error.hpp"

namespace zanplan::importer::admin {

namespace {

// Appends clones of the polygons found in `geometry` (recursing into collections).
void collect_polygons(geos::Context& context, const GEOSGeometry& geometry, std::vector<GEOSGeometry*>& out) {
  const auto handle = context.handle();
  const int type = GEOSGeomTypeId_r(handle, &geometry);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(handle, &geometry) == 0) out.push_back(GEOSGeom_clone_r(handle, &geometry));
    return;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int count = GEOSGetNumGeometries_r(handle, &geometry);
    for (int i = 0; i < count; ++i) collect_polygons(context, *GEOSGetGeometryN_r(handle, &geometry, i), out);
  }
}

// Wraps owned parts into a collection of `type`, or frees them all when a clone failed.
geos::GeometryPtr collection_of(geos::Context& context, int type, std::vector<GEOSGeometry*>& parts) {
  const auto handle = context.handle();
  bool failed = false;
  for (auto* part : parts) failed = failed || part == nullptr;
  if (failed) {
    for (auto* part : parts) {
      if (part != nullptr) GEOSGeom_destroy_r(handle, part);
    }
    throw Error(ErrorKind::internal, "GEOS clone failed: " + context.last_error());
  }
  return geos::own(context,
                   GEOSGeom_createCollection_r(handle, type, parts.data(), static_cast<unsigned>(parts.size())),
                   "collection");
}

}  // namespace

geos::GeometryPtr polygonal_part(geos::Context& context, const GEOSGeometry& geometry) {
  std::vector<GEOSGeometry*> polygons;
  collect_polygons(context, geometry, polygons);
  return collection_of(context, GEOS_MULTIPOLYGON, polygons);
}

geos::GeometryPtr union_of(geos::Context& context, const std::vector<const GEOSGeometry*>& parts) {
  const auto handle = context.handle();
  std::vector<GEOSGeometry*> clones;
  clones.reserve(parts.size());
  for (const auto* part : parts) clones.push_back(GEOSGeom_clone_r(handle, part));
  auto collection = collection_of(context, GEOS_GEOMETRYCOLLECTION, clones);
  auto merged = geos::own(context, GEOSUnaryUnion_r(handle, collection.get()), "union");
  return polygonal_part(context, *merged);
}

ogr::GeometryPtr to_ogr_multipolygon(geos::Context& context, const GEOSGeometry& geometry) {
  const auto handle = context.handle();
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(handle);
  GEOSWKBWriter_setByteOrder_r(handle, writer, GEOS_WKB_NDR);
  std::size_t size = 0;
  unsigned char* wkb = GEOSWKBWriter_write_r(handle, writer, &geometry, &size);
  GEOSWKBWriter_destroy_r(handle, writer);
  if (wkb == nullptr) throw Error(ErrorKind::internal, "GEOS WKB write failed: " + context.last_error());

  OGRGeometry* created = nullptr;
  const OGRErr status = OGRGeometryFactory::createFromWkb(wkb, nullptr, &created, size);
  GEOSFree_r(handle, wkb);
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
