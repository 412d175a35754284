#include "infra/common.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include <fmt/format.h>

namespace zanplan::importer::infra {

// ---- region filter ----------------------------------------------------------------------

RegionFilter::RegionFilter(Context& context, double tolerance_m) : tolerance_m_(tolerance_m) {
  if (!context.region) {
    throw Error(ErrorKind::internal, "the region outline must be loaded before the infrastructure stage");
  }
  region_ = &*context.region;
}

bool RegionFilter::keeps(double x, double y) const { return region_->contains(x, y, tolerance_m_); }

// ---- reprojection -----------------------------------------------------------------------

ogr::TransformPtr transform_to_lambert93(OGRLayer& layer, const std::string& path) {
  const OGRSpatialReference* layer_srs = layer.GetSpatialRef();
  if (layer_srs == nullptr)
    throw_input("the layer has no coordinate reference system", {.file = path, .layer = layer.GetName()});
  OGRSpatialReference source(*layer_srs);
  // GDAL hands out coordinates as stored (lon, lat for GeoJSON and GeoPackage), even when
  // the CRS definition, like EPSG:4269, declares latitude first.
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return ogr::make_transform(source, ogr::lambert93(), path);
}

OGRPoint wgs84_to_lambert93(OGRCoordinateTransformation& transform, double lon, double lat,
                            const ErrorContext& where) {
  double x = lon;
  double y = lat;
  if (!transform.Transform(1, &x, &y) || !std::isfinite(x) || !std::isfinite(y)) {
    throw_input(fmt::format("cannot reproject ({}, {}) to Lambert-93", lon, lat), where);
  }
  return OGRPoint(x, y);
}

ogr::GeometryPtr lambert93_geometry(OGRFeature& feature, OGRCoordinateTransformation& transform,
                                    const ErrorContext& where) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (geometry == nullptr || geometry->IsEmpty()) throw_input("the feature has no geometry", where);
  ogr::GeometryPtr copy(geometry->clone());
  ogr::ErrorCapture capture;
  if (copy->transform(&transform) != OGRERR_NONE) {
    throw_input("cannot reproject to Lambert-93: " + capture.last_error(), where);
  }
  return copy;
}

// ---- geometry repair ----------------------------------------------------------------------

namespace {

// Adds a copy of every polygon found in `geometry` (recursing into collections) to `out`.
void collect_polygons(const OGRGeometry& geometry, OGRMultiPolygon& out) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPolygon) {
    if (!geometry.IsEmpty()) out.addGeometry(&geometry);
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    for (const OGRGeometry* part : *geometry.toGeometryCollection()) collect_polygons(*part, out);
  }
}

ogr::GeometryPtr as_multipolygon(const OGRGeometry& geometry) {
  auto out = std::make_unique<OGRMultiPolygon>();
  collect_polygons(geometry, *out);
  return ogr::GeometryPtr(out.release());
}

}  // namespace

ogr::GeometryPtr valid_multipolygon(ogr::GeometryPtr geometry, const ErrorContext& where, int& repaired) {
  const auto type = wkbFlatten(geometry->getGeometryType());
  if (type != wkbPolygon && type != wkbMultiPolygon) {
    throw_input(std::string("expected a polygon, found ") + OGRGeometryTypeToName(type), where);
  }
  ogr::ErrorCapture capture;  // GEOS reports the defect of an invalid geometry as a warning
  if (geometry->IsValid()) return as_multipolygon(*geometry);

  ogr::GeometryPtr fixed(geometry->MakeValid());
  if (!fixed) throw_input("invalid geometry that MakeValid cannot repair: " + capture.last_error(), where);
  auto polygons = as_multipolygon(*fixed);
  if (polygons->IsEmpty() || !polygons->IsValid()) {
    throw_input("invalid geometry with no valid polygon left after MakeValid", where);
  }
  ++repaired;
  return polygons;
}

OGRPoint point_on_surface(const OGRMultiPolygon& geometry, const ErrorContext& where) {
  ogr::ErrorCapture capture;
  // The C API reads the geometry only; it takes a non-const handle for historical reasons.
  ogr::GeometryPtr point(OGRGeometry::FromHandle(
      OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRMultiPolygon*>(&geometry)))));
  if (!point || wkbFlatten(point->getGeometryType()) != wkbPoint || point->IsEmpty()) {
    throw_input("no point on the surface: " + capture.last_error(), where);
  }
  return *point->toPoint();
}

