#include "synthetic/parcels.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>

#include <fmt/format.h>

#include "zanplan/error.hpp"

namespace zanplan::synthetic {

namespace {

struct Point {
  double x = 0.0;
  double y = 0.0;
};

struct Box {
  double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
};

Box box_of(GEOSContextHandle_t handle, const GEOSGeometry& geometry) {
  Box box;
  GEOSGeom_getXMin_r(handle, &geometry, &box.min_x);
  GEOSGeom_getYMin_r(handle, &geometry, &box.min_y);
  GEOSGeom_getXMax_r(handle, &geometry, &box.max_x);
  GEOSGeom_getYMax_r(handle, &geometry, &box.max_y);
  return box;
}

Point point_of(GEOSContextHandle_t handle, const GEOSGeometry& point) {
  Point p;
  GEOSGeomGetX_r(handle, &point, &p.x);
  GEOSGeomGetY_r(handle, &point, &p.y);
  return p;
}

bool contains(geos::Context& context, const GEOSPreparedGeometry& prepared, Point p) {
  auto point = geos::own(context, GEOSGeom_createPointFromXY_r(context.handle(), p.x, p.y), "point");
  return GEOSPreparedContains_r(context.handle(), &prepared, point.get()) == 1;
}

// Rejection sampling: `count` points inside the commune drawn by `draw` that pass `accept`.
// Gives up after many failures (a sliver-shaped commune) and returns what it has.
template <typename Draw, typename Accept>
void sample(std::size_t count, Draw draw, Accept accept, std::vector<Point>& out) {
  const std::size_t max_attempts = 200 * count + 1000;
  std::size_t found = 0;
  for (std::size_t attempt = 0; attempt < max_attempts && found < count; ++attempt) {
    const Point p = draw();
    if (accept(p)) {
      out.push_back(p);
      ++found;
    }
  }
}

std::vector<Point> seed_points(const CommuneInput& commune, const CommuneLayout& layout, double density,
                               Random& random) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  const auto prepared = geos::prepare(context, *commune.geometry);
  const double area_m2 = [&] {
    double a = 0.0;
    GEOSArea_r(handle, commune.geometry.get(), &a);
    return a;
  }();
  const double core_area = std::numbers::pi * layout.core_radius_m * layout.core_radius_m;
  const auto core_count = static_cast<std::size_t>(
      std::llround(density * core_parcels_per_inhabitant * static_cast<double>(commune.population)));
  const auto periphery_count = static_cast<std::size_t>(
      std::llround(density * parcels_per_hectare * std::max(area_m2 - core_area, 0.0) / 10'000.0));
  const double r = layout.core_radius_m;
  const Box box = box_of(handle, *commune.geometry);
  auto distance = [&](Point p) { return std::hypot(p.x - layout.centre_x, p.y - layout.centre_y); };

  std::vector<Point> points;
  if (core_count > 0 && r > 0.0) {
    sample(
        core_count,
        [&] {
          const double rho = r * std::sqrt(random.uniform());
          const double theta = 2.0 * std::numbers::pi * random.uniform();
          return Point{layout.centre_x + rho * std::cos(theta), layout.centre_y + rho * std::sin(theta)};
        },
        [&](Point p) { return contains(context, *prepared, p); }, points);
  }
  // Outside the core only when the core has its own points; otherwise the core is part of
  // the surrounding blocks.
  const double excluded = points.empty() ? 0.0 : r;
  sample(
      periphery_count,
      [&] {
        return Point{random.uniform(box.min_x, box.max_x), random.uniform(box.min_y, box.max_y)};
      },
      [&](Point p) { return distance(p) > excluded && contains(context, *prepared, p); }, points);
  return points;
}

// The Voronoi cells of the points (the whole commune for a single point).
geos::GeometryPtr voronoi_cells(const CommuneInput& commune, const std::vector<Point>& points) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  if (points.size() < 2) return geos::own(context, GEOSGeom_clone_r(handle, commune.geometry.get()), "clone");
  std::vector<GEOSGeometry*> raw;
  raw.reserve(points.size());
  for (const Point& p : points) raw.push_back(GEOSGeom_createPointFromXY_r(handle, p.x, p.y));
  auto multipoint = geos::own(
      context,
      GEOSGeom_createCollection_r(handle, GEOS_MULTIPOINT, raw.data(), static_cast<unsigned>(raw.size())),
      "multipoint");
  return geos::own(context, GEOSVoronoiDiagram_r(handle, multipoint.get(), commune.geometry.get(), 0.0, 0),
                   "voronoi");
}

// Appends the polygons of `geometry` (any type) to `out`, dropping slivers.
void collect_polygons(const GEOSGeometry& geometry, std::vector<geos::GeometryPtr>& out,
                      std::size_t& slivers) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  const int type = GEOSGeomTypeId_r(handle, &geometry);
  if (type == GEOS_POLYGON) {
    double area = 0.0;
    GEOSArea_r(handle, &geometry, &area);
    if (area < sliver_m2) {
      if (area > 0.0) ++slivers;
      return;
    }
    out.push_back(geos::own(context, GEOSGeom_clone_r(handle, &geometry), "clone"));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int count = GEOSGetNumGeometries_r(handle, &geometry);
    for (int i = 0; i < count; ++i) collect_polygons(*GEOSGetGeometryN_r(handle, &geometry, i), out, slivers);
  }
}

std::vector<geos::GeometryPtr> clip_cells(const CommuneInput& commune, const GEOSGeometry& cells,
                                          std::size_t& slivers) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  const auto prepared = geos::prepare(context, *commune.geometry);
  std::vector<geos::GeometryPtr> polygons;
  const int count = GEOSGetNumGeometries_r(handle, &cells);
  for (int i = 0; i < count; ++i) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(handle, &cells, i);
    if (GEOSPreparedContains_r(handle, prepared.get(), cell) == 1) {
      collect_polygons(*cell, polygons, slivers);
      continue;
    }
    if (GEOSPreparedIntersects_r(handle, prepared.get(), cell) != 1) continue;
    auto clipped = geos::own(context, GEOSIntersection_r(handle, cell, commune.geometry.get()), "clip");
    collect_polygons(*clipped, polygons, slivers);
  }
  return polygons;
}

