#include "zanplan/map_data.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "ogr/handles.hpp"

namespace zanplan {

void MapBounds::add(double x, double y) {
  min_x = std::min(min_x, x);
  min_y = std::min(min_y, y);
  max_x = std::max(max_x, x);
  max_y = std::max(max_y, y);
}

void MapBounds::add(const MapBounds& other) {
  if (other.empty()) return;
  add(other.min_x, other.min_y);
  add(other.max_x, other.max_y);
}

namespace {

OGRSpatialReference web_mercator() {
  OGRSpatialReference srs;
  srs.importFromEPSG(3857);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

class FeatureBuilder {
 public:
  explicit FeatureBuilder(MapFeature& feature) : feature_(feature) {}

  void add_curve(const OGRSimpleCurve& curve) {
    feature_.part_starts.push_back(static_cast<std::uint32_t>(feature_.xy.size() / 2));
    for (int i = 0; i < curve.getNumPoints(); ++i) add_vertex(curve.getX(i), curve.getY(i));
  }
  void add_point(const OGRPoint& point) {
    feature_.part_starts.push_back(static_cast<std::uint32_t>(feature_.xy.size() / 2));
    add_vertex(point.getX(), point.getY());
  }
  void add(const OGRGeometry& g) {
    switch (wkbFlatten(g.getGeometryType())) {
      case wkbPoint: add_point(*g.toPoint()); break;
      case wkbLineString: add_curve(*g.toLineString()); break;
      case wkbPolygon:
        for (const auto* ring : *g.toPolygon()) add_curve(*ring);
        break;
      case wkbMultiPoint:
      case wkbMultiLineString:
      case wkbMultiPolygon:
      case wkbGeometryCollection:
        for (const auto* part : *g.toGeometryCollection()) add(*part);
        break;
      default: break;  // curves and surfaces other than these do not occur in a workspace
    }
  }

 private:
  void add_vertex(double x, double y) {
    feature_.xy.push_back(x);
    feature_.xy.push_back(y);
    feature_.bounds.add(x, y);
  }
  MapFeature& feature_;
};

MapGeometry geometry_kind(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint: return MapGeometry::point;
    case wkbLineString:
    case wkbMultiLineString: return MapGeometry::line;
    default: return MapGeometry::polygon;
  }
}

bool layer_is_synthetic(GDALDataset& dataset, const std::string& layer) {
  OGRLayer* provenance = dataset.GetLayerByName("zanplan_layers");
  if (provenance == nullptr) return false;
  bool synthetic = false;
  for (auto& row : *provenance) {
    if (row->GetFieldAsString("layer") == layer) synthetic = std::string(row->GetFieldAsString("provenance")) == "synthetic";
  }
  return synthetic;
}

int optional_field(OGRLayer& layer, const std::string& path, const std::string& field) {
  return field.empty() ? -1 : ogr::required_field(layer, path, field);
}

}  // namespace

MapLayerData read_map_layer(const std::filesystem::path& workspace, const MapLayerRequest& request) {
  const std::string path = workspace.string();
  auto dataset = ogr::open_vector(path);
  OGRLayer& layer = ogr::layer_of(*dataset, path, request.layer);
  const int id_index = optional_field(layer, path, request.id_field);
  const int value_index = optional_field(layer, path, request.value_field);
  const int label_index = optional_field(layer, path, request.label_field);
  if (!request.where.empty() && layer.SetAttributeFilter(request.where.c_str()) != OGRERR_NONE) {
    throw_usage("invalid attribute filter '" + request.where + "'", {.file = path, .layer = request.layer});
  }
  if (const auto& box = request.within_lambert93) layer.SetSpatialFilterRect(box->min_x, box->min_y, box->max_x, box->max_y);
  const OGRSpatialReference* source = layer.GetSpatialRef();
  if (source == nullptr) throw_workspace("layer has no geometry to draw", {.file = path, .layer = request.layer});
  OGRSpatialReference source_srs(*source);
  source_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  auto transform = ogr::make_transform(source_srs, web_mercator(), path);

  MapLayerData data;
  data.layer = request.layer;
  data.geometry = geometry_kind(layer.GetGeomType());
  data.synthetic = layer_is_synthetic(*dataset, request.layer);
  data.features.reserve(static_cast<std::size_t>(std::max<GIntBig>(0, layer.GetFeatureCount(FALSE))));
  layer.ResetReading();
  for (auto& feature : layer) {
    OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) continue;
    if (geometry->transform(transform.get()) != OGRERR_NONE) {
      throw_workspace("cannot reproject geometry to Web Mercator",
                      {.file = path, .layer = request.layer, .feature = feature->GetFID()});
    }
    MapFeature f;
    f.id = id_index >= 0 ? feature->GetFieldAsString(id_index) : std::to_string(feature->GetFID());
    if (label_index >= 0) f.label = feature->GetFieldAsString(label_index);
    if (value_index >= 0 && feature->IsFieldSetAndNotNull(value_index)) f.value = feature->GetFieldAsDouble(value_index);
    FeatureBuilder(f).add(*geometry);
    if (f.part_starts.empty()) continue;
    data.bounds.add(f.bounds);
    data.features.push_back(std::move(f));
  }
  return data;
}

namespace {
constexpr double kEarthRadius = 6378137.0;
constexpr double kPi = 3.14159265358979323846;

// One Lambert-93 → Web Mercator transformation shared by the process (PROJ objects are not
// thread-safe, hence the lock; this converts single points, never layers).
MapPoint transform_point(MapPoint p) {
  static std::mutex mutex;
  static ogr::TransformPtr transform = [] {
    ogr::ensure_drivers_registered();
    return ogr::make_transform(ogr::lambert93(), web_mercator(), "EPSG:2154");
  }();
  std::scoped_lock lock(mutex);
  double x = p.x, y = p.y;
  if (!transform->Transform(1, &x, &y)) throw_usage("point outside Lambert-93's domain");
  return {x, y};
}
}  // namespace

MapPoint lambert93_to_web_mercator(MapPoint p) { return transform_point(p); }

MapPoint lon_lat_to_lambert93(MapPoint lon_lat) {
  static std::mutex mutex;
  static ogr::TransformPtr transform = [] {
    ogr::ensure_drivers_registered();
    return ogr::make_transform(ogr::wgs84(), ogr::lambert93(), "EPSG:4326");
  }();
  std::scoped_lock lock(mutex);
  double x = lon_lat.x, y = lon_lat.y;
  if (!transform->Transform(1, &x, &y)) throw_usage("point outside Lambert-93's domain");
  return {x, y};
}

MapPoint web_mercator_to_lon_lat(MapPoint p) {
  const double lon = p.x / kEarthRadius * 180.0 / kPi;
  const double lat = (2.0 * std::atan(std::exp(p.y / kEarthRadius)) - kPi / 2.0) * 180.0 / kPi;
  return {lon, lat};
}

MapPoint lon_lat_to_web_mercator(MapPoint lon_lat) {
  const double x = lon_lat.x * kPi / 180.0 * kEarthRadius;
  const double y = std::log(std::tan(kPi / 4.0 + lon_lat.y * kPi / 360.0)) * kEarthRadius;
  return {x, y};
}

}  // namespace zanplan
