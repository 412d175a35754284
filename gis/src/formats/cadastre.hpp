// The Etalab cadastre parcel export (`cadastre-XXXXX-parcelles.json[.gz]`: a GeoJSON
// FeatureCollection in WGS84, properties id, commune, prefixe, section, numero, contenance,
// arpente, created, updated) and the land-cover table zanplan generate writes beside it
// (`id;land_class;enaf_share`). Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ogr/handles.hpp"

namespace zanplan::formats {

// ---- land cover -----------------------------------------------------------------------

enum class LandClass : std::uint8_t { artificialised, enaf, brownfield, unknown };

std::string_view land_class_name(LandClass land_class);
// The class for "artificialised", "enaf" or "brownfield"; nullopt for anything else.
std::optional<LandClass> parse_land_class(std::string_view name);

struct LandCoverEntry {
  LandClass land_class = LandClass::unknown;
  double enaf_share = 0.0;  // 0..1
  bool matched = false;     // set by the importer when a parcel used the row
};

// parcel id → land cover. Fields may be quoted but hold no `;` (the file is plain ids,
// class names and numbers). Throws input errors naming file, line and key for a missing
// column, a class outside artificialised/enaf/brownfield, a share outside [0, 1] and a
// duplicate id.
std::unordered_map<std::string, LandCoverEntry> read_land_cover(const std::filesystem::path& path);

// ---- parcels --------------------------------------------------------------------------

// The name GDAL opens: `/vsigzip/` is prepended for a `.gz` file.
std::string gdal_name(const std::filesystem::path& path);

struct Parcel {
  std::int64_t index = 0;  // 0-based position in the FeatureCollection
  std::string id;          // 14 characters
  std::string commune;
  std::string prefixe;
  std::string section;
  std::string numero;
  std::optional<std::int64_t> contenance;  // official area (m²); absent for a few real parcels
  ogr::GeometryPtr geometry;               // Lambert-93 Polygon (the largest part, see parts)
  double area_m2 = 0.0;                    // area of every part, in Lambert-93
  int parts = 1;                           // polygons of the parcel (after repair)
  bool repaired = false;                   // the input geometry was invalid and MakeValid fixed it
};

class EtalabStream;
struct EtalabFeature;

// Reads parcels one at a time, reprojecting them to Lambert-93: in one streamed pass
// (EtalabStream) while the file keeps to the plain Etalab layout, else through GDAL's
// GeoJSON driver from the first feature the stream does not take (the features before it
// are the same either way, except for a crs member after the features, which is refused: the
// features before it were read as WGS84). Throws an input error naming the file, the feature index and the key for a
// missing required property (id, commune, prefixe, section, numero, and the contenance
// column itself), an id that is not 14 characters, a missing or non-polygon geometry and a
// geometry that MakeValid cannot turn into a polygon.
class ParcelReader {
 public:
  explicit ParcelReader(const std::filesystem::path& path);
  ~ParcelReader();
  ParcelReader(const ParcelReader&) = delete;
  ParcelReader& operator=(const ParcelReader&) = delete;

  std::optional<Parcel> next();
  // The number of features when GDAL knows it cheaply, else nullopt.
  [[nodiscard]] std::optional<std::int64_t> feature_count() const;
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::int64_t features_read() const { return index_; }
  // Share of the file read, 0..1 (0 when unknown).
  [[nodiscard]] double progress() const;
  // Whether the file is being read by the one-pass reader (else by GDAL).
  [[nodiscard]] bool streaming() const { return stream_ != nullptr; }

 private:
  void open_with_gdal();
  // After GDAL takes over from the stream: throws an input error when GDAL reads the file
  // in another CRS than the WGS84 the streamed features were read in.
  void check_streamed_crs() const;
  std::optional<Parcel> next_from_stream();
  std::optional<Parcel> next_from_gdal();
  void locate_fields();
  std::string required_string(OGRFeature& feature, int field, const char* key) const;
  void set_geometry(OGRFeature& feature, Parcel& parcel) const;
  void finish_geometry(ogr::GeometryPtr geometry, Parcel& parcel) const;

  std::filesystem::path path_;
  std::string name_;  // as shown in errors: the path given
  std::unique_ptr<EtalabStream> stream_;
  std::unique_ptr<EtalabFeature> feature_;
  ogr::DatasetPtr dataset_;
  OGRLayer* layer_ = nullptr;
  ogr::TransformPtr to_lambert93_;
  std::int64_t index_ = 0;
  int id_ = -1, commune_ = -1, prefixe_ = -1, section_ = -1, numero_ = -1, contenance_ = -1;
};

}  // namespace zanplan::formats
