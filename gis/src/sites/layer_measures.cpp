#include "sites/layer_measures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sites/shapes.hpp"
#include "zanplan/error.hpp"

namespace zanplan::sites {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

MeasuredLayer::MeasuredLayer(workspace::ReadOnlyDatabase& db, LayerMeasureQuery query) : query_(std::move(query)) {
  const std::string& layer = query_.layer;
  const bool with_field = query_.measure == LayerMeasure::attribute;
  std::string sql = "SELECT fid, " + db.column_identifier(layer, geometry_column(db, layer));
  if (with_field) sql += ", " + db.column_identifier(layer, query_.field);
  sql += " FROM " + db.layer_identifier(layer) + " ORDER BY fid";
  auto q = db.query(sql, layer);
  auto& context = geos::Context::current();
  std::vector<Box> boxes;
  extent_ = Box{infinity, infinity, -infinity, -infinity};
  while (q.step()) {
    if (q.is_null(1)) continue;
    const auto wkb = workspace::gpkg_wkb(q.blob(1));
    if (wkb.empty()) continue;  // an empty geometry is nowhere
    geos::GeometryPtr g;
    try {
      g = geos::from_wkb(context, wkb.data(), wkb.size());
    } catch (Error& e) {
      e.add_context({.file = db.path().string(), .layer = layer, .feature = q.integer(0)});
      throw;
    }
    const Box box = box_of(*g);
    extent_ = {std::min(extent_.min_x, box.min_x), std::min(extent_.min_y, box.min_y), std::max(extent_.max_x, box.max_x),
               std::max(extent_.max_y, box.max_y)};
    boxes.push_back(box);
    fids_.push_back(q.integer(0));
    prepared_.push_back(geos::prepare(context, *g));
    geometries_.push_back(std::move(g));
    if (with_field) values_.push_back(q.is_null(2) ? nan : q.real(2));
  }
  index_ = BoxIndex(boxes);
}

double MeasuredLayer::measure(const GEOSGeometry& site, const Box& box) const {
  switch (query_.measure) {
    case LayerMeasure::distance_km: return distance_m(site, box) / 1000.0;
    case LayerMeasure::share_covered: return covered_share(site, box);
    case LayerMeasure::attribute: return covering_attribute(site, box);
  }
  return nan;
}

// The search box grows until it holds a feature nearer than its own reach (a feature outside
// the box is farther than the reach) or the whole layer.
double MeasuredLayer::distance_m(const GEOSGeometry& site, const Box& box) const {
  if (geometries_.empty()) return infinity;
  const auto handle = geos::Context::current().handle();
  for (double reach = 500;; reach *= 4) {
    double best = infinity;
    const Box search = box.expanded(reach);
    index_.query(search, [&](std::uint32_t i) {
      double d = infinity;
      if (GEOSPreparedDistance_r(handle, prepared_[i].get(), &site, &d) == 1) best = std::min(best, d);
    });
    if (best <= reach || search.contains(extent_)) return best;
  }
}

double MeasuredLayer::covered_share(const GEOSGeometry& site, const Box& box) const {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  double site_area = 0;
  GEOSArea_r(handle, &site, &site_area);
  if (!(site_area > 0)) return 0.0;
  std::vector<geos::GeometryPtr> pieces;
  index_.query(box, [&](std::uint32_t i) {
    if (GEOSPreparedIntersects_r(handle, prepared_[i].get(), &site) != 1) return;
    pieces.push_back(geos::own(context, GEOSIntersection_r(handle, &site, geometries_[i].get()), "intersection"));
  });
  if (pieces.empty()) return 0.0;
  // Overlapping polygons of the layer cover the same ground once.
  std::vector<GEOSGeometry*> raw;
  for (auto& p : pieces) raw.push_back(p.get());
  auto collection = geos::own(context,
                              GEOSGeom_createCollection_r(handle, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())),
                              "collection");
  for (auto& p : pieces) (void)p.release();  // the collection owns them now
  auto covered = geos::own(context, GEOSUnaryUnion_r(handle, collection.get()), "union");
  double covered_area = 0;
  GEOSArea_r(handle, covered.get(), &covered_area);
  return std::clamp(covered_area / site_area, 0.0, 1.0);
}

double MeasuredLayer::covering_attribute(const GEOSGeometry& site, const Box& box) const {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  double best_area = 0;
  std::size_t best = values_.size();
  index_.query(box, [&](std::uint32_t i) {
    if (GEOSPreparedIntersects_r(handle, prepared_[i].get(), &site) != 1) return;
    auto piece = geos::own(context, GEOSIntersection_r(handle, &site, geometries_[i].get()), "intersection");
    double area = 0;
    GEOSArea_r(handle, piece.get(), &area);
    // The largest overlap wins; equal overlaps go to the lower fid, whatever the index order.
    if (area > best_area || (area == best_area && area > 0 && fids_[i] < fids_[best])) {
      best_area = area;
      best = i;
    }
  });
  const double value = best < values_.size() ? values_[best] : nan;
  if (std::isnan(value) && query_.missing) return *query_.missing;
  return value;
}

}  // namespace zanplan::sites
