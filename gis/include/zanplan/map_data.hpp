// Workspace layers for drawing: geometries reprojected once to Web Mercator (EPSG:3857,
// metres) and flattened into plain arrays, with one numeric value and one label per
// feature. The map library draws these without GDAL; see docs/map.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace zanplan {

enum class MapGeometry : std::uint8_t { point, line, polygon };

struct MapBounds {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();
  [[nodiscard]] bool empty() const { return min_x > max_x; }
  void add(double x, double y);
  void add(const MapBounds& other);
  [[nodiscard]] bool intersects(const MapBounds& other) const {
    return !(other.min_x > max_x || other.max_x < min_x || other.min_y > max_y || other.max_y < min_y);
  }
  [[nodiscard]] bool contains(const MapBounds& other) const {
    return !empty() && !other.empty() && other.min_x >= min_x && other.max_x <= max_x && other.min_y >= min_y &&
           other.max_y <= max_y;
  }
};

struct MapFeature {
  std::string id;
  std::string label;
  double value = std::numeric_limits<double>::quiet_NaN();
  // Vertices as x0, y0, x1, y1 … Each part (polygon ring, line string or point) starts at
  // the vertex index in part_starts; a polygon's rings are filled even-odd.
  std::vector<double> xy;
  std::vector<std::uint32_t> part_starts;
  MapBounds bounds;
};

struct MapLayerData {
  std::string layer;  // workspace layer name
  MapGeometry geometry = MapGeometry::point;
  std::vector<MapFeature> features;
  MapBounds bounds;
  bool synthetic = false;  // its provenance row says synthetic
};

// What to read: the id, value and label fields (empty: the feature id, NaN, no label) and an
// optional OGR attribute filter.
struct MapLayerRequest {
  std::string layer;
  std::string id_field;
  std::string value_field;
  std::string label_field;
  std::string where;
  // Only features whose box meets this Lambert-93 box (read through the layer's R-tree).
  std::optional<MapBounds> within_lambert93;
};

// Throws a workspace error naming the file, layer and field when one is missing.
MapLayerData read_map_layer(const std::filesystem::path& workspace, const MapLayerRequest& request);

// One layer of a workspace held open for repeated reads of the features whose boxes meet a
// box (the map reads its large layers per view this way): the box is looked up in the
// GeoPackage's R-tree (rtree_<table>_<geometry column>), each feature whose stored box meets it
// is read, with no exact geometry test. Opening checks the layer and fields as read_map_layer
// does (request.within_lambert93 is ignored). One read at a time: reads from several threads
// wait for each other; open one reader per layer to read layers in parallel.
class MapLayerReader {
 public:
  MapLayerReader(const std::filesystem::path& workspace, const MapLayerRequest& request);
  ~MapLayerReader();
  MapLayerReader(const MapLayerReader&) = delete;
  MapLayerReader& operator=(const MapLayerReader&) = delete;

  // The features whose Lambert-93 boxes meet `lambert93_box`, geometries in Web Mercator, in
  // the table's order. Once `cancel` is set, returns at the next feature with what it has.
  MapLayerData read(const MapBounds& lambert93_box, const std::atomic<bool>* cancel = nullptr);
  // Whether reads go through the layer's R-tree (else through OGR's spatial filter).
  [[nodiscard]] bool uses_rtree() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Lambert-93 (EPSG:2154) → Web Mercator, and Web Mercator → WGS84 longitude/latitude.
struct MapPoint {
  double x = 0, y = 0;
};
MapPoint lambert93_to_web_mercator(MapPoint p);
MapPoint web_mercator_to_lon_lat(MapPoint p);
MapPoint lon_lat_to_web_mercator(MapPoint lon_lat);
MapPoint lon_lat_to_lambert93(MapPoint lon_lat);
// The Lambert-93 box that holds a Web Mercator box (its edges sampled, then padded by a
// metre: the box's edges are curved in Lambert-93).
MapBounds web_mercator_box_to_lambert93(const MapBounds& box);

}  // namespace zanplan
