#include "formats/etalab_stream.hpp"

#include <charconv>
#include <system_error>

#include <zlib.h>

namespace zanplan::formats {

namespace {
constexpr std::size_t buffer_bytes = 1 << 20;

[[noreturn]] void unsupported() { throw EtalabUnsupported{}; }

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
}  // namespace

EtalabStream::EtalabStream(const std::filesystem::path& path) : buffer_(buffer_bytes) {
  std::error_code error;
  size_ = std::filesystem::file_size(path, error);
  if (error) unsupported();
  file_ = gzopen(path.c_str(), "rb");
  if (file_ == nullptr) unsupported();
  gzbuffer(static_cast<gzFile>(file_), 1 << 18);
  // The destructor does not run when the constructor throws: the file is closed here then.
  try {
    read_header();
  } catch (...) {
    gzclose(static_cast<gzFile>(file_));
    file_ = nullptr;
    throw;
  }
}

void EtalabStream::read_header() {
  // {"type":"FeatureCollection", ... "features":[ — other members before the features are
  // skipped; a crs (GDAL would honour it) is not read here.
  skip_space();
  expect('{');
  bool collection = false;
  for (;;) {
    read_key();
    if (key_ == "type") {
      read_string(text_);
      if (text_ != "FeatureCollection") unsupported();
      collection = true;
    } else if (key_ == "features") {
      if (!collection) unsupported();
      expect('[');
      in_features_ = true;
      return;
    } else if (key_ == "crs") {
      unsupported();
    } else {
      skip_value();
    }
    skip_space();
    expect(',');
  }
}

EtalabStream::~EtalabStream() {
  if (file_ != nullptr) gzclose(static_cast<gzFile>(file_));
}

double EtalabStream::progress() const {
  if (size_ == 0) return 0.0;
  const auto offset = gzoffset(static_cast<gzFile>(file_));
  return offset < 0 ? 0.0 : std::min(1.0, static_cast<double>(offset) / static_cast<double>(size_));
}

void EtalabStream::refill() {
  if (eof_) return;
  const int read = gzread(static_cast<gzFile>(file_), buffer_.data(), static_cast<unsigned>(buffer_.size()));
  if (read < 0) unsupported();
  int code = Z_OK;
  gzerror(static_cast<gzFile>(file_), &code);
  if (code != Z_OK) unsupported();  // a truncated or damaged gzip file
  position_ = 0;
  end_ = static_cast<std::size_t>(read);
  if (read == 0) eof_ = true;
}

char EtalabStream::peek() {
  if (position_ == end_) {
    refill();
    if (position_ == end_) unsupported();  // the text ends inside the collection
  }
  return buffer_[position_];
}

char EtalabStream::get() {
  const char c = peek();
  ++position_;
  return c;
}

void EtalabStream::skip_space() {
  while (is_space(peek())) ++position_;
}

void EtalabStream::expect(char c) {
  if (get() != c) unsupported();
}

// A string without escapes (an escape sends the file to GDAL).
void EtalabStream::read_key() {
  skip_space();
  read_string(key_);
  skip_space();
  expect(':');
  skip_space();
}

void EtalabStream::read_string(std::string& out) {
  expect('"');
  out.clear();
  for (;;) {
    if (position_ == end_) peek();
    const char* start = buffer_.data() + position_;
    const char* stop = buffer_.data() + end_;
    const char* p = start;
    while (p != stop && *p != '"' && *p != '\\') ++p;
    out.append(start, p);
    position_ += static_cast<std::size_t>(p - start);
    if (p == stop) continue;
    if (*p == '\\') unsupported();
    ++position_;
    return;
  }
}

void EtalabStream::skip_string() {
  expect('"');
  for (;;) {
    const char c = get();
    if (c == '"') return;
    if (c == '\\') get();
  }
}

void EtalabStream::skip_value() {
  const char c = peek();
  if (c == '"') {
    skip_string();
    return;
  }
  if (c == '{' || c == '[') {
    const char close = c == '{' ? '}' : ']';
    ++position_;
    skip_space();
    if (peek() == close) {
      ++position_;
      return;
    }
    for (;;) {
      skip_space();
      if (close == '}') {
        skip_string();
        skip_space();
        expect(':');
        skip_space();
      }
      skip_value();
      skip_space();
      const char next = get();
      if (next == close) return;
      if (next != ',') unsupported();
    }
  }
  // A number, true, false or null.
  std::size_t length = 0;
  for (;;) {
    const char d = peek();
    if (!((d >= '0' && d <= '9') || (d >= 'a' && d <= 'z') || d == '-' || d == '+' || d == '.' || d == 'E')) break;
    ++position_;
    ++length;
  }
  if (length == 0) unsupported();
}

double EtalabStream::read_number() {
  char text[64];
  std::size_t length = 0;
  for (;;) {
    const char c = peek();
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) break;
    if (length == sizeof text) unsupported();
    text[length++] = c;
    ++position_;
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(text, text + length, value);
  if (error != std::errc() || end != text + length || length == 0) unsupported();
  return value;
}

// {"type":"Polygon"|"MultiPolygon","coordinates":[...]}: the nested arrays are recorded as
// they come, then read with the depth the type gives.
void EtalabStream::read_geometry(EtalabFeature& feature) {
  if (peek() != '{') unsupported();  // null: GDAL says the parcel has no geometry
  ++position_;
  geometry_type_.clear();
  events_.clear();
  numbers_.clear();
  bool has_coordinates = false;
  for (;;) {
    read_key();
    if (key_ == "type") {
      read_string(geometry_type_);
    } else if (key_ == "coordinates") {
      has_coordinates = true;
      int depth = 0;
      do {
        skip_space();
        const char c = peek();
        if (c == '[') {
          ++position_;
          ++depth;
          events_.push_back(1);
        } else if (c == ']') {
          ++position_;
          --depth;
          events_.push_back(-1);
        } else if (c == ',') {
          ++position_;
        } else {
          numbers_.push_back(read_number());
          events_.push_back(0);
        }
      } while (depth > 0);
    } else {
      skip_value();
    }
    skip_space();
    const char next = get();
    if (next == '}') break;
    if (next != ',') unsupported();
  }
  if (!has_coordinates) unsupported();
  int polygon_depth = 0;
  if (geometry_type_ == "Polygon") {
    polygon_depth = 1;
    feature.multi = false;
  } else if (geometry_type_ == "MultiPolygon") {
    polygon_depth = 2;
    feature.multi = true;
  } else {
    unsupported();
  }
  // Walk the events: a polygon opens at polygon_depth, its rings one deeper, positions two.
  feature.coordinates.clear();
  feature.ring_points.clear();
  feature.polygon_rings.clear();
  int depth = 0;
  std::size_t number = 0;
  std::size_t position_values = 0;
  std::size_t ring_start = 0;
  for (const signed char event : events_) {
    if (event == 1) {
      ++depth;
      if (depth == polygon_depth) {
        feature.polygon_rings.push_back(0);
      } else if (depth == polygon_depth + 1) {
        ring_start = feature.coordinates.size();
      } else if (depth == polygon_depth + 2) {
        position_values = 0;
      } else if (depth > polygon_depth + 2) {
        unsupported();
      }
    } else if (event == -1) {
      if (depth == polygon_depth + 2 && position_values != 2) unsupported();  // 3-D or short position
      if (depth == polygon_depth + 1) {
        const std::size_t values = feature.coordinates.size() - ring_start;
        const std::size_t points = values / 2;
        // An empty ring or one that does not close is left to GDAL.
        if (points < 2 || feature.coordinates[ring_start] != feature.coordinates[ring_start + values - 2] ||
            feature.coordinates[ring_start + 1] != feature.coordinates[ring_start + values - 1]) {
          unsupported();
        }
        feature.ring_points.push_back(static_cast<std::uint32_t>(points));
        ++feature.polygon_rings.back();
      } else if (depth == polygon_depth && feature.polygon_rings.back() == 0) {
        unsupported();  // a polygon without rings
      }
      --depth;
    } else {
      if (depth != polygon_depth + 2) unsupported();
      ++position_values;
      feature.coordinates.push_back(numbers_[number++]);
    }
  }
  if (feature.polygon_rings.empty()) unsupported();
}

void EtalabStream::read_properties(EtalabFeature& feature) {
  if (peek() != '{') unsupported();
  ++position_;
  skip_space();
  if (peek() == '}') {
    ++position_;
    return;
  }
  for (;;) {
    read_key();
    std::string* target = nullptr;
    unsigned bit = 0;
    if (key_ == "id") {
      target = &feature.id;
      bit = 1;
    } else if (key_ == "commune") {
      target = &feature.commune;
      bit = 2;
    } else if (key_ == "prefixe") {
      target = &feature.prefixe;
      bit = 4;
    } else if (key_ == "section") {
      target = &feature.section;
      bit = 8;
    } else if (key_ == "numero") {
      target = &feature.numero;
      bit = 16;
    }
    if (target != nullptr) {
      if (peek() != '"' || (feature.seen & bit) != 0) unsupported();
      read_string(*target);
      feature.seen |= bit;
    } else if (key_ == "contenance") {
      saw_contenance_ = true;
      if (peek() == 'n') {
        skip_value();
        feature.contenance.reset();
      } else {
        char text[32];
        std::size_t length = 0;
        while (length < sizeof text && ((peek() >= '0' && peek() <= '9') || peek() == '-')) text[length++] = get();
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(text, text + length, value);
        if (error != std::errc() || end != text + length || length == 0) unsupported();
        const char after = peek();
        if (after == '.' || after == 'e' || after == 'E') unsupported();  // a real: GDAL's field type changes
        feature.contenance = value;
      }
    } else {
      skip_value();
    }
    skip_space();
    const char next = get();
    if (next == '}') return;
    if (next != ',') unsupported();
  }
}

void EtalabStream::read_feature(EtalabFeature& feature) {
  expect('{');
  feature.id.clear();
  feature.commune.clear();
  feature.prefixe.clear();
  feature.section.clear();
  feature.numero.clear();
  feature.contenance.reset();
  feature.seen = 0;
  feature_id_.clear();
  bool geometry = false, properties = false, type = false;
  for (;;) {
    read_key();
    if (key_ == "type") {
      read_string(text_);
      if (text_ != "Feature") unsupported();
      type = true;
    } else if (key_ == "geometry") {
      read_geometry(feature);
      geometry = true;
    } else if (key_ == "properties") {
      if (properties) unsupported();
      read_properties(feature);
      properties = true;
    } else if (key_ == "id") {
      if (peek() != '"') unsupported();
      read_string(feature_id_);
    } else {
      skip_value();
    }
    skip_space();
    const char next = get();
    if (next == '}') break;
    if (next != ',') unsupported();
  }
  // A property missing is left to GDAL, which names it.
  if (!geometry || !properties || !type || feature.seen != 0x1F) unsupported();
  if (!feature_id_.empty() && feature_id_ != feature.id) unsupported();
}

bool EtalabStream::next(EtalabFeature& feature) {
  if (!in_features_) return false;
  skip_space();
  if (first_feature_) {
    first_feature_ = false;
    if (peek() == ']') {
      ++position_;
      in_features_ = false;
      return false;
    }
  } else {
    const char c = get();
    if (c == ']') {
      in_features_ = false;
      // The members after the features. A crs (or a JSON-FG coordRefSys) says what the
      // coordinates already read mean: it is left to GDAL, and ParcelReader checks that GDAL
      // reads them as the stream did. A second features or type member changes which
      // features the file holds: no reading of it can be trusted.
      for (;;) {
        skip_space();
        const char d = get();
        if (d == '}') return false;
        if (d != ',') unsupported();
        skip_space();
        read_string(key_);
        if (key_ == "crs" || key_ == "coordRefSys") unsupported();
        if (key_ == "features" || key_ == "type") throw EtalabLateMember{key_};
        skip_space();
        expect(':');
        skip_space();
        skip_value();
      }
    }
    if (c != ',') unsupported();
    skip_space();
  }
  read_feature(feature);
  return true;
}

}  // namespace zanplan::formats
