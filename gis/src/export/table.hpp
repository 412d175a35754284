// Validation of an ExportTable and decoding of its geometries, shared by the writers.
// Internal to gis.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ogr/handles.hpp"
#include "zanplan/export.hpp"

namespace zanplan::exporter {

// Column names no table may use: the GeoPackage's own columns and the CSV's coordinates.
inline constexpr const char* reserved_columns[] = {"fid", "geom", "x_l93", "y_l93"};

struct PreparedTable {
  const ExportTable* table = nullptr;
  bool has_geometry = false;           // false for an attribute-only table
  OGRwkbGeometryType layer_type = wkbNone;
  std::vector<ogr::GeometryPtr> geometries;  // one per row when has_geometry (null = none)
  std::vector<bool> always_na;               // per column: NA (or a non-finite real) in every row
};

// Checks names, decimals, row widths, value types and UTF-8, decodes the WKB (2D, single types
// promoted to multi when a layer mixes them) and picks the layer's geometry type.
// Throws an output error naming path, the layer, the 1-based row and the column.
PreparedTable prepare(const ExportTable& table, const std::filesystem::path& path);

// The output error context for row `row` (0-based) of the table written to path.
ErrorContext row_context(const ExportTable& table, const std::filesystem::path& path, std::size_t row,
                         const std::string& column = {});

bool is_valid_utf8(const std::string& text) noexcept;

}  // namespace zanplan::exporter
