// RFC 7946 GeoJSON through GDAL's GeoJSON driver: in RFC 7946 mode it reprojects to
// EPSG:4326 lon/lat, orients rings by the right-hand rule and writes no crs member.
#include <nlohmann/json.hpp>

#include "export/atomic_file.hpp"
#include "export/ogr_layer.hpp"
#include "export/table.hpp"

namespace zanplan {

namespace {

// The metadata as the FeatureCollection's foreign member "zanplan" (keys sorted).
std::string native_data(const ExportTable& table) {
  nlohmann::ordered_json collection;
  collection["type"] = "FeatureCollection";
  collection["zanplan"] = nlohmann::json::object();
  for (const auto& [key, value] : table.metadata) collection["zanplan"][key] = value;
  return collection.dump();
}

void write_collection(const exporter::PreparedTable& prepared, const std::filesystem::path& file,
                      const std::filesystem::path& target) {
  const ExportTable& table = *prepared.table;
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GeoJSON");
  if (driver == nullptr) throw Error(ErrorKind::internal, "GDAL has no GeoJSON driver");
  ogr::ErrorCapture capture;
  ogr::DatasetPtr dataset(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset) throw_output("cannot create file: " + capture.last_error(), {.file = target.string()});

  char** options = nullptr;
  options = CSLSetNameValue(options, "RFC7946", "YES");
  options = CSLSetNameValue(options, "WRITE_BBOX", "NO");
  options = CSLSetNameValue(options, "COORDINATE_PRECISION", "7");
  const std::string native = native_data(table);
  if (!table.metadata.empty()) {
    options = CSLSetNameValue(options, "NATIVE_MEDIA_TYPE", "application/vnd.geo+json");
    options = CSLSetNameValue(options, "NATIVE_DATA", native.c_str());
  }
  OGRSpatialReference l93 = ogr::lambert93();
  OGRLayer* layer = dataset->CreateLayer(table.layer_name.c_str(), prepared.has_geometry ? &l93 : nullptr,
                                         prepared.has_geometry ? prepared.layer_type : wkbNone, options);
  CSLDestroy(options);
  if (layer == nullptr) {
    throw_output("cannot create layer: " + capture.last_error(), {.file = target.string(), .layer = table.layer_name});
  }
  exporter::write_rows(*layer, prepared, target);
  exporter::close_dataset(dataset, target);
}

}  // namespace

void write_geojson(const ExportTable& table, const std::filesystem::path& path) {
  ogr::ensure_drivers_registered();
  const exporter::PreparedTable prepared = exporter::prepare(table, path);
  exporter::AtomicFile file(path);
  write_collection(prepared, file.temporary(), path);
  file.commit();
}

}  // namespace zanplan
