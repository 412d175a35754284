#include "synthetic/land_cover.hpp"

#include <algorithm>
#include <cmath>

#include "zanplan/error.hpp"

namespace zanplan::synthetic {

namespace {

StrTreePtr make_tree(const std::vector<geos::GeometryPtr>& geometries) {
  auto& context = geos::Context::current();
  StrTreePtr tree(GEOSSTRtree_create_r(context.handle(), 10), StrTreeDeleter{context.handle()});
  if (!tree) throw Error(ErrorKind::internal, "GEOS STRtree creation failed: " + context.last_error());
  for (const auto& g : geometries) {
    // The item is the geometry itself; GEOS only hands it back in queries.
    GEOSSTRtree_insert_r(context.handle(), tree.get(), g.get(), g.get());
  }
  return tree;
}

// Calls visit(item) for every item of `tree` whose envelope meets that of `area`; the items
// are of type Item.
template <typename Item, typename Visit>
void query(const GEOSSTRtree& tree, const GEOSGeometry& area, Visit visit) {
  const auto handle = geos::Context::current().handle();
  auto callback = [](void* item, void* data) { (*static_cast<Visit*>(data))(*static_cast<const Item*>(item)); };
  // GEOS queries do not modify the tree; its C API just lacks const.
  GEOSSTRtree_query_r(handle, const_cast<GEOSSTRtree*>(&tree), &area, callback, &visit);
}

}  // namespace

double artificialised_chance(double distance_m, double core_radius_m) {
  if (distance_m <= core_radius_m) return core_artificialised;
  const double decay = std::max(core_radius_m, min_decay_m);
  return outskirts_artificialised + edge_artificialised * std::exp(-(distance_m - core_radius_m) / decay);
}

ClassifierLayers ClassifierLayers::copy_of(const WorkspaceInputs& inputs) {
  auto& context = geos::Context::current();
  auto clones = [&](const std::vector<geos::GeometryPtr>& geometries) {
    std::vector<geos::GeometryPtr> copies;
    copies.reserve(geometries.size());
    for (const auto& g : geometries) copies.push_back(geos::own(context, GEOSGeom_clone_r(context.handle(), g.get()), "clone"));
    return copies;
  };
  return {clones(inputs.brownfields), clones(inputs.artificial), clones(inputs.farmland)};
}

LandClassifier::LandClassifier(const ClassifierLayers& layers)
    : brownfields_(make_tree(layers.brownfields)),
      artificial_(make_tree(layers.artificial)),
      farmland_(make_tree(layers.farmland)) {}

LandClassifier::~LandClassifier() = default;

bool LandClassifier::contains_brownfield(const GEOSGeometry& parcel) const {
  const auto handle = geos::Context::current().handle();
  bool found = false;
  query<GEOSGeometry>(*brownfields_, parcel, [&](const GEOSGeometry& point) {
    if (!found && GEOSContains_r(handle, &parcel, &point) == 1) found = true;
  });
  return found;
}

bool LandClassifier::mostly_covered(const GEOSSTRtree& tree, const GEOSGeometry& parcel, double area) {
  if (area <= 0.0) return false;
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  double covered = 0.0;
  bool decided = false;
  query<GEOSGeometry>(tree, parcel, [&](const GEOSGeometry& polygon) {
    if (decided || GEOSIntersects_r(handle, &parcel, &polygon) != 1) return;
    auto overlap = geos::own(context, GEOSIntersection_r(handle, &parcel, &polygon), "intersection");
    double overlap_area = 0.0;
    GEOSArea_r(handle, overlap.get(), &overlap_area);
    covered += overlap_area;
    if (std::min(covered / area, 1.0) > mostly_inside) decided = true;
  });
  return decided;
}

formats::LandClass LandClassifier::classify(const SyntheticParcel& parcel, const CommuneLayout& layout,
                                            Random& random) const {
  const double draw = random.uniform();
  const GEOSGeometry& geometry = *parcel.geometry;
  if (contains_brownfield(geometry)) return formats::LandClass::brownfield;
  if (mostly_covered(*artificial_, geometry, parcel.area_m2)) return formats::LandClass::artificialised;
  if (mostly_covered(*farmland_, geometry, parcel.area_m2)) return formats::LandClass::enaf;
  return draw < artificialised_chance(parcel.centre_distance_m, layout.core_radius_m)
             ? formats::LandClass::artificialised
             : formats::LandClass::enaf;
}

}  // namespace zanplan::synthetic
