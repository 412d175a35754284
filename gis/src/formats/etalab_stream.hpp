// A one-pass reader of the Etalab parcel layout (a GeoJSON FeatureCollection of Polygon or
// MultiPolygon features with string properties and an integer contenance), plain or gzip,
// streamed through zlib: no whole-file pass and no JSON object per feature. It accepts only
// the plain form of that layout and reports anything else (a `crs` member, a string escape,
// a non-string property, a 3-D or unclosed ring, a syntax error, a damaged file) as
// unsupported: ParcelReader then reads the file with GDAL, which gives the documented
// errors. A member met after the features that bears on the features already handed out
// (a crs, a second features or type) is reported too: see ParcelReader. Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zanplan::formats {

// The feature is outside what EtalabStream reads; the file must be read with GDAL.
struct EtalabUnsupported {};

// A top-level member after the features that changes what the file holds (a second
// `features` or `type`), met once features have been handed out: the file is refused.
struct EtalabLateMember {
  std::string key;
};

struct EtalabFeature {
  std::string id, commune, prefixe, section, numero;
  std::optional<std::int64_t> contenance;
  unsigned seen = 0;  // the string properties present, one bit each
  bool multi = false;
  // Coordinates (x, y pairs) and the structure: points per ring, rings per polygon.
  std::vector<double> coordinates;
  std::vector<std::uint32_t> ring_points;
  std::vector<std::uint32_t> polygon_rings;
};

class EtalabStream {
 public:
  explicit EtalabStream(const std::filesystem::path& path);  // throws EtalabUnsupported
  ~EtalabStream();
  EtalabStream(const EtalabStream&) = delete;
  EtalabStream& operator=(const EtalabStream&) = delete;

  // The next feature into `feature`; false at the end of the collection. Throws
  // EtalabUnsupported.
  bool next(EtalabFeature& feature);
  // Share of the file read, 0..1.
  [[nodiscard]] double progress() const;
  // Whether any feature so far had a contenance member (GDAL requires the column).
  [[nodiscard]] bool saw_contenance() const { return saw_contenance_; }

 private:
  void read_header();  // up to the opening of the features array
  char peek();
  char get();
  void refill();
  void skip_space();
  void expect(char c);
  void read_string(std::string& out);
  // An object member's name into key_, with the colon after it and the spaces around.
  void read_key();
  void skip_string();
  void skip_value();
  double read_number();
  void read_geometry(EtalabFeature& feature);
  void read_properties(EtalabFeature& feature);
  void read_feature(EtalabFeature& feature);

  void* file_ = nullptr;  // gzFile
  std::uintmax_t size_ = 0;
  std::vector<char> buffer_;
  std::size_t position_ = 0, end_ = 0;
  bool eof_ = false;
  bool in_features_ = false;  // inside the features array
  bool first_feature_ = true;
  bool saw_contenance_ = false;
  std::string key_, text_, geometry_type_, feature_id_;
  std::vector<signed char> events_;  // coordinate nesting: +1 open, -1 close, 0 number
  std::vector<double> numbers_;
};

}  // namespace zanplan::formats
