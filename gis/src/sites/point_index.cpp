#include "sites/point_index.hpp"

#include <algorithm>
#include <cmath>

namespace zanplan::sites {

namespace {
double coordinate(const IndexedPoint& p, int depth) { return depth % 2 == 0 ? p.x : p.y; }
double squared(double v) { return v * v; }
}  // namespace

PointIndex::PointIndex(std::vector<IndexedPoint> points) : nodes_(std::move(points)) {
  build(0, nodes_.size(), 0);
}

void PointIndex::build(std::size_t begin, std::size_t end, int depth) {
  if (end - begin <= 1) return;
  const std::size_t middle = begin + (end - begin) / 2;
  auto first = nodes_.begin() + static_cast<std::ptrdiff_t>(begin);
  std::nth_element(first, nodes_.begin() + static_cast<std::ptrdiff_t>(middle),
                   nodes_.begin() + static_cast<std::ptrdiff_t>(end),
                   [depth](const IndexedPoint& a, const IndexedPoint& b) {
                     return coordinate(a, depth) < coordinate(b, depth);
                   });
  build(begin, middle, depth + 1);
  build(middle + 1, end, depth + 1);
}

std::optional<Nearest> PointIndex::nearest(double x, double y) const {
  if (nodes_.empty()) return std::nullopt;
  Nearest best{0, 0};
  bool found = false;
  search_nearest(0, nodes_.size(), 0, x, y, best, found);
  best.distance = std::sqrt(best.distance);
  return best;
}

// best.distance holds the squared distance during the search.
void PointIndex::search_nearest(std::size_t begin, std::size_t end, int depth, double x, double y,
                                Nearest& best, bool& found) const {
  if (begin >= end) return;
  const std::size_t middle = begin + (end - begin) / 2;
  const IndexedPoint& node = nodes_[middle];
  const double d2 = squared(node.x - x) + squared(node.y - y);
  if (!found || d2 < best.distance || (d2 == best.distance && node.id < best.id)) {
    best = {node.id, d2};
    found = true;
  }
  const double delta = (depth % 2 == 0 ? x : y) - coordinate(node, depth);
  const bool left_first = delta < 0;
  if (left_first) {
    search_nearest(begin, middle, depth + 1, x, y, best, found);
  } else {
    search_nearest(middle + 1, end, depth + 1, x, y, best, found);
  }
  // <= so that equally distant points on the other side still compete on id.
  if (squared(delta) <= best.distance) {
    if (left_first) {
      search_nearest(middle + 1, end, depth + 1, x, y, best, found);
    } else {
      search_nearest(begin, middle, depth + 1, x, y, best, found);
    }
  }
}

std::vector<std::size_t> PointIndex::within(double x, double y, double radius) const {
  std::vector<std::size_t> out;
  search_within(0, nodes_.size(), 0, x, y, radius * radius, out);
  std::sort(out.begin(), out.end());
  return out;
}

void PointIndex::search_within(std::size_t begin, std::size_t end, int depth, double x, double y, double r2,
                               std::vector<std::size_t>& out) const {
  if (begin >= end) return;
  const std::size_t middle = begin + (end - begin) / 2;
  const IndexedPoint& node = nodes_[middle];
  if (squared(node.x - x) + squared(node.y - y) <= r2) out.push_back(node.id);
  const double delta = (depth % 2 == 0 ? x : y) - coordinate(node, depth);
  if (delta < 0 || squared(delta) <= r2) search_within(begin, middle, depth + 1, x, y, r2, out);
  if (delta >= 0 || squared(delta) <= r2) search_within(middle + 1, end, depth + 1, x, y, r2, out);
}

}  // namespace zanplan::sites
