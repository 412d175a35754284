#include "sites/grow.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <queue>

namespace zanplan::sites {

namespace {

// Position along a Hilbert curve over a 2^16 grid: seeds close in this order are close on
// the ground, so the region is tiled front by front instead of at random.
std::uint64_t hilbert(std::uint32_t x, std::uint32_t y) {
  std::uint64_t d = 0;
  for (std::uint32_t s = 1U << 15U; s > 0; s >>= 1U) {
    const std::uint32_t rx = (x & s) != 0 ? 1 : 0;
    const std::uint32_t ry = (y & s) != 0 ? 1 : 0;
    d += static_cast<std::uint64_t>(s) * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

std::vector<std::uint32_t> seed_order(const GrowInput& in) {
  const std::size_t n = in.graph.node_count();
  double min_x = std::numeric_limits<double>::infinity(), min_y = min_x, max_x = -min_x, max_y = -min_x;
  for (std::size_t i = 0; i < n; ++i) {
    min_x = std::min(min_x, in.centroid_x[i]);
    max_x = std::max(max_x, in.centroid_x[i]);
    min_y = std::min(min_y, in.centroid_y[i]);
    max_y = std::max(max_y, in.centroid_y[i]);
  }
  const double extent = std::max({max_x - min_x, max_y - min_y, 1.0});
  std::vector<std::uint64_t> key(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto gx = static_cast<std::uint32_t>(std::min(65535.0, (in.centroid_x[i] - min_x) / extent * 65535.0));
    const auto gy = static_cast<std::uint32_t>(std::min(65535.0, (in.centroid_y[i] - min_y) / extent * 65535.0));
    key[i] = (static_cast<std::uint64_t>(in.seed_rank[i]) << 32U) | hilbert(gx, gy);
  }
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b] || (key[a] == key[b] && a < b); });
  return order;
}

constexpr std::uint32_t unassigned = std::numeric_limits<std::uint32_t>::max();

struct Candidate {
  double key;
  std::uint32_t node;
  std::uint32_t version;
  bool operator>(const Candidate& o) const { return key > o.key || (key == o.key && node > o.node); }
};

// The state of one growing site; the per-node arrays are reused across seeds through a
// stamp, so a seed costs only what it touches.
class Grower {
 public:
  Grower(const GrowInput& in, const GrowSettings& settings, const std::vector<std::uint32_t>& site_of)
      : in_(in), settings_(settings), site_of_(site_of), stamp_(in.graph.node_count(), 0),
        shared_(in.graph.node_count(), 0.0), version_(in.graph.node_count(), 0) {}

  GrownSite grow(std::uint32_t seed) {
    ++current_;
    GrownSite site;
    frontier_ = {};
    sum_x_ = sum_y_ = 0;
    add(site, seed);
    while (site.area_m2 < settings_.target_m2 && !frontier_.empty() && site.parcels.size() < settings_.max_parcels) {
      const Candidate c = frontier_.top();
      frontier_.pop();
      if (joined(c.node) || c.version != version_[c.node]) continue;
      if (site.area_m2 + in_.area_m2[c.node] > settings_.max_m2) continue;
      add(site, c.node);
    }
    return site;
  }

 private:
  [[nodiscard]] bool joined(std::uint32_t node) const { return stamp_[node] == current_ && shared_[node] < 0; }

  void add(GrownSite& site, std::uint32_t node) {
    const double touching = stamp_[node] == current_ ? shared_[node] : 0.0;
    stamp_[node] = current_;
    shared_[node] = -1;  // joined
    site.parcels.push_back(node);
    site.area_m2 += in_.area_m2[node];
    site.perimeter_m += in_.perimeter_m[node] - 2 * touching;
    sum_x_ += in_.centroid_x[node] * in_.area_m2[node];
    sum_y_ += in_.centroid_y[node] * in_.area_m2[node];
    const double cx = sum_x_ / std::max(site.area_m2, 1e-9);
    const double cy = sum_y_ / std::max(site.area_m2, 1e-9);
    const double radius = std::sqrt(std::max(site.area_m2, settings_.target_m2) / std::numbers::pi);
    const auto neighbours = in_.graph.of(node);
    const auto lengths = in_.graph.shared_of(node);
    for (std::size_t k = 0; k < neighbours.size(); ++k) {
      const std::uint32_t m = neighbours[k];
      if (site_of_[m] != unassigned) continue;
      if (stamp_[m] != current_) {
        stamp_[m] = current_;
        shared_[m] = 0;
      } else if (shared_[m] < 0) {
        continue;  // already in the site
      }
      shared_[m] += lengths[k];
      const double distance = std::hypot(in_.centroid_x[m] - cx, in_.centroid_y[m] - cy) / radius;
      const double contact = shared_[m] / std::max(in_.perimeter_m[m], 1e-9);
      const double key = settings_.land_weight * in_.land_cost[m] + settings_.shape_weight * distance -
                         settings_.contact_weight * contact;
      frontier_.push({key, m, ++version_[m]});
    }
  }

  const GrowInput& in_;
  const GrowSettings& settings_;
  const std::vector<std::uint32_t>& site_of_;
  std::vector<std::uint32_t> stamp_;
  std::vector<double> shared_;  // boundary shared with the growing site; -1 once joined
  std::vector<std::uint32_t> version_;
  std::uint32_t current_ = 0;
  double sum_x_ = 0, sum_y_ = 0;
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> frontier_;
};

}  // namespace

double polsby_popper(double area, double perimeter) {
  return perimeter > 0 ? 4 * std::numbers::pi * area / (perimeter * perimeter) : 0.0;
}

double GrownSite::compactness() const { return polsby_popper(area_m2, perimeter_m); }

GrowResult grow_sites(const GrowInput& in, const GrowSettings& settings) {
  GrowResult result;
  const std::size_t n = in.graph.node_count();
  std::vector<std::uint32_t> site_of(n, unassigned);
  std::vector<std::uint8_t> spent(n, 0);  // tried as a seed, or inside land too small for a site
  Grower grower(in, settings, site_of);
  for (const std::uint32_t seed : seed_order(in)) {
    if (site_of[seed] != unassigned || spent[seed] != 0 || in.may_seed[seed] == 0) continue;
    if (in.area_m2[seed] > settings.max_m2) continue;
    ++result.seeds_tried;
    spent[seed] = 1;
    GrownSite site = grower.grow(seed);
    if (site.area_m2 < settings.min_m2) {
      // The free contiguous land around this seed is too small; its other parcels would
      // reach no further as seeds.
      if (site.area_m2 < settings.target_m2) {
        for (std::uint32_t p : site.parcels) spent[p] = 1;
      }
      ++result.too_small;
      continue;
    }
    if (site.compactness() < settings.min_compactness) {
      ++result.too_irregular;
      continue;
    }
    const auto id = static_cast<std::uint32_t>(result.sites.size());
    for (std::uint32_t p : site.parcels) site_of[p] = id;
    result.sites.push_back(std::move(site));
  }
  return result;
}

}  // namespace zanplan::sites
