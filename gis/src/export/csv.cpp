// RFC 4180 CSV: UTF-8 without BOM, ',' separator, CRLF line ends, fields quoted only when
// they hold a comma, a quote, CR or LF (quotes doubled); NA is an empty field and an empty
// text is "" so that the two stay distinguishable.
#include <cmath>

#include <fmt/format.h>

#include "export/export_set.hpp"
#include "export/table.hpp"

namespace zanplan {

namespace {

std::string quoted(const std::string& text) {
  if (text.empty()) return "\"\"";
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// Fixed notation, at most 6 decimals, no trailing zeros: the same text for the same value
// on every platform, and never an exponent a spreadsheet could misread.
std::string real_text(double value) {
  if (!std::isfinite(value)) return {};
  std::string text = fmt::format("{:.6f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

struct CellText {
  std::string operator()(std::monostate) const { return {}; }
  std::string operator()(std::int64_t v) const { return fmt::format("{}", v); }
  std::string operator()(double v) const { return real_text(v); }
  std::string operator()(const std::string& v) const { return quoted(v); }
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
      line += std::visit(CellText{}, table.rows[r][c]);
    }
    if (prepared.has_geometry) line += (table.columns.empty() ? "" : ",") + centroid_cells(prepared.geometries[r].get());
    out << line << "\r\n";
  }
}

}  // namespace exporter

}  // namespace zanplan
