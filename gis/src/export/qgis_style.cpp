#include "export/qgis_style.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace zanplan::exporter {

namespace {

bool is_hex_colour(const std::string& colour) {
  return colour.size() == 7 && colour[0] == '#' &&
         std::all_of(colour.begin() + 1, colour.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// "#1a9850" → "26,152,80,255", QGIS's colour notation.
std::string qgis_colour(const std::string& hex) {
  const auto channel = [&](std::size_t at) { return std::stoi(hex.substr(at, 2), nullptr, 16); };
  return fmt::format("{},{},{},255", channel(1), channel(3), channel(5));
}

std::string xml_escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// Legend labels: two decimals at most, or three significant digits below 1.
std::string label_number(double value) {
  if (value == 0.0) return "0";
  if (std::fabs(value) < 1.0) return fmt::format("{:.3g}", value);
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

enum class SymbolKind { marker, line, fill };

SymbolKind symbol_kind(OGRwkbGeometryType layer_type) {
  switch (wkbFlatten(layer_type)) {
    case wkbPoint: case wkbMultiPoint: return SymbolKind::marker;
    case wkbLineString: case wkbMultiLineString: return SymbolKind::line;
    default: return SymbolKind::fill;
  }
}

using Properties = std::vector<std::pair<std::string, std::string>>;

Properties symbol_properties(SymbolKind kind, const std::string& colour) {
  switch (kind) {
    case SymbolKind::marker:
      return {{"color", colour}, {"name", "circle"}, {"outline_color", "35,35,35,255"}, {"outline_style", "solid"},
              {"outline_width", "0.2"}, {"outline_width_unit", "MM"}, {"size", "2.6"}, {"size_unit", "MM"}};
    case SymbolKind::line:
      return {{"line_color", colour}, {"line_style", "solid"}, {"line_width", "0.66"}, {"line_width_unit", "MM"}};
    case SymbolKind::fill: break;
  }
  return {{"color", colour}, {"outline_color", "35,35,35,255"}, {"outline_style", "solid"},
          {"outline_width", "0.26"}, {"outline_width_unit", "MM"}, {"style", "solid"}};
}

// One symbol, with its properties both as an Option map (QGIS >= 3.26 reads only these)
// and as prop elements (older QGIS 3 releases).
std::string symbol_qml(SymbolKind kind, std::size_t index, const std::string& colour) {
  static constexpr const char* type_names[] = {"marker", "line", "fill"};
  static constexpr const char* layer_classes[] = {"SimpleMarker", "SimpleLine", "SimpleFill"};
  const auto k = static_cast<std::size_t>(kind);
  const Properties properties = symbol_properties(kind, colour);
  std::string out = fmt::format(
      "      <symbol type=\"{}\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      "        <layer class=\"{}\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
      "          <Option type=\"Map\">\n",
      type_names[k], index, layer_classes[k]);
  for (const auto& [key, value] : properties) {
    out += fmt::format("            <Option name=\"{}\" type=\"QString\" value=\"{}\"/>\n", key, value);
  }
  out += "          </Option>\n";
  for (const auto& [key, value] : properties) out += fmt::format("          <prop k=\"{}\" v=\"{}\"/>\n", key, value);
  out += "        </layer>\n      </symbol>\n";
  return out;
}

int geometry_type_code(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::marker: return 0;
    case SymbolKind::line: return 1;
    case SymbolKind::fill: break;
  }
  return 2;
}

// At most `limit` code points (QGIS declares styleName as TEXT(30)).
std::string truncated_utf8(const std::string& text, std::size_t limit) {
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_code_point = (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U;
    if (starts_code_point && code_points++ == limit) return text.substr(0, i);
  }
  return text;
}

std::string range_label(const GraduatedStyle& style, std::size_t i) {
  return label_number(style.breaks[i]) + " – " + label_number(style.breaks[i + 1]);
}

// QGIS assigns a value to the first range with lower <= v <= upper.
std::string graduated_renderer(const GraduatedStyle& style) {
  std::string out = fmt::format(
      "  <renderer-v2 type=\"graduatedSymbol\" attr=\"{}\" graduatedMethod=\"GraduatedColor\""
      " symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n    <ranges>\n",
      xml_escaped(style.field));
  for (std::size_t i = 0; i < style.colours.size(); ++i) {
    out += fmt::format("      <range lower=\"{}\" upper=\"{}\" label=\"{}\" symbol=\"{}\" render=\"true\"/>\n",
                       style.breaks[i], style.breaks[i + 1], xml_escaped(range_label(style, i)), i);
  }
  return out + "    </ranges>\n";
}

// The same classes as rules — lower <= v <= upper for the first, lower < v <= upper after,
// so that a value on a bound falls in one class as with the graduated renderer — and an
// ELSE rule, which QGIS applies to the features no other rule takes: those without a value.
std::string rule_renderer(const GraduatedStyle& style) {
  std::string field = "\"";
  for (char c : style.field) field += c == '"' ? std::string("\"\"") : std::string(1, c);
  field += '"';
  std::string out =
      "  <renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n"
      "    <rules key=\"root\">\n";
  for (std::size_t i = 0; i < style.colours.size(); ++i) {
    const std::string filter = fmt::format("{} {} {} AND {} <= {}", field, i == 0 ? ">=" : ">", style.breaks[i], field,
                                           style.breaks[i + 1]);
    out += fmt::format("      <rule key=\"class-{}\" symbol=\"{}\" label=\"{}\" filter=\"{}\"/>\n", i, i,
                       xml_escaped(range_label(style, i)), xml_escaped(filter));
  }
  out += fmt::format("      <rule key=\"no-value\" symbol=\"{}\" label=\"{}\" filter=\"ELSE\"/>\n", style.colours.size(),
                     xml_escaped(style.no_value_label));
  return out + "    </rules>\n";
}

// Field aliases, which QGIS shows instead of the column names in tables and forms.
std::string aliases_qml(const std::vector<Column>& columns) {
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].alias.empty()) continue;
    out += fmt::format("    <alias field=\"{}\" index=\"{}\" name=\"{}\"/>\n", xml_escaped(columns[i].name), i + 1,
                       xml_escaped(columns[i].alias));
  }
  return out.empty() ? out : "  <aliases>\n" + out + "  </aliases>\n";
}

}  // namespace

