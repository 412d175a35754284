// Candidate sites and their raw facts, measured in Lambert-93 from the workspace: size,
// ENAF land, nearest connectable substation, motorway access, freight rail point, port.
// A candidate is a parcel for now; assembled sites will produce the same facts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zanplan {

// The nearest feature of one infrastructure layer; distance from the site's edge (0 when
// the feature lies inside the site), in km. No feature at all → distance_km is +inf.
struct NearestFeature {
  std::string code;
  std::string name;
  int voltage_kv = 0;  // substations only
  double distance_km = std::numeric_limits<double>::infinity();
};

struct SiteFacts {
  std::string id;
  std::string commune;
  std::string land_class;  // artificialised / enaf / brownfield / unknown
  double area_ha = 0;
  double enaf_ha = 0;
  double centroid_x = 0;  // Lambert-93
  double centroid_y = 0;
  NearestFeature substation;  // connectable, at or above the minimum voltage
  NearestFeature motorway;    // motorway access point
  NearestFeature rail;        // rail point open to freight
  NearestFeature port;
  std::string inside_exclusion;  // name of the exclusion layer the site intersects, if any
  bool synthetic = false;
  std::string wkb;  // ISO WKB, Lambert-93
};

struct SiteQuery {
  int min_voltage_kv = 0;
  std::vector<std::string> exclusion_layers;  // workspace layers that exclude a site
  // Only candidates whose area lies in [min_area_ha, max_area_ha] get their distances
  // measured; the others are returned with area facts only (they are excluded anyway).
  double min_area_ha = 0;
  double max_area_ha = std::numeric_limits<double>::infinity();
  std::optional<std::string> only_id;  // measure a single candidate (for explain)
  std::function<void(std::string_view stage, double fraction)> progress;
};

// Reads the workspace's parcels and infrastructure layers. Throws a workspace error naming
// a missing layer or column; an unknown only_id is a usage error.
std::vector<SiteFacts> gather_site_facts(const std::filesystem::path& workspace, const SiteQuery& query);

// Is the candidate's area within the range that gets measured?
inline bool in_area_range(const SiteFacts& site, const SiteQuery& query) {
  return site.area_ha >= query.min_area_ha && site.area_ha <= query.max_area_ha;
}

}  // namespace zanplan
