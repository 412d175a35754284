// Land classes of synthetic parcels, consistent with the real layers of the workspace.
// Internal to gis.
#pragma once

#include <memory>
#include <vector>

#include "formats/cadastre.hpp"
#include "synthetic/inputs.hpp"
#include "synthetic/parcels.hpp"
#include "synthetic/random.hpp"

namespace zanplan::synthetic {

// A parcel is "mostly inside" a layer above this share of its area.
inline constexpr double mostly_inside = 0.5;
// Where no real layer decides: the chance that a parcel is artificialised, in the core and
// far outside it (it decays exponentially with the distance beyond the core edge).
inline constexpr double core_artificialised = 0.85;
inline constexpr double outskirts_artificialised = 0.03;
inline constexpr double edge_artificialised = 0.35;
inline constexpr double min_decay_m = 500.0;

struct StrTreeDeleter {
  GEOSContextHandle_t context = nullptr;
  void operator()(GEOSSTRtree* tree) const noexcept { GEOSSTRtree_destroy_r(context, tree); }
};
using StrTreePtr = std::unique_ptr<GEOSSTRtree, StrTreeDeleter>;

// The real layers a classifier reads, copied for one worker thread: GEOS geometries and
// trees are not shared between threads (a tree builds itself on its first query).
struct ClassifierLayers {
  std::vector<geos::GeometryPtr> brownfields;
  std::vector<geos::GeometryPtr> artificial;
  std::vector<geos::GeometryPtr> farmland;

  // Clones in the calling thread's GEOS context.
  static ClassifierLayers copy_of(const WorkspaceInputs& inputs);
};

class LandClassifier {
 public:
  // Keeps references to the layers' geometries; they must outlive the classifier.
  explicit LandClassifier(const ClassifierLayers& layers);
  ~LandClassifier();
  LandClassifier(const LandClassifier&) = delete;
  LandClassifier& operator=(const LandClassifier&) = delete;

  // In order: a parcel containing a brownfield point → brownfield; mostly inside a business
  // park or a dense logistics area → artificialised; mostly inside RPG farmland → enaf;
  // otherwise a seeded draw whose chance of artificialised falls with the distance from
  // the commune core. One uniform draw per parcel whatever the branch.
  formats::LandClass classify(const SyntheticParcel& parcel, const CommuneLayout& layout,
                              Random& random) const;

 private:
  [[nodiscard]] bool contains_brownfield(const GEOSGeometry& parcel) const;
  // Whether the polygons of `tree` cover more than mostly_inside of the parcel's `area`:
  // the sum of the overlaps, decided as soon as it passes the share (the overlaps are not
  // negative, so the sum can only grow). Prepared layer polygons were tried: at full
  // density preparing every polygon a parcel meets cost more than it saved.
  [[nodiscard]] static bool mostly_covered(const GEOSSTRtree& tree, const GEOSGeometry& parcel, double area);

  StrTreePtr brownfields_;
  StrTreePtr artificial_;
  StrTreePtr farmland_;
};

// The chance of artificialised for a parcel whose centroid is `distance` from the centre.
double artificialised_chance(double distance_m, double core_radius_m);

}  // namespace zanplan::synthetic
