// Growing sites from seed parcels over the adjacency graph: contiguous, non-overlapping
// sets of eligible parcels that reach the profile's area range with a usable shape,
// preferring land that costs little ZAN. A pure function of flat arrays, so it is tested
// on hand-made graphs. The algorithm and what it does not guarantee: docs/sites.md.
// Internal to gis.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sites/adjacency.hpp"

namespace zanplan::sites {

struct GrowSettings {
  double min_m2 = 0;
  double max_m2 = 0;
  double target_m2 = 0;         // a site stops growing once it reaches this area
  double min_compactness = 0;   // Polsby–Popper 4πA/P² of the assembled outline
  double land_weight = 1.0;     // preference for parcels whose land costs no ENAF
  double shape_weight = 1.0;    // preference for parcels close to the site's centre
  double contact_weight = 0.5;  // preference for parcels sharing much boundary with the site
  std::size_t max_parcels = 20'000;
};

// One node per eligible parcel, all spans of graph.node_count() entries.
struct GrowInput {
  const AdjacencyGraph& graph;
  std::span<const double> area_m2;
  std::span<const double> perimeter_m;
  std::span<const double> centroid_x;
  std::span<const double> centroid_y;
  std::span<const double> land_cost;      // 0 (brownfield, economic land) … 1 (all ENAF)
  std::span<const std::uint8_t> seed_rank; // seeds are tried by rank (0 first), then in space-filling order
  std::span<const std::uint8_t> may_seed;  // 0: the parcel may join a site but not start one
};

struct GrownSite {
  std::vector<std::uint32_t> parcels;  // the seed first, then in the order they joined
  double area_m2 = 0;
  double perimeter_m = 0;  // of the outline: the parcels' perimeters less twice their shared boundaries
  [[nodiscard]] double compactness() const;
};

struct GrowResult {
  std::vector<GrownSite> sites;
  std::size_t seeds_tried = 0;
  std::size_t too_small = 0;      // the contiguous eligible land ran out below the minimum area
  std::size_t too_irregular = 0;  // reached the area but not the compactness minimum
};

GrowResult grow_sites(const GrowInput& input, const GrowSettings& settings);

// Polsby–Popper compactness 4πA/P²: 1 for a disc, π/4 for a square.
double polsby_popper(double area, double perimeter);

}  // namespace zanplan::sites