void check_style(const GraduatedStyle& style, const PreparedTable& prepared, const std::filesystem::path& path) {
  const ExportTable& table = *prepared.table;
  const ErrorContext context{.file = path.string(), .layer = table.layer_name, .key = style.field};
  const auto column = std::find_if(table.columns.begin(), table.columns.end(),
                                   [&](const Column& c) { return c.name == style.field; });
  if (column == table.columns.end()) throw_output("the style's field is not a column", context);
  if (column->type != ColumnType::integer && column->type != ColumnType::real) {
    throw_output("the style's field is not numeric", context);
  }
  if (!prepared.has_geometry) throw_output("a style needs a table with geometries", context);
  if (style.breaks.size() < 2 || style.colours.size() + 1 != style.breaks.size()) {
    throw_output(fmt::format("the style has {} breaks for {} colours (want colours + 1)", style.breaks.size(),
                             style.colours.size()), context);
  }
  for (std::size_t i = 0; i < style.breaks.size(); ++i) {
    if (!std::isfinite(style.breaks[i]) || (i > 0 && style.breaks[i] < style.breaks[i - 1])) {
      throw_output("the style's breaks are not finite and non-decreasing", context);
    }
  }
  for (const std::string& colour : style.colours) {
    if (!is_hex_colour(colour)) throw_output("style colour is not #rrggbb: " + colour, context);
  }
  if (!style.no_value_label.empty() && !is_hex_colour(style.no_value_colour)) {
    throw_output("style no-value colour is not #rrggbb: " + style.no_value_colour, context);
  }
  if (!is_valid_utf8(style.no_value_label)) throw_output("the style's no-value label is not UTF-8", context);
  if (!is_valid_utf8(style.title)) throw_output("the style's title is not UTF-8", context);
}

