#include "ogr/handles.hpp"

#include <mutex>

namespace zanplan::ogr {

void ensure_drivers_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

ErrorCapture::ErrorCapture() { CPLPushErrorHandlerEx(&ErrorCapture::handler, this); }
ErrorCapture::~ErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL ErrorCapture::handler(CPLErr level, CPLErrorNum /*code*/, const char* message) {
  auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
  if (self == nullptr || message == nullptr) return;
  if (level >= CE_Failure) {
    self->last_error_ = message;
  } else if (level == CE_Warning) {
    self->last_warning_ = message;
  }
}

DatasetPtr open_vector(const std::string& path, bool update) {
  ensure_drivers_registered();
  ErrorCapture capture;
  const unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
  DatasetPtr dataset(GDALDataset::Open(path.c_str(), flags, nullptr, nullptr, nullptr));
  if (!dataset) {
    std::string why = capture.last_error().empty() ? "cannot be opened as vector data"
                                                   : capture.last_error();
    throw_input(why, {.file = path});
  }
  return dataset;
}

OGRLayer& layer_of(GDALDataset& dataset, const std::string& path, const std::string& name) {
  OGRLayer* layer = nullptr;
  if (name.empty()) {
    if (dataset.GetLayerCount() != 1) {
      throw_input("expected exactly one layer, found " + std::to_string(dataset.GetLayerCount()),
                  {.file = path});
    }
    layer = dataset.GetLayer(0);
  } else {
    layer = dataset.GetLayerByName(name.c_str());
  }
  if (layer == nullptr) throw_input("layer not found", {.file = path, .layer = name});
  return *layer;
}

int required_field(OGRLayer& layer, const std::string& path, const std::string& field) {
  const int index = layer.GetLayerDefn()->GetFieldIndex(field.c_str());
  if (index < 0) {
    throw_input("required column is missing", {.file = path, .layer = layer.GetName(), .key = field});
  }
  return index;
}

namespace {
OGRSpatialReference from_epsg(int code) {
  OGRSpatialReference srs;
  srs.importFromEPSG(code);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}
}  // namespace

OGRSpatialReference lambert93() { return from_epsg(2154); }
OGRSpatialReference wgs84() { return from_epsg(4326); }

TransformPtr make_transform(const OGRSpatialReference& source, const OGRSpatialReference& target,
                            const std::string& path) {
  ErrorCapture capture;
  TransformPtr transform(OGRCreateCoordinateTransformation(&source, &target));
  if (!transform) {
    throw_input("cannot build a coordinate transformation: " + capture.last_error(), {.file = path});
  }
  return transform;
}

}  // namespace zanplan::ogr