PolygonFeature read_polygon(OGRFeature& feature, OGRCoordinateTransformation& transform,
                            const ErrorContext& where, int& repaired) {
  auto geometry = valid_multipolygon(lambert93_geometry(feature, transform, where), where, repaired);
  const OGRPoint anchor = point_on_surface(*geometry->toMultiPolygon(), where);
  return {std::move(geometry), anchor};
}

// ---- codes -----------------------------------------------------------------------------

namespace {
bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}
}  // namespace

std::string padded_insee(const std::string& code) {
  return code.size() == 4 && all_digits(code) ? "0" + code : code;
}

std::string padded_departement(const std::string& code) {
  return code.size() == 1 && all_digits(code) ? "0" + code : code;
}

std::set<std::string> departements_of(const std::set<std::string>& communes) {
  std::set<std::string> out;
  for (const auto& code : communes) {
    if (code.size() < 2) continue;
    out.insert(code.starts_with("97") ? code.substr(0, 3) : code.substr(0, 2));
  }
  return out;
}

// ---- commune lookup ----------------------------------------------------------------------

CommuneLocator::CommuneLocator(Context& context) {
  OGRLayer* layer = context.builder.dataset().GetLayerByName("communes");
  if (layer == nullptr) return;
  code_field_ = layer->GetLayerDefn()->GetFieldIndex("code");
  if (code_field_ >= 0) layer_ = layer;
}

std::optional<std::string> CommuneLocator::locate(const OGRPoint& point) const {
  if (layer_ == nullptr) return std::nullopt;
  std::optional<std::string> found;
  OGRPoint filter(point);
  layer_->SetSpatialFilter(&filter);
  layer_->ResetReading();
  for (auto& feature : *layer_) {
    const OGRGeometry* shape = feature->GetGeometryRef();
    if (shape != nullptr && shape->Contains(&point)) {
      found = feature->GetFieldAsString(code_field_);
      break;
    }
  }
  layer_->SetSpatialFilter(nullptr);
  return found;
}

// ---- writing -------------------------------------------------------------------------------

LayerWriter::LayerWriter(Context& context, const std::string& name, OGRwkbGeometryType geometry,
                         const std::vector<workspace::FieldSpec>& fields)
    : dataset_(context.builder.dataset()),
      layer_(&context.builder.create_layer(name, geometry, fields)),
      name_(name) {
  // Fails harmlessly when a caller already holds a transaction on the workspace.
  in_transaction_ = dataset_.StartTransaction() == OGRERR_NONE;
}

// A failed import discards the whole workspace (see workspace::Builder), so an unfinished
// transaction is simply left to it: rolling back GDAL's deferred table creation would leave
// the driver's layer object pointing at a table that no longer exists.
LayerWriter::~LayerWriter() = default;

void LayerWriter::add(OGRFeature& feature) {
  workspace::add_feature(*layer_, feature);
  ++written_;
}

void LayerWriter::commit() {
  if (!in_transaction_) return;
  in_transaction_ = false;
  ogr::ErrorCapture capture;
  if (dataset_.CommitTransaction() != OGRERR_NONE) {
    throw_output("cannot commit the layer: " + capture.last_error(), {.layer = name_});
  }
}

void set_text(OGRFeature& feature, const char* field, const std::string& value) {
  if (value.empty()) {
    feature.SetFieldNull(feature.GetFieldIndex(field));
  } else {
    feature.SetField(field, value.c_str());
  }
}

// ---- provenance ------------------------------------------------------------------------------

std::vector<const SourceEntry*> entries_with_prefix(const SourcesManifest& manifest,
                                                    const std::string& prefix) {
  std::vector<const SourceEntry*> out;
  for (const auto& [key, entry] : manifest.entries) {
    if (key.starts_with(prefix)) out.push_back(&entry);
  }
  return out;
}

std::string distance_text(double metres) {
  if (metres >= 1'000.0) return fmt::format("{:g} km", metres / 1'000.0);
  return fmt::format("{:g} m", metres);
}

}  // namespace zanplan::importer::infra
