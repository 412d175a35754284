#include "export/table.hpp"
#include "export/rounding.hpp"
#include "text/csv.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include <fmt/format.h>

namespace zanplan::exporter {

namespace {

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

ErrorContext table_context(const ExportTable& table, const std::filesystem::path& path, const std::string& key = {}) {
  return {.file = path.string(), .layer = table.layer_name, .key = key};
}

void check_names(const ExportTable& table, const std::filesystem::path& path) {
  if (table.layer_name.empty() || !is_valid_utf8(table.layer_name)) {
    throw_output("the layer name is empty or not UTF-8", table_context(table, path));
  }
  std::set<std::string> seen;  // SQLite compares column names without case
  for (const Column& column : table.columns) {
    const std::string key = lower_case(column.name);
    if (column.name.empty() || !is_valid_utf8(column.name)) throw_output("column name is empty or not UTF-8", table_context(table, path, column.name));
    if (std::find(std::begin(reserved_columns), std::end(reserved_columns), key) != std::end(reserved_columns)) {
      throw_output("column name is reserved by the exporters", table_context(table, path, column.name));
    }
    if (!seen.insert(key).second) throw_output("duplicate column name", table_context(table, path, column.name));
    if (column.decimals < -1 || column.decimals > max_decimals) {
      throw_output(fmt::format("decimals {} outside -1–{}", column.decimals, max_decimals), table_context(table, path, column.name));
    }
  }
  if (!is_valid_utf8(table.title) || !is_valid_utf8(table.abstract)) {
    throw_output("the title or the abstract is not UTF-8", table_context(table, path));
  }
  for (const auto& [key, value] : table.metadata) {
    if (key.empty() || !is_valid_utf8(key) || !is_valid_utf8(value)) {
      throw_output("metadata key is empty or metadata is not UTF-8", table_context(table, path, key));
    }
  }
}

// Index of the Value alternative a column of this type holds.
std::size_t alternative_of(ColumnType type) {
  switch (type) {
    case ColumnType::integer: return 1;
    case ColumnType::real: return 2;
    case ColumnType::text: return 3;
    case ColumnType::boolean: return 4;
  }
  return 0;
}

const char* type_name(ColumnType type) {
  switch (type) {
    case ColumnType::integer: return "integer";
    case ColumnType::real: return "real";
    case ColumnType::text: return "text";
    case ColumnType::boolean: return "boolean";
  }
  return "?";
}

void check_rows(const ExportTable& table, const std::filesystem::path& path) {
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (row.size() != table.columns.size()) {
      throw_output(fmt::format("row has {} values for {} columns", row.size(), table.columns.size()), row_context(table, path, r));
    }
    for (std::size_t c = 0; c < row.size(); ++c) {
      const Column& column = table.columns[c];
      const Value& value = row[c];
      if (value.index() != 0 && value.index() != alternative_of(column.type)) {
        throw_output(fmt::format("value does not match the column type {}", type_name(column.type)),
               row_context(table, path, r, column.name));
      }
      if (const auto* text = std::get_if<std::string>(&value); text != nullptr && !is_valid_utf8(*text)) {
        throw_output("text is not valid UTF-8", row_context(table, path, r, column.name));
      }
    }
  }
}

ogr::GeometryPtr decode(const std::string& wkb, const ExportTable& table, const std::filesystem::path& path, std::size_t row) {
  if (wkb.empty()) return nullptr;
  OGRGeometry* raw = nullptr;
  std::size_t consumed = 0;
  const OGRErr status = OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size(), wkbVariantIso, consumed);
  ogr::GeometryPtr geometry(raw);
  if (status != OGRERR_NONE || !geometry) throw_output("geometry is not valid WKB", row_context(table, path, row));
  if (consumed != wkb.size()) throw_output("geometry WKB has trailing bytes", row_context(table, path, row));
  geometry->flattenTo2D();
  return geometry;
}

OGRwkbGeometryType multi_of(OGRwkbGeometryType type) {
  switch (type) {
    case wkbPoint: case wkbMultiPoint: return wkbMultiPoint;
    case wkbLineString: case wkbMultiLineString: return wkbMultiLineString;
    case wkbPolygon: case wkbMultiPolygon: return wkbMultiPolygon;
    default: return wkbUnknown;
  }
}

// The one type of all geometries; else the multi type of their common family (single
// geometries are then promoted, as a GeoPackage layer holds one declared type); else any.
OGRwkbGeometryType common_type(std::vector<ogr::GeometryPtr>& geometries) {
  std::set<OGRwkbGeometryType> types;
  for (const auto& g : geometries) {
    if (g) types.insert(wkbFlatten(g->getGeometryType()));
  }
  if (types.empty()) return wkbUnknown;
  if (types.size() == 1) return *types.begin();
  std::set<OGRwkbGeometryType> families;
  for (OGRwkbGeometryType t : types) families.insert(multi_of(t));
  if (families.size() != 1 || *families.begin() == wkbUnknown) return wkbUnknown;
  const OGRwkbGeometryType multi = *families.begin();
  for (auto& g : geometries) {
    if (g) g.reset(OGRGeometryFactory::forceTo(g.release(), multi));
  }
  return multi;
}

bool is_na(const Value& value) {
  if (const auto* real = std::get_if<double>(&value)) return !std::isfinite(*real);
  return std::holds_alternative<std::monostate>(value);
}

std::vector<bool> always_na(const ExportTable& table) {
  std::vector<bool> out(table.columns.size(), true);
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out[c] = out[c] && is_na(row[c]);
  }
  return out;
}

}  // namespace

ErrorContext row_context(const ExportTable& table, const std::filesystem::path& path, std::size_t row,
                         const std::string& column) {
  return {.file = path.string(), .layer = table.layer_name, .feature = static_cast<std::int64_t>(row + 1), .key = column};
}

PreparedTable prepare(const ExportTable& table, const std::filesystem::path& path) {
  check_names(table, path);
  check_rows(table, path);
  PreparedTable prepared;
  prepared.table = &table;
  prepared.always_na = always_na(table);
  prepared.has_geometry = !table.geometries_wkb.empty();
  if (!prepared.has_geometry) return prepared;
  if (table.geometries_wkb.size() != table.rows.size()) {
    throw_output(fmt::format("{} geometries for {} rows", table.geometries_wkb.size(), table.rows.size()), table_context(table, path));
  }
  prepared.geometries.reserve(table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) prepared.geometries.push_back(decode(table.geometries_wkb[r], table, path, r));
  prepared.layer_type = common_type(prepared.geometries);
  return prepared;
}

bool is_valid_utf8(const std::string& text) noexcept { return !text::first_invalid_utf8(text).has_value(); }

}  // namespace zanplan::exporter
