// Output of the synthetic generator: staged files (temporary file + rename), the Etalab
// cadastre GeoJSON layout and `;`-separated text. Internal to gis.
#pragma once

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

// Writes parcels in the Etalab `cadastre-XXXXX-parcelles.json` layout: one feature per
// line, WGS84 with 7 decimals, exterior rings counter-clockwise (RFC 7946), plus the
// top-level member "zanplan_synthetic": true.
class EtalabWriter {
 public:
  explicit EtalabWriter(std::ostream& out);
  // False (and nothing written) when rounding to 7 decimals collapses the exterior ring.
  bool write(const SyntheticParcel& parcel, const std::string& id, const std::string& commune);
  void close();

  static constexpr const char* fixed_date = "2025-01-01";

 private:
  bool ring_json(const GEOSGeometry& ring, bool exterior, std::string& json);

  std::ostream& out_;
  ogr::TransformPtr to_wgs84_;
  bool first_ = true;
  std::vector<double> x_, y_;
};

}  // namespace zanplan::synthetic
