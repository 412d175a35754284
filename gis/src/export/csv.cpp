// RFC 4180 CSV: UTF-8 without BOM, ',' separator, CRLF line ends; text values always
// quoted (quotes doubled), header names only when they hold a comma, a quote, CR or LF; NA
// is an empty field and an empty text is "" so that the two stay distinguishable. The
// .csvt beside it names each column's type for GDAL and QGIS.
#include <cmath>

#include <fmt/format.h>

#include "export/export_set.hpp"
#include "export/rounding.hpp"
#include "export/table.hpp"

namespace zanplan {

namespace {

// Text values are always quoted so that readers which type quoted fields as text (GDAL's
// QUOTED_FIELDS_AS_STRING, spreadsheets' import dialogs) keep codes such as 02304 whole.
std::string always_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// Header names: quoted only when they must be.
std::string quoted(const std::string& text) {
  if (text.empty()) return "\"\"";
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  return always_quoted(text);
}

// Fixed notation, the column's decimals (at most 6 by default), no trailing zeros: the
// same text for the same value on every platform, and never an exponent a spreadsheet
// could misread.
constexpr int default_decimals = 6;

struct CellText {
  int decimals;
  std::string operator()(std::monostate) const { return {}; }
  std::string operator()(std::int64_t v) const { return fmt::format("{}", v); }
  std::string operator()(double v) const { return exporter::fixed_text(v, decimals < 0 ? default_decimals : decimals); }
  std::string operator()(const std::string& v) const { return always_quoted(v); }
  std::string operator()(bool v) const { return v ? "true" : "false"; }
};

// The centroid in Lambert-93 to the centimetre, or two empty fields without geometry.
std::string centroid_cells(const OGRGeometry* geometry) {
  if (geometry == nullptr || geometry->IsEmpty()) return ",";
  ogr::ErrorCapture capture;
  OGRPoint centroid;
  if (geometry->Centroid(&centroid) != OGRERR_NONE || centroid.IsEmpty()) return ",";
  return fmt::format("{:.2f},{:.2f}", centroid.getX(), centroid.getY());
}

}  // namespace

namespace exporter {

void write_csv_stream(const PreparedTable& prepared, std::ostream& out) {
  const ExportTable& table = *prepared.table;
  std::string line;
  for (std::size_t c = 0; c < table.columns.size(); ++c) line += (c ? "," : "") + quoted(table.columns[c].name);
  if (prepared.has_geometry) line += table.columns.empty() ? "x_l93,y_l93" : ",x_l93,y_l93";
  out << line << "\r\n";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    line.clear();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c) line += ',';
      line += std::visit(CellText{table.columns[c].decimals}, table.rows[r][c]);
    }
    if (prepared.has_geometry) line += (table.columns.empty() ? "" : ",") + centroid_cells(prepared.geometries[r].get());
    out << line << "\r\n";
  }
}

const char* csvt_type(ColumnType type) {
  switch (type) {
    case ColumnType::integer: return "Integer64";
    case ColumnType::real: return "Real";
    case ColumnType::text: return "String";
    case ColumnType::boolean: return "Integer(Boolean)";
  }
  return "String";
}

std::string csvt_text(const PreparedTable& prepared) {
  std::string line;
  for (const Column& column : prepared.table->columns) line += fmt::format("{}\"{}\"", line.empty() ? "" : ",", csvt_type(column.type));
  // GDAL and QGIS both read CoordX/CoordY as the point's coordinates.
  if (prepared.has_geometry) line += line.empty() ? "\"CoordX\",\"CoordY\"" : ",\"CoordX\",\"CoordY\"";
  return line + "\r\n";
}

}  // namespace exporter

std::filesystem::path csvt_path(const std::filesystem::path& csv) {
  std::filesystem::path out = csv;
  return out.replace_extension(".csvt");
}

}  // namespace zanplan
