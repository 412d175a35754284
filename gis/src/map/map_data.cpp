#include "zanplan/map_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
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

namespace {

struct LayerFields {
  int id = -1, value = -1, label = -1;
};

LayerFields fields_of(OGRLayer& layer, const std::string& path, const MapLayerRequest& request) {
  return {optional_field(layer, path, request.id_field), optional_field(layer, path, request.value_field),
          optional_field(layer, path, request.label_field)};
}

void set_attribute_filter(OGRLayer& layer, const std::string& where, const std::string& path, const std::string& name) {
  if (layer.SetAttributeFilter(where.empty() ? nullptr : where.c_str()) != OGRERR_NONE) {
    throw_usage("invalid attribute filter '" + where + "'", {.file = path, .layer = name});
  }
}

ogr::TransformPtr transform_to_web_mercator(OGRLayer& layer, const std::string& path, const std::string& name) {
  const OGRSpatialReference* source = layer.GetSpatialRef();
  if (source == nullptr) throw_workspace("layer has no geometry to draw", {.file = path, .layer = name});
  OGRSpatialReference source_srs(*source);
  source_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return ogr::make_transform(source_srs, web_mercator(), path);
}

constexpr std::size_t kCancelCheckEvery = 256;

// Reads the layer's features as filtered, reprojected, into `data`; stops early once `cancel`
// is set.
void read_features(OGRLayer& layer, const LayerFields& fields, OGRCoordinateTransformation& transform,
                   const std::string& path, const std::string& name, MapLayerData& data,
                   const std::atomic<bool>* cancel) {
  layer.ResetReading();
  std::size_t seen = 0;
  for (auto& feature : layer) {
    if (cancel != nullptr && ++seen % kCancelCheckEvery == 0 && cancel->load(std::memory_order_relaxed)) return;
    OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) continue;
    if (geometry->transform(&transform) != OGRERR_NONE) {
      throw_workspace("cannot reproject geometry to Web Mercator", {.file = path, .layer = name, .feature = feature->GetFID()});
    }
    MapFeature f;
    f.id = fields.id >= 0 ? feature->GetFieldAsString(fields.id) : std::to_string(feature->GetFID());
    if (fields.label >= 0) f.label = feature->GetFieldAsString(fields.label);
    if (fields.value >= 0 && feature->IsFieldSetAndNotNull(fields.value)) f.value = feature->GetFieldAsDouble(fields.value);
    FeatureBuilder(f).add(*geometry);
    if (f.part_starts.empty()) continue;
    data.bounds.add(f.bounds);
    data.features.push_back(std::move(f));
  }
}

std::string number(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

}  // namespace

MapLayerData read_map_layer(const std::filesystem::path& workspace, const MapLayerRequest& request) {
  const std::string path = workspace.string();
  auto dataset = ogr::open_vector(path);
  OGRLayer& layer = ogr::layer_of(*dataset, path, request.layer);
  const LayerFields fields = fields_of(layer, path, request);
  if (!request.where.empty()) set_attribute_filter(layer, request.where, path, request.layer);
  if (const auto& box = request.within_lambert93) layer.SetSpatialFilterRect(box->min_x, box->min_y, box->max_x, box->max_y);
  auto transform = transform_to_web_mercator(layer, path, request.layer);

  MapLayerData data;
  data.layer = request.layer;
  data.geometry = geometry_kind(layer.GetGeomType());
  data.synthetic = layer_is_synthetic(*dataset, request.layer);
  data.features.reserve(static_cast<std::size_t>(std::max<GIntBig>(0, layer.GetFeatureCount(FALSE))));
  read_features(layer, fields, *transform, path, request.layer, data, nullptr);
  return data;
}

struct MapLayerReader::Impl {
  std::mutex mutex;
  std::string path;
  MapLayerRequest request;
  ogr::DatasetPtr dataset;
  OGRLayer* layer = nullptr;
  LayerFields fields;
  ogr::TransformPtr transform;
  std::string rtree;  // "rtree_<table>_<geometry column>", empty without one
  std::string fid_column;
  MapGeometry geometry = MapGeometry::point;
  bool synthetic = false;
};

