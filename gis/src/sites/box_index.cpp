#include "sites/box_index.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace zanplan::sites {

namespace {

Box merge(const Box* begin, const Box* end) {
  Box b = *begin;
  for (const Box* it = begin + 1; it != end; ++it) {
    b.min_x = std::min(b.min_x, it->min_x);
    b.min_y = std::min(b.min_y, it->min_y);
    b.max_x = std::max(b.max_x, it->max_x);
    b.max_y = std::max(b.max_y, it->max_y);
  }
  return b;
}

double centre_x(const Box& b) { return (b.min_x + b.max_x) / 2; }
double centre_y(const Box& b) { return (b.min_y + b.max_y) / 2; }

}  // namespace

BoxIndex::BoxIndex(const std::vector<Box>& boxes) : item_count_(boxes.size()) {
  if (boxes.empty()) return;
  // Sort-Tile-Recursive: sort by x, cut into vertical slices of about sqrt(n / fanout) leaves
  // each, sort each slice by y; consecutive runs of `fanout` items then make compact leaves.
  items_.resize(boxes.size());
  std::iota(items_.begin(), items_.end(), 0U);
  std::sort(items_.begin(), items_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return centre_x(boxes[a]) < centre_x(boxes[b]) || (centre_x(boxes[a]) == centre_x(boxes[b]) && a < b);
  });
  const std::size_t leaves = (boxes.size() + fanout - 1) / fanout;
  const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(leaves))));
  const std::size_t per_slice = slices * fanout;
  for (std::size_t begin = 0; begin < items_.size(); begin += per_slice) {
    const std::size_t end = std::min(begin + per_slice, items_.size());
    std::sort(items_.begin() + static_cast<std::ptrdiff_t>(begin), items_.begin() + static_cast<std::ptrdiff_t>(end),
              [&](std::uint32_t a, std::uint32_t b) {
                return centre_y(boxes[a]) < centre_y(boxes[b]) || (centre_y(boxes[a]) == centre_y(boxes[b]) && a < b);
              });
  }
  std::vector<Box> level;
  level.reserve(items_.size());
  for (std::uint32_t id : items_) level.push_back(boxes[id]);
  levels_.push_back(std::move(level));
  // Upper levels group consecutive nodes; the packed order keeps them spatially close.
  while (levels_.back().size() > 1 || levels_.size() == 1) {
    const auto& below = levels_.back();
    std::vector<Box> above;
    above.reserve((below.size() + fanout - 1) / fanout);
    for (std::size_t begin = 0; begin < below.size(); begin += fanout) {
      const std::size_t end = std::min<std::size_t>(begin + fanout, below.size());
      above.push_back(merge(below.data() + begin, below.data() + end));
    }
    levels_.push_back(std::move(above));
  }
}

}  // namespace zanplan::sites
