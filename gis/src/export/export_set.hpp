// The writers of one format each, on a prepared table, and the set writer that calls them.
// Internal to gis.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>

#include "export/table.hpp"

namespace zanplan::exporter {

// RFC 7946 GeoJSON of the table to out; `target` names the output in errors.
void write_geojson_stream(const PreparedTable& prepared, std::ostream& out, const std::filesystem::path& target);

// RFC 4180 CSV of the table to out.
void write_csv_stream(const PreparedTable& prepared, std::ostream& out);

// The CSV's type file (GDAL's and QGIS's .csvt): one line of quoted types, one per column.
std::string csvt_text(const PreparedTable& prepared);

// A new GeoPackage at `file` (a temporary name); `target` names the output in errors.
void write_geopackage_file(const PreparedTable& prepared, const std::optional<GraduatedStyle>& style,
                           const std::filesystem::path& file, const std::filesystem::path& target);

}  // namespace zanplan::exporter