std::string graduated_qml(const GraduatedStyle& style, OGRwkbGeometryType layer_type, const std::vector<Column>& columns) {
  const SymbolKind kind = symbol_kind(layer_type);
  std::string out =
      "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      "<qgis version=\"3.22.0\" styleCategories=\"Symbology|Fields\">\n";
  out += style.no_value_label.empty() ? graduated_renderer(style) : rule_renderer(style);
  out += "    <symbols>\n";
  for (std::size_t i = 0; i < style.colours.size(); ++i) out += symbol_qml(kind, i, qgis_colour(style.colours[i]));
  if (!style.no_value_label.empty()) out += symbol_qml(kind, style.colours.size(), qgis_colour(style.no_value_colour));
  out += "    </symbols>\n  </renderer-v2>\n";
  out += aliases_qml(columns);
  out += fmt::format("  <layerGeometryType>{}</layerGeometryType>\n</qgis>\n", geometry_type_code(kind));
  return out;
}

void write_layer_styles(GDALDataset& dataset, OGRLayer& styled, const GraduatedStyle& style,
                        OGRwkbGeometryType layer_type, const std::vector<Column>& columns, const std::string& timestamp,
                        const std::filesystem::path& path) {
  const ErrorContext context{.file = path.string(), .layer = "layer_styles"};
  ogr::ErrorCapture capture;
  char** options = CSLSetNameValue(nullptr, "FID", "id");
  OGRLayer* styles = dataset.CreateLayer("layer_styles", nullptr, wkbNone, options);
  CSLDestroy(options);
  if (styles == nullptr) throw_output("cannot create table: " + capture.last_error(), context);

  struct Spec { const char* name; OGRFieldType type; int width; };
  static constexpr Spec specs[] = {
      {"f_table_catalog", OFTString, 256}, {"f_table_schema", OFTString, 256}, {"f_table_name", OFTString, 256},
      {"f_geometry_column", OFTString, 256}, {"styleName", OFTString, 30}, {"styleQML", OFTString, 0},
      {"styleSLD", OFTString, 0}, {"useAsDefault", OFTInteger, 0}, {"description", OFTString, 0},
      {"owner", OFTString, 30}, {"ui", OFTString, 30}, {"update_time", OFTDateTime, 0}};
  for (const Spec& spec : specs) {
    OGRFieldDefn field(spec.name, spec.type);
    field.SetWidth(spec.width);
    if (spec.type == OFTInteger) field.SetSubType(OFSTBoolean);
    if (spec.type == OFTDateTime) field.SetDefault("CURRENT_TIMESTAMP");
    if (styles->CreateField(&field) != OGRERR_NONE) throw_output("cannot create field: " + capture.last_error(), context);
  }

  const std::string qml = graduated_qml(style, layer_type, columns);
  OGRFeature row(styles->GetLayerDefn());
  row.SetField("f_table_catalog", "");
  row.SetField("f_table_schema", "");  // QGIS looks the style up with f_table_schema = ''
  row.SetField("f_table_name", styled.GetName());
  row.SetField("f_geometry_column", styled.GetGeometryColumn());
  row.SetField("styleName", truncated_utf8(styled.GetName(), 30).c_str());
  row.SetField("styleQML", qml.c_str());
  row.SetField("styleSLD", "");
  row.SetField("useAsDefault", 1);
  row.SetField("description", style.title.c_str());
  row.SetField("owner", "");
  row.SetField("update_time", timestamp.c_str());
  if (styles->CreateFeature(&row) != OGRERR_NONE) throw_output("cannot write the style: " + capture.last_error(), context);
}

}  // namespace zanplan::exporter