std::string section_code(std::size_t index) {
  constexpr std::size_t letters = 26;
  if (index >= letters * letters)
    throw Error(ErrorKind::internal, "more than 676 cadastral sections in a commune");
  return {static_cast<char>('A' + index / letters), static_cast<char>('A' + index % letters)};
}

// Sections are the non-empty cells of a k×k grid over the commune (north to south, west
// to east, about 200 parcels each); parcels are numbered north to south within a section.
void number_parcels(const CommuneInput& commune, std::vector<SyntheticParcel>& parcels,
                    std::vector<Point>& centroids) {
  const auto handle = geos::Context::current().handle();
  const Box box = box_of(handle, *commune.geometry);
  const double target = 200.0;
  const auto k = static_cast<std::size_t>(
      std::clamp(std::ceil(std::sqrt(static_cast<double>(parcels.size()) / target)), 1.0, 26.0));
  const double width = std::max(box.max_x - box.min_x, 1e-9);
  const double height = std::max(box.max_y - box.min_y, 1e-9);
  auto grid_index = [&](Point c) {
    const auto kd = static_cast<double>(k);
    const auto column =
        static_cast<std::size_t>(std::clamp(std::floor((c.x - box.min_x) / width * kd), 0.0, kd - 1));
    const auto row =
        static_cast<std::size_t>(std::clamp(std::floor((box.max_y - c.y) / height * kd), 0.0, kd - 1));
    return row * k + column;
  };
  std::vector<std::size_t> order(parcels.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::make_tuple(grid_index(centroids[a]), -centroids[a].y, centroids[a].x, parcels[a].area_m2) <
           std::make_tuple(grid_index(centroids[b]), -centroids[b].y, centroids[b].x, parcels[b].area_m2);
  });
  std::vector<SyntheticParcel> numbered;
  numbered.reserve(parcels.size());
  std::size_t section = 0;
  int number = 0;
  std::size_t current_cell = order.empty() ? 0 : grid_index(centroids[order.front()]);
  for (std::size_t i : order) {
    const std::size_t cell = grid_index(centroids[i]);
    if (cell != current_cell) {
      ++section;
      number = 0;
      current_cell = cell;
    }
    if (++number > 9999)
      throw Error(ErrorKind::internal,
                  fmt::format("commune {}: a section exceeds 9999 parcels", commune.code));
    parcels[i].section = section_code(section);
    parcels[i].number = number;
    numbered.push_back(std::move(parcels[i]));
  }
  parcels = std::move(numbered);
}

}  // namespace

CommuneLayout commune_layout(const CommuneInput& commune) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  auto centroid = geos::own(context, GEOSGetCentroid_r(handle, commune.geometry.get()), "centroid");
  if (GEOSContains_r(handle, commune.geometry.get(), centroid.get()) != 1) {
    centroid = geos::own(context, GEOSPointOnSurface_r(handle, commune.geometry.get()), "point on surface");
  }
  const Point centre = point_of(handle, *centroid);
  double area = 0.0;
  GEOSArea_r(handle, commune.geometry.get(), &area);
  const double core_area =
      std::min(core_m2_per_inhabitant * static_cast<double>(std::max<std::int64_t>(commune.population, 0)),
               max_core_share * area);
  return {centre.x, centre.y, std::sqrt(core_area / std::numbers::pi)};
}

CommuneParcels generate_commune_parcels(const CommuneInput& commune, double density, Random& random) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  CommuneParcels result;
  result.layout = commune_layout(commune);
  const std::vector<Point> points = seed_points(commune, result.layout, density, random);
  const auto cells = voronoi_cells(commune, points);
  auto polygons = clip_cells(commune, *cells, result.slivers_dropped);

  std::vector<Point> centroids;
  for (auto& polygon : polygons) {
    SyntheticParcel parcel;
    GEOSArea_r(handle, polygon.get(), &parcel.area_m2);
    auto centroid = geos::own(context, GEOSGetCentroid_r(handle, polygon.get()), "centroid");
    const Point c = point_of(handle, *centroid);
    parcel.centre_distance_m = std::hypot(c.x - result.layout.centre_x, c.y - result.layout.centre_y);
    parcel.core = parcel.centre_distance_m <= result.layout.core_radius_m;
    parcel.geometry = std::move(polygon);
    centroids.push_back(c);
    result.parcels.push_back(std::move(parcel));
  }
  number_parcels(commune, result.parcels, centroids);
  return result;
}

}  // namespace zanplan::synthetic
