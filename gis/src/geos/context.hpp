// A GEOS reentrant-API context per thread and owning handles for GEOS geometries.
// Internal to the gis library.
#pragma once

#include <memory>
#include <string>

#include <geos_c.h>

namespace zanplan::geos {

// One context per thread (GEOS contexts are not thread-safe). The message handler records
// the last error; it never throws through GEOS's C frames.
class Context {
 public:
  Context();
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  [[nodiscard]] GEOSContextHandle_t handle() const noexcept { return handle_; }
  [[nodiscard]] const std::string& last_error() const noexcept { return last_error_; }

  // The calling thread's context.
  static Context& current();

 private:
  static void on_error(const char* message, void* userdata);
  GEOSContextHandle_t handle_;
  std::string last_error_;
};

struct GeometryDeleter {
  GEOSContextHandle_t context = nullptr;
  void operator()(GEOSGeometry* g) const noexcept { GEOSGeom_destroy_r(context, g); }
};
using GeometryPtr = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

struct PreparedDeleter {
  GEOSContextHandle_t context = nullptr;
  void operator()(const GEOSPreparedGeometry* g) const noexcept {
    GEOSPreparedGeom_destroy_r(context, g);
  }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

// Takes ownership of a geometry returned by a GEOS *_r call; throws zanplan::Error
// (internal) with GEOS's message and `what` when the call returned null.
GeometryPtr own(Context& context, GEOSGeometry* geometry, const char* what);

PreparedPtr prepare(Context& context, const GEOSGeometry& geometry);

GeometryPtr from_wkb(Context& context, const unsigned char* wkb, std::size_t size);
GeometryPtr from_wkt(Context& context, const std::string& wkt);
std::string to_wkt(Context& context, const GEOSGeometry& geometry, int decimals = 3);

}  // namespace zanplan::geos
