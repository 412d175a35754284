// Sites assembled from cadastral parcels: `zanplan sites`. Eligible parcels (docs/sites.md)
// are linked by shared boundaries, grown from seeds into contiguous, non-overlapping sites
// within the profile's area range, unioned into one outline each, and written into the
// workspace for `score`, `explain`, the map and the exports to use.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "zanplan/scoring/profile.hpp"

namespace zanplan {

// Workspace tables of one profile's sites (docs/workspace.md).
struct SiteTables {
  std::string sites;     // "sites_<profile>": outlines and totals
  std::string parcels;   // "site_parcels_<profile>": site → parcel
  std::string communes;  // "site_communes_<profile>": site → commune, with the share of the area
};
// Can this profile name be part of a table name ([a-z0-9_], not empty)?
bool names_tables(std::string_view profile_name);
// Throws a config error when the profile name cannot name a table.
SiteTables site_tables(const scoring::Profile& profile);

// One parcel of an assembled site, as `zanplan explain` lists it.
struct SiteParcel {
  std::string parcel_id;
  std::string commune;
  std::string use;  // brownfield / economic / enaf
  double area_m2 = 0;
  double enaf_m2 = 0;
};
// The parcels of one site of the profile, in the order they joined it (the seed first).
// Empty when the workspace has no assembled sites for the profile or no such site.
std::vector<SiteParcel> read_site_parcels(const std::filesystem::path& workspace, const scoring::Profile& profile,
                                          const std::string& site_id);

// What the eligibility pass found among the workspace's parcels (docs/sites.md).
struct EligibilityCounts {
  std::size_t read = 0;
  std::size_t eligible = 0;
  std::size_t urban = 0;          // artificialised, neither economic land nor brownfield
  std::size_t unknown_land = 0;   // no land class
  std::map<std::string, std::size_t> in_exclusion_layer;  // layer → parcels
  std::size_t brownfield = 0, economic = 0, enaf = 0;     // eligible parcels by use
  std::size_t brownfields_placed = 0;  // brownfields whose footprint met a parcel
  double brownfield_ha = 0;            // hectares of brownfield footprint on eligible parcels
};

struct AssemblyReport {
  EligibilityCounts parcels;
  std::size_t edges = 0;
  std::size_t seeds_not_allowed = 0;  // eligible parcels too far from a connectable substation to start a site
  std::size_t seeds_tried = 0;
  std::size_t too_small = 0;
  std::size_t too_irregular = 0;
  std::size_t sites = 0;
  std::size_t parcels_in_sites = 0;
  std::size_t overlay_unions = 0;  // outlines that needed the overlay union (parcels not an exact coverage)
  std::map<std::string, double> seconds;  // stage → wall time
};

struct AssemblyOptions {
  std::filesystem::path workspace;
  scoring::Profile profile;
  unsigned threads = 0;  // 0: one per core
  // When set, the eligible parcels and their adjacency are also written there as
  // nodes.csv (parcel_id, use) and edges.csv (parcel_a, parcel_b, shared_m), for checks.
  std::filesystem::path graph_dir;
  std::function<void(std::string_view stage, double fraction)> progress;
};

// Assembles the profile's sites and replaces its tables in the workspace in one
// transaction (a failure leaves the previous tables as they were).
AssemblyReport assemble_sites(const AssemblyOptions& options);

}  // namespace zanplan