MapLayerReader::MapLayerReader(const std::filesystem::path& workspace, const MapLayerRequest& request)
    : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.path = workspace.string();
  d.request = request;
  d.dataset = ogr::open_vector(d.path);
  d.layer = &ogr::layer_of(*d.dataset, d.path, request.layer);
  d.fields = fields_of(*d.layer, d.path, request);
  if (!request.where.empty()) set_attribute_filter(*d.layer, request.where, d.path, request.layer);  // checked once
  d.transform = transform_to_web_mercator(*d.layer, d.path, request.layer);
  d.geometry = geometry_kind(d.layer->GetGeomType());
  d.synthetic = layer_is_synthetic(*d.dataset, request.layer);
  d.fid_column = d.layer->GetFIDColumn();
  const std::string rtree = std::string("rtree_") + d.layer->GetName() + "_" + d.layer->GetGeometryColumn();
  if (!d.fid_column.empty() && std::string(d.dataset->GetDriverName()) == "GPKG") {
    // The R-tree is a virtual table that OGR does not list as a layer; ask SQLite.
    const std::string sql = "SELECT 1 FROM sqlite_master WHERE name = '" + rtree + "'";
    if (OGRLayer* found = d.dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr)) {
      if (found->GetFeatureCount(TRUE) > 0) d.rtree = rtree;
      d.dataset->ReleaseResultSet(found);
    }
  }
}

MapLayerReader::~MapLayerReader() = default;

bool MapLayerReader::uses_rtree() const { return !impl_->rtree.empty(); }

MapLayerData MapLayerReader::read(const MapBounds& box, const std::atomic<bool>* cancel) {
  Impl& d = *impl_;
  std::scoped_lock lock(d.mutex);
  MapLayerData data;
  data.layer = d.request.layer;
  data.geometry = d.geometry;
  data.synthetic = d.synthetic;
  if (box.empty()) return data;
  if (!d.rtree.empty()) {
    // The R-tree lookup as SQL in the attribute filter (the GeoPackage driver passes it to
    // SQLite): every feature whose stored box meets the box, and no exact geometry test.
    std::string where = "\"" + d.fid_column + "\" IN (SELECT id FROM \"" + d.rtree + "\" WHERE maxx >= " + number(box.min_x) +
                        " AND minx <= " + number(box.max_x) + " AND maxy >= " + number(box.min_y) +
                        " AND miny <= " + number(box.max_y) + ")";
    if (!d.request.where.empty()) where += " AND (" + d.request.where + ")";
    set_attribute_filter(*d.layer, where, d.path, d.request.layer);
    d.layer->SetSpatialFilter(nullptr);
  } else {
    d.layer->SetSpatialFilterRect(box.min_x, box.min_y, box.max_x, box.max_y);
  }
  read_features(*d.layer, d.fields, *d.transform, d.path, d.request.layer, data, cancel);
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

MapBounds web_mercator_box_to_lambert93(const MapBounds& box) {
  static std::mutex mutex;
  static ogr::TransformPtr transform = [] {
    ogr::ensure_drivers_registered();
    return ogr::make_transform(web_mercator(), ogr::lambert93(), "EPSG:3857");
  }();
  MapBounds out;
  if (box.empty()) return out;
  constexpr int kSteps = 8;
  std::scoped_lock lock(mutex);
  for (int i = 0; i <= kSteps; ++i) {
    const double t = static_cast<double>(i) / kSteps;
    const double x = box.min_x + (box.max_x - box.min_x) * t, y = box.min_y + (box.max_y - box.min_y) * t;
    for (MapPoint p : {MapPoint{x, box.min_y}, MapPoint{x, box.max_y}, MapPoint{box.min_x, y}, MapPoint{box.max_x, y}}) {
      if (transform->Transform(1, &p.x, &p.y)) out.add(p.x, p.y);
    }
  }
  if (out.empty()) return out;
  out.add(out.min_x - 1, out.min_y - 1);
  out.add(out.max_x + 1, out.max_y + 1);
  return out;
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
