#include "geos/context.hpp"


#include "zanplan/error.hpp"

namespace zanplan::geos {

Context::Context() : handle_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(handle_, &Context::on_error, this);
}

Context::~Context() { GEOS_finish_r(handle_); }

Context& Context::current() {
  thread_local Context context;
  return context;
}

void Context::on_error(const char* message, void* userdata) {
  auto* self = static_cast<Context*>(userdata);
  if (self != nullptr && message != nullptr) self->last_error_ = message;
}

GeometryPtr own(Context& context, GEOSGeometry* geometry, const char* what) {
  if (geometry == nullptr) {
    throw Error(ErrorKind::internal, std::string("GEOS ") + what + " failed: " + context.last_error());
  }
  return GeometryPtr(geometry, GeometryDeleter{context.handle()});
}

PreparedPtr prepare(Context& context, const GEOSGeometry& geometry) {
  const GEOSPreparedGeometry* prepared = GEOSPrepare_r(context.handle(), &geometry);
  if (prepared == nullptr) {
    throw Error(ErrorKind::internal, "GEOS prepare failed: " + context.last_error());
  }
  return PreparedPtr(prepared, PreparedDeleter{context.handle()});
}

GeometryPtr from_wkb(Context& context, const unsigned char* wkb, std::size_t size) {
  return own(context, GEOSGeomFromWKB_buf_r(context.handle(), wkb, size), "WKB read");
}

GeometryPtr from_wkt(Context& context, const std::string& wkt) {
  GEOSWKTReader* reader = GEOSWKTReader_create_r(context.handle());
  GEOSGeometry* g = GEOSWKTReader_read_r(context.handle(), reader, wkt.c_str());
  GEOSWKTReader_destroy_r(context.handle(), reader);
  return own(context, g, "WKT read");
}

std::string to_wkt(Context& context, const GEOSGeometry& geometry, int decimals) {
  GEOSWKTWriter* writer = GEOSWKTWriter_create_r(context.handle());
  GEOSWKTWriter_setRoundingPrecision_r(context.handle(), writer, decimals);
  GEOSWKTWriter_setTrim_r(context.handle(), writer, 1);
  char* text = GEOSWKTWriter_write_r(context.handle(), writer, &geometry);
  GEOSWKTWriter_destroy_r(context.handle(), writer);
  if (text == nullptr) throw Error(ErrorKind::internal, "GEOS WKT write failed");
  std::string out(text);
  GEOSFree_r(context.handle(), text);
  return out;
}

}  // namespace zanplan::geos
