// Bridges between the flat polygon arrays and GEOS, and small readers of workspace layers
// through the same SQLite connection as the bulk readers. Internal to gis.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "geos/context.hpp"
#include "sites/box_index.hpp"
#include "workspace/polygon_set.hpp"
#include "workspace/sqlite_reader.hpp"

namespace zanplan::sites {

// Item `item` of `polygons` as a GEOS Polygon or MultiPolygon, in the calling thread's context.
geos::GeometryPtr to_geos(const workspace::PolygonSet& polygons, std::size_t item);

// The geometry's bounding box, in the calling thread's context.
workspace::Box box_of(const GEOSGeometry& geometry);

// The geometry column of a GeoPackage layer (from gpkg_geometry_columns); a workspace error
// when the layer has none.
std::string geometry_column(workspace::ReadOnlyDatabase& db, const std::string& layer);

// A point from a GeoPackage geometry blob; false for an empty or non-point geometry.
bool gpkg_point(std::span<const unsigned char> blob, double& x, double& y);

// Polygons of a layer, prepared and indexed, for "is this inside / does this touch" tests.
class PolygonLayer {
 public:
  PolygonLayer() = default;
  // `where` is a fixed SQL condition written by the caller (never user text), or empty.
  PolygonLayer(workspace::ReadOnlyDatabase& db, const std::string& layer, const std::string& where = {});

  [[nodiscard]] bool contains(double x, double y) const;
  [[nodiscard]] bool intersects(const GEOSGeometry& geometry, const workspace::Box& box) const;
  // Within `distance` metres of a polygon (touching it when distance is 0); `box` is the
  // geometry's own.
  [[nodiscard]] bool within(const GEOSGeometry& geometry, const workspace::Box& box, double distance) const;
  [[nodiscard]] std::size_t size() const noexcept { return geometries_.size(); }

 private:
  std::vector<geos::GeometryPtr> geometries_;
  std::vector<geos::PreparedPtr> prepared_;
  BoxIndex index_;
};

}  // namespace zanplan::sites
