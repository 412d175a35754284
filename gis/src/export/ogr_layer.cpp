#include "export/ogr_layer.hpp"

#include <cmath>

#include <cpl_conv.h>

#include "export/rounding.hpp"

namespace zanplan::exporter {

namespace {

OGRFieldType field_type(ColumnType type) {
  switch (type) {
    case ColumnType::integer: return OFTInteger64;
    case ColumnType::real: return OFTReal;
    case ColumnType::text: return OFTString;
    case ColumnType::boolean: return OFTInteger;
  }
  return OFTString;
}

void create_fields(OGRLayer& layer, const ExportTable& table, const std::filesystem::path& path) {
  ogr::ErrorCapture capture;
  for (const Column& column : table.columns) {
    OGRFieldDefn field(column.name.c_str(), field_type(column.type));
    if (column.type == ColumnType::boolean) field.SetSubType(OFSTBoolean);
    // The GeoPackage keeps it in gpkg_data_columns.name, which QGIS shows as the field's alias.
    if (!column.alias.empty()) field.SetAlternativeName(column.alias.c_str());
    if (layer.CreateField(&field) != OGRERR_NONE) {
      throw_output("cannot create field: " + capture.last_error(),
                   {.file = path.string(), .layer = table.layer_name, .key = column.name});
    }
  }
}

struct FieldSetter {
  OGRFeature& feature;
  int index;
  int decimals;
  void operator()(std::monostate) const { feature.SetFieldNull(index); }
  void operator()(std::int64_t v) const { feature.SetField(index, static_cast<GIntBig>(v)); }
  void operator()(double v) const {
    if (std::isfinite(v)) feature.SetField(index, decimals >= 0 ? rounded(v, decimals) : v);
    else feature.SetFieldNull(index);
  }
  void operator()(const std::string& v) const { feature.SetField(index, v.c_str()); }
  void operator()(bool v) const { feature.SetField(index, v ? 1 : 0); }
};

}  // namespace

void write_rows(OGRLayer& layer, const PreparedTable& prepared, const std::filesystem::path& path) {
  const ExportTable& table = *prepared.table;
  create_fields(layer, table, path);
  ogr::ErrorCapture capture;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    OGRFeature feature(layer.GetLayerDefn());
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      std::visit(FieldSetter{feature, static_cast<int>(c), table.columns[c].decimals}, table.rows[r][c]);
    }
    if (prepared.has_geometry && prepared.geometries[r]) feature.SetGeometry(prepared.geometries[r].get());
    if (layer.CreateFeature(&feature) != OGRERR_NONE) {
      throw_output("cannot write feature: " + capture.last_error(), row_context(table, path, r));
    }
  }
}

void close_dataset(ogr::DatasetPtr& dataset, const std::filesystem::path& path) {
  ogr::ErrorCapture capture;
  dataset.reset();  // GDAL 3.6's GDALClose reports failures only through the handler
  if (!capture.last_error().empty()) throw_output("cannot finish writing: " + capture.last_error(), {.file = path.string()});
}

ScopedConfigOption::ScopedConfigOption(const char* key, const std::string& value) : key_(key) {
  if (const char* previous = CPLGetThreadLocalConfigOption(key, nullptr); previous != nullptr) previous_ = previous;
  CPLSetThreadLocalConfigOption(key, value.c_str());
}

ScopedConfigOption::~ScopedConfigOption() {
  CPLSetThreadLocalConfigOption(key_.c_str(), previous_ ? previous_->c_str() : nullptr);
}

}  // namespace zanplan::exporter
