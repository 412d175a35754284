// The QGIS default style of an exported GeoPackage layer: a graduated renderer written as
// QML into the `layer_styles` table, as QGIS's own OGR provider lays it out. Internal.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "export/table.hpp"

namespace zanplan::exporter {

// Throws an output error naming path (and the field as key) unless the style fits the
// table: a numeric column, n + 1 finite non-decreasing breaks, n "#rrggbb" colours.
void check_style(const GraduatedStyle& style, const PreparedTable& prepared, const std::filesystem::path& path);

// QML document of a graduatedSymbol renderer on style.field — or, with a no-value class, a
// rule-based renderer with one rule per class and an ELSE rule for the rest — fill
// symbols, or marker/line symbols for point/line layers; and the aliases of `columns`.
std::string graduated_qml(const GraduatedStyle& style, OGRwkbGeometryType layer_type,
                          const std::vector<Column>& columns = {});

// Creates the `layer_styles` attribute table in dataset with one row, the default style of
// `styled` (with the aliases of `columns`); update_time is `timestamp`.
void write_layer_styles(GDALDataset& dataset, OGRLayer& styled, const GraduatedStyle& style,
                        OGRwkbGeometryType layer_type, const std::vector<Column>& columns, const std::string& timestamp,
                        const std::filesystem::path& path);

}  // namespace zanplan::exporter
