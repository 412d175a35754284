// One outline per site: the union of its parcels. Parcels of one cadastre form a coverage
// (edges matched exactly), which GEOS's coverage union merges quickly; when they do not
// (digitising noise, overlaps), the overlay union is used instead. Internal to gis.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "workspace/polygon_set.hpp"

namespace zanplan::sites {

struct Outline {
  std::string wkb;  // ISO WKB, Lambert-93, Polygon or MultiPolygon
  double area_m2 = 0;
  bool overlay = false;  // the coverage union was not valid: the overlay union made it
};

// The union of `parcels` (items of `shapes`), valid. Parcels of one group (one commune:
// one cadastre sheet set) are merged with the coverage union; a group whose coverage union
// is not valid, or whose area departs from the sum of its parcels' by more than `tolerance`
// (relative), is merged with the overlay union instead. The groups' outlines are then
// merged with the overlay union (neighbouring communes' parcels rarely match exactly).
// `group` holds one entry per item of `shapes`; empty: all one group.
Outline union_outline(const workspace::PolygonSet& shapes, std::span<const std::uint32_t> parcels,
                      std::span<const std::uint16_t> group = {}, double tolerance = 1e-6);

// Outlines of many sites, both cores busy; outline i is of sites[i].
std::vector<Outline> union_outlines(const workspace::PolygonSet& shapes, std::span<const std::uint16_t> group,
                                    const std::vector<std::vector<std::uint32_t>>& sites, unsigned threads);

}  // namespace zanplan::sites
