// One Lambert-93 layer per GeoPackage, optionally with a QGIS default style. GDAL stamps
// gpkg_contents.last_change (and the metadata tables) with OGR_CURRENT_DATE when it is
// set, which makes two writes of the same table byte-identical.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <gdal_version.h>

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

std::string sql_text(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// Column aliases as gpkg_data_columns.name (the GeoPackage schema extension), where GIS
// tools look for a column's human name. GDAL writes the field alternative names there
// itself from 3.7 on; older releases ignore them, so the rows are written here.
void write_data_columns(GDALDataset& dataset, const ExportTable& table, const std::filesystem::path& target) {
#if GDAL_VERSION_NUM < GDAL_COMPUTE_VERSION(3, 7, 0)
  std::vector<std::string> statements{
      "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
      "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
      "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, "
      "title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
      "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))",
      "INSERT OR IGNORE INTO gpkg_extensions VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
      "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')"};
  for (const Column& column : table.columns) {
    if (column.alias.empty()) continue;
    statements.push_back("INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (" +
                         sql_text(table.layer_name) + ", " + sql_text(column.name) + ", " + sql_text(column.alias) + ", " +
                         sql_text(column.alias) + ")");
  }
  if (statements.size() == 3) return;  // no alias
  ogr::ErrorCapture capture;
  for (const std::string& statement : statements) {
    OGRLayer* result = dataset.ExecuteSQL(statement.c_str(), nullptr, nullptr);
    if (result != nullptr) dataset.ReleaseResultSet(result);
    if (!capture.last_error().empty()) {
      throw_output("cannot write the column aliases: " + capture.last_error(), {.file = target.string(), .layer = table.layer_name});
    }
  }
#else
  (void)dataset, (void)table, (void)target;
#endif
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
  write_data_columns(*dataset, table, target);
  for (const auto& [key, value] : table.metadata) layer.SetMetadataItem(key.c_str(), value.c_str());
  // GDAL writes these two items to gpkg_contents.identifier and .description.
  if (!table.title.empty()) layer.SetMetadataItem("IDENTIFIER", table.title.c_str());
  if (!table.abstract.empty()) layer.SetMetadataItem("DESCRIPTION", table.abstract.c_str());
  if (style) exporter::write_layer_styles(*dataset, layer, *style, prepared.layer_type, table.columns, timestamp, target);
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
