// Synthetic parcels for one commune: Voronoi cells of seeded points, clipped to the commune
// polygon, dense in a built-up core around the commune's centre and sparse outside.
// Internal to gis.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "geos/context.hpp"
#include "synthetic/inputs.hpp"
#include "synthetic/random.hpp"

namespace zanplan::synthetic {

// The parcel-count model at density 1.0: about one cadastral parcel per hectare of land,
// plus 0.4 per inhabitant in the built-up core (about one house or building plot per
// household of 2.5). For Hauts-de-France (3.2 Mha, 6.0 M inhabitants) that gives about
// 5.6 million parcels, the order of the real count.
inline constexpr double parcels_per_hectare = 1.0;
inline constexpr double core_parcels_per_inhabitant = 0.4;
// The core's area grows with the population (about 2,500 inhabitants per km² of built-up
// land), up to a share of the commune.
inline constexpr double core_m2_per_inhabitant = 400.0;
inline constexpr double max_core_share = 0.85;
// Clipping pieces smaller than this are numerical slivers, not parcels.
inline constexpr double sliver_m2 = 1.0;

struct CommuneLayout {
  double centre_x = 0.0;
  double centre_y = 0.0;
  double core_radius_m = 0.0;  // 0 when the commune has no core (no inhabitants)
};

struct SyntheticParcel {
  std::string section;         // two letters, "AA", "AB", …
  int number = 0;              // 1..9999 within the section
  geos::GeometryPtr geometry;  // Lambert-93 Polygon
  double area_m2 = 0.0;
  double centre_distance_m = 0.0;  // from the parcel's centroid to the commune centre
  bool core = false;               // centroid within the core radius
};

struct CommuneParcels {
  CommuneLayout layout;
  std::vector<SyntheticParcel> parcels;  // ordered by section, then number
  std::size_t slivers_dropped = 0;
};

CommuneLayout commune_layout(const CommuneInput& commune);

CommuneParcels generate_commune_parcels(const CommuneInput& commune, double density, Random& random);

}  // namespace zanplan::synthetic
