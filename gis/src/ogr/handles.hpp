// Owning handles for GDAL/OGR objects and the translation of GDAL failures into
// zanplan::Error. Internal to the gis library: public headers never include GDAL.
#pragma once

#include <memory>
#include <string>

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "zanplan/error.hpp"

namespace zanplan::ogr {

struct DatasetCloser {
  void operator()(GDALDataset* d) const noexcept { GDALClose(GDALDataset::ToHandle(d)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
  void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

struct GeometryDeleter {
  void operator()(OGRGeometry* g) const noexcept { OGRGeometryFactory::destroyGeometry(g); }
};
using GeometryPtr = std::unique_ptr<OGRGeometry, GeometryDeleter>;

struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* t) const noexcept {
    OGRCoordinateTransformation::DestroyCT(t);
  }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// Registers GDAL's drivers once per process; cheap to call again.
void ensure_drivers_registered();

// While alive, GDAL errors and warnings on this thread are recorded instead of printed.
// The callback never throws; callers check last_error() after a failed call.
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  [[nodiscard]] const std::string& last_error() const noexcept { return last_error_; }
  [[nodiscard]] const std::string& last_warning() const noexcept { return last_warning_; }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum code, const char* message);
  std::string last_error_;
  std::string last_warning_;
};

// Opens a vector dataset read-only (or for update); throws an input error naming the file.
// allowed_drivers may be empty (any driver) or e.g. {"GeoJSON"}.
DatasetPtr open_vector(const std::string& path, bool update = false);

// The named layer (or the only layer when name is empty); throws an input error that names
// the file and the layer.
OGRLayer& layer_of(GDALDataset& dataset, const std::string& path, const std::string& name = {});

// Index of a required attribute field; throws an input error naming file, layer and key.
int required_field(OGRLayer& layer, const std::string& path, const std::string& field);

// EPSG:2154 and EPSG:4326, both with x = easting/longitude axis order.
OGRSpatialReference lambert93();
OGRSpatialReference wgs84();

// Transformation from source to target; throws an input error naming file when PROJ fails.
TransformPtr make_transform(const OGRSpatialReference& source, const OGRSpatialReference& target,
                            const std::string& path);

}  // namespace zanplan::ogr
