// One Lambert-93 layer per GeoPackage, optionally with a QGIS default style. GDAL stamps
// gpkg_contents.last_change (and the metadata tables) with OGR_CURRENT_DATE when it is
// set, which makes two writes of the same table byte-identical.
#include <algorithm>
#include <cctype>

#include "export/export_set.hpp"
#include "export/ogr_layer.hpp"
#include "export/qgis_style.hpp"
#include "export/table.hpp"

namespace zanplan {

namespace {

constexpr const char* default_timestamp = "2000-01-01T00:00:00.000Z";

bool matches_pattern(const std::string& text, const std::string& pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool ok = pattern[i] == 'd' ? std::isdigit(static_cast<unsigned char>(text[i])) != 0 : text[i] == pattern[i];
    if (!ok) return false;
  }
  return true;
}

// The file's timestamps: metadata "created_at" in the GeoPackage form
// "YYYY-MM-DDTHH:MM:SS.sssZ", or a fixed date when the table has none.
std::string package_timestamp(const ExportTable& table, const std::filesystem::path& path) {
  const auto created = table.metadata.find("created_at");
  if (created == table.metadata.end()) return default_timestamp;
  const std::string& value = created->second;
  if (matches_pattern(value, "dddd-dd-ddTdd:dd:ddZ")) return value.substr(0, 19) + ".000Z";
  if (matches_pattern(value, "dddd-dd-ddTdd:dd:dd.dddZ")) return value;
  throw_output("metadata created_at is not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)",
               {.file = path.string(), .layer = table.layer_name, .key = "created_at"});
}

OGRLayer& create_layer(GDALDataset& dataset, const exporter::PreparedTable& prepared, const std::filesystem::path& target) {
  const ExportTable& table = *prepared.table;
  ogr::ErrorCapture capture;
  char** options = nullptr;
  options = CSLSetNameValue(options, "GEOMETRY_NAME", "geom");
  options = CSLSetNameValue(options, "FID", "fid");
  options = CSLSetNameValue(options, "SPATIAL_INDEX", prepared.has_geometry ? "YES" : "NO");
  OGRSpatialReference l93 = ogr::lambert93();
  OGRLayer* layer = dataset.CreateLayer(table.layer_name.c_str(), prepared.has_geometry ? &l93 : nullptr,
                                        prepared.has_geometry ? prepared.layer_type : wkbNone, options);
  CSLDestroy(options);
  if (layer == nullptr) {
    throw_output("cannot create layer: " + capture.last_error(), {.file = target.string(), .layer = table.layer_name});
  }
  return *layer;
}

void write_package(const exporter::PreparedTable& prepared, const std::optional<GraduatedStyle>& style,
                   const std::string& timestamp, const std::filesystem::path& file, const std::filesystem::path& target) {
  const ExportTable& table = *prepared.table;
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (driver == nullptr) throw Error(ErrorKind::internal, "GDAL has no GPKG driver");
  ogr::ErrorCapture capture;
  ogr::DatasetPtr dataset(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset) throw_output("cannot create file: " + capture.last_error(), {.file = target.string()});

  OGRLayer& layer = create_layer(*dataset, prepared, target);
  if (dataset->StartTransaction() != OGRERR_NONE) throw_output("cannot start a transaction: " + capture.last_error(), {.file = target.string()});
  exporter::write_rows(layer, prepared, target);
  if (dataset->CommitTransaction() != OGRERR_NONE) throw_output("cannot commit: " + capture.last_error(), {.file = target.string()});
  for (const auto& [key, value] : table.metadata) layer.SetMetadataItem(key.c_str(), value.c_str());
  if (style) exporter::write_layer_styles(*dataset, layer, *style, prepared.layer_type, timestamp, target);
  exporter::close_dataset(dataset, target);
}

}  // namespace

namespace exporter {

void write_geopackage_file(const PreparedTable& prepared, const std::optional<GraduatedStyle>& style,
                           const std::filesystem::path& file, const std::filesystem::path& target) {
  if (style) check_style(*style, prepared, target);
  const std::string timestamp = package_timestamp(*prepared.table, target);
  const ScopedConfigOption fixed_date("OGR_CURRENT_DATE", timestamp);
  write_package(prepared, style, timestamp, file, target);
}

}  // namespace exporter

}  // namespace zanplan
