// Generic, deterministic exporters of an attribute table with Lambert-93 geometries:
// GeoJSON (RFC 7946), GeoPackage (with a QGIS default style) and CSV. Used for scored
// sites and ZAN budget choropleths. Conventions and choices: docs/exports.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace zanplan {

enum class ColumnType { integer, real, text, boolean };

struct Column {
  std::string name;
  ColumnType type;
};

// monostate is NA. A value must hold the alternative of its column's type (no implicit
// integer → real); a non-finite real is written as NA.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, bool>;

struct ExportTable {
  std::string layer_name;  // e.g. "sites_gigafactory"
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;
  // One per row, ISO WKB in EPSG:2154; an empty string is a row without geometry. An empty
  // vector makes an attribute-only table.
  std::vector<std::string> geometries_wkb;
  // e.g. "profile", "profile_hash", "synthetic_inputs" = "parcels, enaf_consumption".
  // "created_at" (ISO 8601 UTC, "2026-11-26T20:30:00Z") also dates the GeoPackage.
  std::map<std::string, std::string> metadata;
};

// A QGIS graduated renderer on a numeric column: n classes, n + 1 non-decreasing bounds.
struct GraduatedStyle {
  std::string field;
  std::vector<double> breaks;        // n + 1 class bounds
  std::vector<std::string> colours;  // n colours "#rrggbb"
  std::string title;                 // the style's description in QGIS
};

// Each writer validates the whole table first, writes a temporary file beside the target
// and renames it over the target at the end: a failed write leaves no temporary file and
// any earlier file untouched. A target that exists and is not a regular file (a device, a
// FIFO, a directory) is refused; a symbolic link to a regular file is written through.
// Temporary files left by a killed run are removed by the next write beside them. Every failure throws zanplan::Error of kind output naming
// the target file (and the layer, the 1-based row as `feature`, the column as `key` when
// the table itself is at fault). The parent directory must exist.

enum class ExportFormat { geojson, geopackage, csv };

// One file of an export set; the path "-" is standard output (GeoJSON and CSV only).
struct ExportTarget {
  ExportFormat format;
  std::filesystem::path path;
};

// The table in every format of `targets`, written as a set: all files are complete under
// temporary names before any target is replaced, and a failure replaces none of them. The
// style applies to the GeoPackage. Throws a usage error for a GeoPackage or two exports
// on standard output.
void write_exports(const ExportTable& table, const std::vector<ExportTarget>& targets,
                   const std::optional<GraduatedStyle>& style);

// One-format shortcuts of write_exports.

// RFC 7946 FeatureCollection in EPSG:4326 lon/lat, 7 decimals, right-hand-rule rings,
// reals in their shortest exact form; metadata in the foreign member "zanplan".
void write_geojson(const ExportTable& table, const std::filesystem::path& path);

// One layer in EPSG:2154 (the file is replaced), metadata as layer metadata, and with a
// style a QGIS `layer_styles` row used as the layer's default style.
void write_geopackage(const ExportTable& table, const std::filesystem::path& path,
                      const std::optional<GraduatedStyle>& style);

// UTF-8, ',' separator, CRLF, RFC 4180 quoting, one header row; tables with geometries get
// two trailing columns x_l93,y_l93 (the geometry's centroid, 2 decimals).
void write_csv(const ExportTable& table, const std::filesystem::path& path);

// Any text output written like the exports: whole or not at all, refusing non-regular
// targets; the path "-" is standard output.
void write_text_output(const std::string& text, const std::filesystem::path& path);

// classes + 1 non-decreasing bounds: the minimum, the k/classes quantiles (linear
// interpolation between order statistics) and the maximum of the finite values. Empty when
// no value is finite. Throws an internal error when classes < 1.
std::vector<double> quantile_breaks(std::vector<double> values, int classes);

}  // namespace zanplan
