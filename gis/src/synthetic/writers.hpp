// Output of the synthetic generator: staged files (temporary file + rename), the Etalab
// cadastre GeoJSON layout and `;`-separated text. Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "ogr/handles.hpp"
#include "synthetic/parcels.hpp"

namespace zanplan::synthetic {

// A file written beside its target under a temporary name and renamed onto the target by
// publish(); removed if never published.
class StagedFile {
 public:
  explicit StagedFile(std::filesystem::path target);
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  std::ostream& out() { return out_; }
  // Flushes and closes; throws an output error if anything failed to be written.
  void finish();
  void publish();
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  bool published_ = false;
};

// A field of a `;`-separated file, quoted (quotes doubled) only when it holds a quote, a
// separator or a line break — as the Cerema file does.
std::string csv_field(std::string_view value);
std::string csv_line(const std::vector<std::string>& fields);

// Parcels in the Etalab `cadastre-XX-parcelles.json` layout: one feature per line, WGS84
// with 7 decimals, exterior rings counter-clockwise (RFC 7946), inside a FeatureCollection
// that carries the top-level member "zanplan_synthetic": true. Features are formatted into
// text on the generator's worker threads; one object per thread (it owns a PROJ transform).
class EtalabFeatures {
 public:
  EtalabFeatures();
  // Appends the parcel's feature (no separator) to `out`; false (and nothing appended) when
  // rounding to 7 decimals collapses the exterior ring.
  bool append(const SyntheticParcel& parcel, const std::string& id, const std::string& commune,
              std::string& out);
  // Forgets the points reprojected so far (call between communes: their parcels share no
  // vertices, and the table stays small).
  void forget_points();

  static constexpr const char* fixed_date = "2025-01-01";
  // The text before the first feature, between two features and after the last.
  static constexpr std::string_view header = "{\"type\":\"FeatureCollection\",\"zanplan_synthetic\":true,\"features\":[\n";
  static constexpr std::string_view separator = ",\n";
  static constexpr std::string_view footer = "]}\n";

  // Coordinates are kept as integers of 1e-7 degree, so that rounding, duplicate removal,
  // orientation and formatting are exact and the output is the same everywhere.
  struct Fixed {
    std::int64_t x = 0;
    std::int64_t y = 0;
    bool operator==(const Fixed&) const = default;
  };

 private:
  // A Lambert-93 vertex and its WGS84 position. Neighbouring parcels share their vertices
  // (three cells meet at a Voronoi vertex), so each is reprojected once per commune; PROJ
  // gives a point the same result whichever call it comes in, so the output is unchanged.
  struct Slot {
    std::uint64_t x = 0, y = 0;  // the bits of the Lambert-93 coordinates
    Fixed wgs84;
    std::uint32_t generation = 0;  // the slot is empty unless it equals generation_
  };

  bool ring_json(const GEOSGeometry& ring, bool exterior, std::string& json);
  Slot& slot_of(std::uint64_t x, std::uint64_t y);
  void grow();

  ogr::TransformPtr to_wgs84_;
  std::vector<double> x_, y_;
  std::vector<Fixed> fixed_;
  std::vector<std::uint32_t> missing_;  // points of the ring not yet reprojected
  std::vector<double> missing_x_, missing_y_;
  std::vector<Fixed> points_;
  static constexpr std::size_t initial_slots = 1 << 13;
  std::vector<Slot> slots_ = std::vector<Slot>(initial_slots);  // open addressing, a power of two
  std::size_t used_ = 0;
  std::uint32_t generation_ = 1;
};

}  // namespace zanplan::synthetic
