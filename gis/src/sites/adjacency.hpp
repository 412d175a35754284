// Which parcels are neighbours: two parcels are adjacent when they share at least
// `min_shared_m` of boundary, where two boundary stretches count as shared when each lies
// within `snap_tolerance_m` of the other (neighbouring parcels of a real cadastre do not
// share exact vertices). A corner touch shares no length, so it is not adjacency.
// Internal to gis; see docs/sites.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "workspace/polygon_set.hpp"

namespace zanplan::sites {

struct AdjacencySettings {
  double snap_tolerance_m = 0.5;
  double min_shared_m = 5.0;
  unsigned threads = 0;  // 0: one per core
};

// An undirected graph in compressed rows: the neighbours of item i are
// neighbours[offsets[i] .. offsets[i + 1]), ascending, with the shared boundary length.
struct AdjacencyGraph {
  std::vector<std::uint32_t> offsets{0};
  std::vector<std::uint32_t> neighbours;
  std::vector<float> shared_m;

  [[nodiscard]] std::size_t node_count() const noexcept { return offsets.size() - 1; }
  [[nodiscard]] std::size_t edge_count() const noexcept { return neighbours.size() / 2; }
  [[nodiscard]] std::span<const std::uint32_t> of(std::size_t i) const {
    return {neighbours.data() + offsets[i], offsets[i + 1] - offsets[i]};
  }
  [[nodiscard]] std::span<const float> shared_of(std::size_t i) const {
    return {shared_m.data() + offsets[i], offsets[i + 1] - offsets[i]};
  }
};

// Length of boundary that two polygons share within the tolerance (exposed for tests).
double shared_boundary_m(const workspace::PolygonSet& polygons, std::size_t a, std::size_t b, double tolerance);

// The adjacency of every item of `polygons`, both cores busy.
AdjacencyGraph build_adjacency(const workspace::PolygonSet& polygons, const AdjacencySettings& settings);

}  // namespace zanplan::sites
