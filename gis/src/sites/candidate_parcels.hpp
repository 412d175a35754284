// The parcels a site may be made of, read from the workspace in one streamed pass: each
// parcel's land use for the site engine (docs/sites.md, "Eligibility"), its hectares of
// ENAF, brownfield and economic land, and its geometry, kept only for eligible parcels.
// Internal to gis.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "workspace/polygon_set.hpp"
#include "zanplan/site_assembly.hpp"
#include "zanplan/sites.hpp"

namespace zanplan::sites {

// What a parcel offers a site. Urban fabric and parcels of unknown land class are not
// eligible and are not kept.
enum class ParcelUse : std::uint8_t { brownfield, economic, enaf };

struct EligibilitySettings {
  // Natural Earth ports are single points: artificialised land within this distance of
  // one counts as port land (economic).
  double port_zone_m = 1500;
  // An artificialised parcel outside economic land is a brownfield when at least this
  // share of it lies in a brownfield's published footprint; otherwise it is urban fabric.
  double brownfield_majority = 0.5;
  std::vector<ExclusionZone> exclusion_layers;  // workspace polygon layers no site may touch or come near
};

class CandidateParcels {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return use.size(); }
  [[nodiscard]] std::string_view id(std::size_t i) const {
    return {id_chars_.data() + id_start_[i], id_start_[i + 1] - id_start_[i]};
  }
  [[nodiscard]] const std::string& commune_code(std::size_t i) const { return communes[commune[i]]; }
  void add_id(std::string_view id);

  std::vector<std::uint16_t> commune;  // index into communes
  std::vector<std::string> communes;   // commune codes, in order of first appearance
  std::vector<ParcelUse> use;
  std::vector<double> area_m2;        // computed in Lambert-93 (workspace column area_m2)
  std::vector<double> enaf_m2;        // ENAF a site built here takes
  std::vector<double> brownfield_m2;  // inside a brownfield's published footprint
  std::vector<double> economic_m2;    // artificialised land in a business park, logistics area or port zone
  std::vector<double> centroid_x, centroid_y;
  std::vector<double> perimeter_m;
  workspace::PolygonSet shapes;  // item i is parcel i
  EligibilityCounts counts;
  bool synthetic = false;  // the parcels or their land classes are synthetic

 private:
  std::vector<char> id_chars_;
  std::vector<std::uint32_t> id_start_{0};
};

using Progress = std::function<void(std::string_view stage, double fraction)>;

// Reads the workspace's `parcels` layer and the real layers that decide eligibility
// (business_parks, logistics_areas, ports, brownfields). Throws a workspace error naming
// the layer and feature for anything unreadable.
CandidateParcels read_candidate_parcels(const std::filesystem::path& workspace, const EligibilitySettings& settings,
                                        const Progress& progress);

[[nodiscard]] std::string_view use_name(ParcelUse use);

}  // namespace zanplan::sites
