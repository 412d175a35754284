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

// Decimals kept on export, one per quantity: the one table every exported real column
// takes its precision from (docs/exports.md).
namespace decimals {
inline constexpr int hectares = 2;       // 1 m²
inline constexpr int kilometres = 3;     // 1 m
inline constexpr int metres = 2;         // Lambert-93 coordinates, 1 cm
inline constexpr int score = 4;          // scores and sub-scores in [0, 1]
inline constexpr int share = 4;          // shares and fractions in [0, 1] (0.01 %)
inline constexpr int ratio = 4;          // dimensionless shape ratios
inline constexpr int euros = 0;
inline constexpr int million_euros = 6;  // whole euros
}  // namespace decimals

struct Column {
  std::string name;
  ColumnType type;
  // Real columns: values rounded to the nearest of this many decimals (0–15) in every
  // format; -1 keeps the writers' default (shortest exact form, CSV at most 6 decimals).
  int decimals = -1;
  std::string alias;  // the name people read (QGIS field alias, GeoPackage data column title); may be empty
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
  // A title and an abstract for people: the GeoPackage's gpkg_contents identifier and
  // description (QGIS shows them in the layer's properties); empty: none.
  std::string title;
  std::string abstract;
};

// A QGIS graduated renderer on a numeric column: n classes, n + 1 non-decreasing bounds.
struct GraduatedStyle {
  std::string field;
  std::vector<double> breaks;        // n + 1 class bounds
  std::vector<std::string> colours;  // n colours "#rrggbb"
  std::string title;                 // the style's description in QGIS
  // When set, rows whose field is NA (e.g. excluded sites) get a class of their own in
  // no_value_colour under this legend label (the style is then a rule-based renderer);
  // when empty they are not drawn.
  std::string no_value_label;
  std::string no_value_colour = "#b0b0b0";
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

// UTF-8, ',' separator, CRLF, RFC 4180 quoting (text values always quoted), one header
// row; tables with geometries get two trailing columns x_l93,y_l93 (the geometry's
// centroid, 2 decimals). A CSV file gets its GDAL/QGIS type file at csvt_path(path), in
// the same export set.
void write_csv(const ExportTable& table, const std::filesystem::path& path);

// The type file written beside a CSV: the same name with the extension .csvt.
std::filesystem::path csvt_path(const std::filesystem::path& csv);

// Any text output written like the exports: whole or not at all, refusing non-regular
// targets; the path "-" is standard output.
void write_text_output(const std::string& text, const std::filesystem::path& path);

// classes + 1 non-decreasing bounds: the minimum, the k/classes quantiles (linear
// interpolation between order statistics) and the maximum of the finite values. Empty when
// no value is finite. Throws an internal error when classes < 1.
std::vector<double> quantile_breaks(std::vector<double> values, int classes);

}  // namespace zanplan
