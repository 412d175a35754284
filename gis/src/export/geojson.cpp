// RFC 7946 GeoJSON written directly: coordinates reprojected to EPSG:4326 lon/lat in whole
// rings (one PROJ call per ring), rings oriented by the right-hand rule, numbers formatted
// with std::to_chars, and blocks of features formatted on worker threads and written in
// order. GDAL's GeoJSON driver formats every number through printf and a JSON object tree,
// which made it the slowest step of a region-scale `score` (see docs/performance.md).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <thread>

#include <fmt/format.h>

#include "export/export_set.hpp"
#include "export/rounding.hpp"
#include "export/table.hpp"
#include "synthetic/ordered_work.hpp"

namespace zanplan::exporter {

namespace {

constexpr std::size_t features_per_block = 256;

void append_escaped(std::string& out, const std::string& text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        else out += c;
    }
  }
  out += '"';
}

// The column's decimals, or else the shortest text that reads back as the same double;
// always with a decimal point or an exponent so that a reader types it as a real.
void append_real(std::string& out, double value, int decimals) {
  std::string text;
  if (decimals >= 0) {
    text = fixed_text(value, decimals);
  } else {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    text.assign(buffer, static_cast<std::size_t>(end - buffer));
  }
  out += text;
  if (text.find_first_of(".e") == std::string::npos) out += ".0";
}

// A coordinate to 7 decimals (about 1 cm) without trailing zeros.
void append_coordinate(std::string& out, double value) {
  char buffer[40];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 7);
  while (end[-1] == '0') --end;
  if (end[-1] == '.') --end;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  if (text == "-0") text = "0";
  out += text;
}

struct ValueText {
  std::string& out;
  int decimals;
  void operator()(std::monostate) const { out += "null"; }
  void operator()(std::int64_t v) const { out += fmt::format("{}", v); }
  void operator()(double v) const {
    if (std::isfinite(v)) append_real(out, v, decimals);
    else out += "null";
  }
  void operator()(const std::string& v) const { append_escaped(out, v); }
  void operator()(bool v) const { out += v ? "true" : "false"; }
};

// Formats features; owns its coordinate transformation (PROJ objects are per thread).
class FeatureFormatter {
 public:
  FeatureFormatter(const PreparedTable& prepared, const std::filesystem::path& target)
      : prepared_(prepared), target_(target),
        to_lon_lat_(prepared.has_geometry ? ogr::make_transform(ogr::lambert93(), ogr::wgs84(), target.string())
                                          : nullptr) {}

  std::string block(std::size_t index) {
    std::string out;
    const std::size_t first = index * features_per_block;
    const std::size_t last = std::min(first + features_per_block, prepared_.table->rows.size());
    for (std::size_t r = first; r < last; ++r) feature(out, r);
    return out;
  }

