// Candidate sites and their raw facts, measured in Lambert-93 from the workspace: size,
// ENAF land, nearest connectable substation, motorway access, freight rail point, port.
// A candidate is a site assembled from parcels by `zanplan sites` (docs/sites.md); a
// workspace without assembled sites for the profile offers its single parcels instead; a
// profile may instead take a planner's own polygon layer (docs/user-layers.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zanplan/error.hpp"
#include "zanplan/layer_measure.hpp"

namespace zanplan {

// The nearest feature of one infrastructure layer; distance from the site's edge (0 when
// the feature lies inside the site), in km. No feature at all → distance_km is +inf.
struct NearestFeature {
  std::string code;
  std::string name;
  int voltage_kv = 0;  // substations only
  double distance_km = std::numeric_limits<double>::infinity();
  // Where the feature lies (Lambert-93), so that a map can draw the distance measured.
  double x = std::numeric_limits<double>::quiet_NaN();
  double y = std::numeric_limits<double>::quiet_NaN();
};

// The part of a site in one commune.
struct SiteCommune {
  std::string commune;
  double area_ha = 0;
  double enaf_ha = 0;
};

struct SiteFacts {
  std::string id;
  std::string commune;     // the commune holding the largest part
  std::string land_class;  // a parcel's: artificialised / enaf / brownfield / unknown; "assembled" for a site; "user" for a planner's
  double area_ha = 0;
  double enaf_ha = 0;
  // Assembled sites only (a single parcel: one part, its own commune).
  std::size_t parcel_count = 1;
  double brownfield_ha = 0;
  double economic_ha = 0;
  double compactness = 0;
  std::vector<SiteCommune> communes;  // largest part first
  double centroid_x = 0;  // Lambert-93
  double centroid_y = 0;
  NearestFeature substation;  // connectable, at or above the minimum voltage
  NearestFeature motorway;    // motorway access point
  NearestFeature rail;        // rail point open to freight
  NearestFeature port;
  std::string inside_exclusion;  // name of the exclusion layer the site intersects (or comes near), if any
  double exclusion_within_m = 0;  // that layer's distance; 0: the site touches it
  std::vector<double> layer_measures;  // one per SiteQuery::layer_measures; NaN: not measured
  bool synthetic = false;
  std::string wkb;  // ISO WKB, Lambert-93
};

// A workspace polygon layer excluding the candidates that touch it or, with within_m > 0,
// come within within_m metres of it.
struct ExclusionZone {
  std::string layer;
  double within_m = 0;
};

// A planner's own polygon layer as the candidates, each identified by a field of its own.
struct UserSiteSource {
  std::string layer;
  std::string id_field;
  // The profile keys asking for them: a layer that is not a polygon user layer, a missing
  // id field and empty or duplicate ids are config errors naming these.
  ErrorContext layer_key;
  ErrorContext id_field_key;
};

struct SiteQuery {
  int min_voltage_kv = 0;
  std::vector<ExclusionZone> exclusion_layers;
  // Measured on each candidate in the area range, in this order (a profile's own criteria).
  std::vector<LayerMeasureQuery> layer_measures;
  // Only candidates whose area lies in [min_area_ha, max_area_ha] get their distances
  // measured; the others are returned with area facts only (they are excluded anyway).
  double min_area_ha = 0;
  double max_area_ha = std::numeric_limits<double>::infinity();
  std::optional<std::string> only_id;  // measure a single candidate (for explain)
  // The profile's assembled sites ("sites_<profile>", "site_communes_<profile>"); when the
  // workspace has none, its parcels are the candidates.
  std::string sites_table;
  std::string communes_table;
  // Set: these are the candidates, whatever the workspace's sites and parcels.
  std::optional<UserSiteSource> user_sites;
  std::function<void(std::string_view stage, double fraction)> progress;
};

struct MeasuredSites {
  std::vector<SiteFacts> sites;  // the candidates in the area range (or the one asked for), by id
  std::size_t candidates_total = 0;
  std::size_t outside_area_range = 0;  // read, not measured (excluded anyway)
  std::string source;                  // the table the candidates came from ("parcels", "sites_<profile>", a user layer)
  [[nodiscard]] bool assembled() const { return source != "parcels"; }
};

// Reads the candidates and the infrastructure layers, the workspace opened once and
// streamed: only the candidates in the area range are decoded and measured. Throws a
// workspace error naming a missing or unreadable layer or column; an unknown only_id is a
// usage error.
MeasuredSites gather_site_facts(const std::filesystem::path& workspace, const SiteQuery& query);

// Is the candidate's area within the range that gets measured?
inline bool in_area_range(const SiteFacts& site, const SiteQuery& query) {
  return site.area_ha >= query.min_area_ha && site.area_ha <= query.max_area_ha;
}

}  // namespace zanplan
