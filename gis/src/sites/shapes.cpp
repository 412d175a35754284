#include "sites/shapes.hpp"

#include <cmath>
#include <cstring>
#include <utility>

#include "zanplan/error.hpp"

namespace zanplan::sites {

namespace {

geos::GeometryPtr ring_to_geos(geos::Context& context, std::span<const double> xy) {
  const auto handle = context.handle();
  const auto points = static_cast<unsigned>(xy.size() / 2);
  GEOSCoordSequence* sequence = GEOSCoordSeq_copyFromBuffer_r(handle, xy.data(), points, 0, 0);
  if (sequence == nullptr) throw Error(ErrorKind::internal, "GEOS: " + context.last_error());
  return geos::own(context, GEOSGeom_createLinearRing_r(handle, sequence), "ring");
}

}  // namespace

geos::GeometryPtr to_geos(const workspace::PolygonSet& polygons, std::size_t item) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  std::vector<geos::GeometryPtr> parts;  // owned until a collection takes them
  std::uint32_t r = polygons.first_ring(item);
  const std::uint32_t end = polygons.end_ring(item);
  while (r < end) {
    geos::GeometryPtr shell = ring_to_geos(context, polygons.ring(r++));
    std::vector<geos::GeometryPtr> holes;
    while (r < end && !polygons.is_shell(r)) holes.push_back(ring_to_geos(context, polygons.ring(r++)));
    std::vector<GEOSGeometry*> raw_holes;
    for (auto& h : holes) raw_holes.push_back(h.get());
    GEOSGeometry* polygon = GEOSGeom_createPolygon_r(handle, shell.get(), raw_holes.data(), static_cast<unsigned>(raw_holes.size()));
    if (polygon == nullptr) throw Error(ErrorKind::internal, "GEOS: " + context.last_error());
    // The polygon owns its rings now.
    (void)shell.release();
    for (auto& h : holes) (void)h.release();
    parts.push_back(geos::own(context, polygon, "polygon"));
  }
  if (parts.size() == 1) return std::move(parts.front());
  std::vector<GEOSGeometry*> raw_parts;
  for (auto& p : parts) raw_parts.push_back(p.get());
  GEOSGeometry* multi = GEOSGeom_createCollection_r(handle, GEOS_MULTIPOLYGON, raw_parts.data(), static_cast<unsigned>(raw_parts.size()));
  if (multi == nullptr) throw Error(ErrorKind::internal, "GEOS: " + context.last_error());
  for (auto& p : parts) (void)p.release();  // the collection owns them now
  return geos::own(context, multi, "multipolygon");
}

workspace::Box box_of(const GEOSGeometry& geometry) {
  const auto handle = geos::Context::current().handle();
  workspace::Box b;
  GEOSGeom_getXMin_r(handle, &geometry, &b.min_x);
  GEOSGeom_getYMin_r(handle, &geometry, &b.min_y);
  GEOSGeom_getXMax_r(handle, &geometry, &b.max_x);
  GEOSGeom_getYMax_r(handle, &geometry, &b.max_y);
  return b;
}

std::string geometry_column(workspace::ReadOnlyDatabase& db, const std::string& layer) {
  auto q = db.query("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", layer);
  q.bind(1, layer);
  if (!q.step()) throw_workspace("the workspace has no such geometry layer", {.file = db.path().string(), .layer = layer});
  return std::string(q.text(0));
}

bool gpkg_point(std::span<const unsigned char> blob, double& x, double& y) {
  const auto wkb = workspace::gpkg_wkb(blob);
  if (wkb.size() < 21) return false;
  const bool little = wkb[0] == 1;
  std::uint32_t type = 0;
  std::memcpy(&type, wkb.data() + 1, 4);
  if (!little) type = __builtin_bswap32(type);
  if ((type & 0x0FFFFFFFU) % 1000 != 1) return false;
  std::uint64_t bits[2];
  std::memcpy(bits, wkb.data() + 5, 16);
  if (!little) {
    bits[0] = __builtin_bswap64(bits[0]);
    bits[1] = __builtin_bswap64(bits[1]);
  }
  std::memcpy(&x, &bits[0], 8);
  std::memcpy(&y, &bits[1], 8);
  return std::isfinite(x) && std::isfinite(y);
}

PolygonLayer::PolygonLayer(workspace::ReadOnlyDatabase& db, const std::string& layer, const std::string& where) {
  // The layer's name comes from a profile: checked against gpkg_contents before anything else.
  const std::string from = db.layer_identifier(layer);
  const std::string column = db.column_identifier(layer, geometry_column(db, layer));
  std::string sql = "SELECT fid, " + column + " FROM " + from;
  if (!where.empty()) sql += " WHERE " + where;
  auto q = db.query(sql, layer);
  workspace::PolygonSet polygons;
  std::vector<Box> boxes;
  auto& context = geos::Context::current();
  while (q.step()) {
    if (q.is_null(1)) continue;
    try {
      polygons.append_gpkg(q.blob(1));
    } catch (Error& e) {
      e.add_context({.file = db.path().string(), .layer = layer, .feature = q.integer(0)});
      throw;
    }
    const std::size_t item = polygons.size() - 1;
    boxes.push_back(polygons.box(item));
    geometries_.push_back(to_geos(polygons, item));
    prepared_.push_back(geos::prepare(context, *geometries_.back()));
  }
  index_ = BoxIndex(boxes);
}

bool PolygonLayer::contains(double x, double y) const {
  bool hit = false;
  index_.query(Box{x, y, x, y}, [&](std::uint32_t i) {
    if (hit) return;
    auto& context = geos::Context::current();
    auto point = geos::own(context, GEOSGeom_createPointFromXY_r(context.handle(), x, y), "point");
    hit = GEOSPreparedContains_r(context.handle(), prepared_[i].get(), point.get()) == 1;
  });
  return hit;
}

bool PolygonLayer::intersects(const GEOSGeometry& geometry, const workspace::Box& box) const {
  bool hit = false;
  index_.query(box, [&](std::uint32_t i) {
    if (!hit) hit = GEOSPreparedIntersects_r(geos::Context::current().handle(), prepared_[i].get(), &geometry) == 1;
  });
  return hit;
}

bool PolygonLayer::within(const GEOSGeometry& geometry, const workspace::Box& box, double distance) const {
  if (distance <= 0) return intersects(geometry, box);
  bool hit = false;
  index_.query(box.expanded(distance), [&](std::uint32_t i) {
    if (!hit) hit = GEOSPreparedDistanceWithin_r(geos::Context::current().handle(), prepared_[i].get(), &geometry, distance) == 1;
  });
  return hit;
}

}  // namespace zanplan::sites