 private:
  void feature(std::string& out, std::size_t row) {
    const ExportTable& table = *prepared_.table;
    out += row == 0 ? "{\"type\":\"Feature\",\"properties\":{" : ",\n{\"type\":\"Feature\",\"properties\":{";
    // A column null in every row is left out: readers that type columns from their values
    // (GDAL) would make it a String column.
    bool first = true;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (prepared_.always_na[c]) continue;
      if (!first) out += ',';
      first = false;
      append_escaped(out, table.columns[c].name);
      out += ':';
      std::visit(ValueText{out, table.columns[c].decimals}, table.rows[row][c]);
    }
    out += "},\"geometry\":";
    const OGRGeometry* g = prepared_.has_geometry ? prepared_.geometries[row].get() : nullptr;
    if (g == nullptr) out += "null";
    else geometry(out, *g, row);
    out += '}';
  }

  void geometry(std::string& out, const OGRGeometry& g, std::size_t row) {
    const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
    out += "{\"type\":\"";
    out += type_name(type, row);
    out += type == wkbGeometryCollection ? "\",\"geometries\":[" : "\",\"coordinates\":";
    switch (type) {
      case wkbPoint: point(out, *g.toPoint(), row); break;
      case wkbLineString: ring(out, *g.toLineString(), false, false, row); break;
      case wkbPolygon: polygon(out, *g.toPolygon(), row); break;
      case wkbMultiPoint: case wkbMultiLineString: case wkbMultiPolygon: case wkbGeometryCollection: {
        const auto& parts = *g.toGeometryCollection();
        if (type != wkbGeometryCollection) out += '[';
        for (int i = 0; i < parts.getNumGeometries(); ++i) {
          if (i) out += ',';
          const OGRGeometry& part = *parts.getGeometryRef(i);
          if (type == wkbMultiPoint) point(out, *part.toPoint(), row);
          else if (type == wkbMultiLineString) ring(out, *part.toLineString(), false, false, row);
          else if (type == wkbMultiPolygon) polygon(out, *part.toPolygon(), row);
          else geometry(out, part, row);
        }
        out += ']';
        break;
      }
      default: break;  // type_name has thrown
    }
    out += '}';
  }

  const char* type_name(OGRwkbGeometryType type, std::size_t row) const {
    switch (type) {
      case wkbPoint: return "Point";
      case wkbLineString: return "LineString";
      case wkbPolygon: return "Polygon";
      case wkbMultiPoint: return "MultiPoint";
      case wkbMultiLineString: return "MultiLineString";
      case wkbMultiPolygon: return "MultiPolygon";
      case wkbGeometryCollection: return "GeometryCollection";
      default: throw_output("geometry type has no GeoJSON form", row_context(*prepared_.table, target_, row));
    }
  }

  void project(std::size_t row) {
    if (!x_.empty() && !to_lon_lat_->Transform(static_cast<int>(x_.size()), x_.data(), y_.data(), nullptr)) {
      throw_output("cannot reproject the geometry to longitude/latitude", row_context(*prepared_.table, target_, row));
    }
  }

  void point(std::string& out, const OGRPoint& p, std::size_t row) {
    if (p.IsEmpty()) {
      out += "[]";
      return;
    }
    x_.assign(1, p.getX());
    y_.assign(1, p.getY());
    project(row);
    position(out, 0);
  }

  void position(std::string& out, std::size_t i) {
    out += '[';
    append_coordinate(out, x_[i]);
    out += ',';
    append_coordinate(out, y_[i]);
    out += ']';
  }

  // A line string, or a polygon ring turned counter-clockwise (exterior) or clockwise (hole)
  // when `orient` is set: the right-hand rule of RFC 7946 section 3.1.6.
  void ring(std::string& out, const OGRSimpleCurve& curve, bool orient, bool exterior, std::size_t row) {
    const int n = curve.getNumPoints();
    x_.resize(static_cast<std::size_t>(n));
    y_.resize(static_cast<std::size_t>(n));
    if (n > 0) curve.getPoints(x_.data(), sizeof(double), y_.data(), sizeof(double));
    project(row);
    bool reverse = false;
    if (orient) {
      double twice_area = 0;
      for (std::size_t i = 0; i + 1 < x_.size(); ++i) twice_area += x_[i] * y_[i + 1] - x_[i + 1] * y_[i];
      reverse = exterior ? twice_area < 0 : twice_area > 0;
    }
    out += '[';
    for (std::size_t k = 0; k < x_.size(); ++k) {
      if (k) out += ',';
      position(out, reverse ? x_.size() - 1 - k : k);
    }
    out += ']';
  }

  void polygon(std::string& out, const OGRPolygon& p, std::size_t row) {
    out += '[';
    if (const OGRLinearRing* exterior = p.getExteriorRing(); exterior != nullptr && !exterior->IsEmpty()) {
      ring(out, *exterior, true, true, row);
      for (int i = 0; i < p.getNumInteriorRings(); ++i) {
        out += ',';
        ring(out, *p.getInteriorRing(i), true, false, row);
      }
    }
    out += ']';
  }

  const PreparedTable& prepared_;
  const std::filesystem::path& target_;
  ogr::TransformPtr to_lon_lat_;
  std::vector<double> x_, y_;
};

std::string header(const ExportTable& table) {
  std::string out = "{\"type\":\"FeatureCollection\",\"name\":";
  append_escaped(out, table.layer_name);
  if (!table.metadata.empty()) {
    out += ",\"zanplan\":{";
    bool first = true;
    for (const auto& [key, value] : table.metadata) {  // std::map: keys sorted
      if (!first) out += ',';
      first = false;
      append_escaped(out, key);
      out += ':';
      append_escaped(out, value);
    }
    out += '}';
  }
  out += ",\"features\":[\n";
  return out;
}

}  // namespace

void write_geojson_stream(const PreparedTable& prepared, std::ostream& out, const std::filesystem::path& target) {
  out << header(*prepared.table);
  const std::size_t rows = prepared.table->rows.size();
  const std::size_t blocks = (rows + features_per_block - 1) / features_per_block;
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, 4U);
  synthetic::ordered_parallel<std::string>(
      blocks, threads, 4 * threads,
      [&] { return [formatter = std::make_shared<FeatureFormatter>(prepared, target)](std::size_t i) { return formatter->block(i); }; },
      [&](std::size_t, std::string text) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
  out << "\n]}\n";
}

}  // namespace zanplan::exporter
