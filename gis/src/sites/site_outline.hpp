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

// The union of `parcels` (items of `shapes`), valid. `expected_m2` is the sum of the
// parcels' areas: a coverage union whose area departs from it by more than `tolerance`
// (relative) is rejected in favour of the overlay union.
Outline union_outline(const workspace::PolygonSet& shapes, std::span<const std::uint32_t> parcels, double expected_m2,
                      double tolerance = 1e-6);

// Outlines of many sites, both cores busy; outline i is of sites[i].
std::vector<Outline> union_outlines(const workspace::PolygonSet& shapes,
                                    const std::vector<std::vector<std::uint32_t>>& sites,
                                    const std::vector<double>& expected_m2, unsigned threads);

}  // namespace zanplan::sites
