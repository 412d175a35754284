// A static R-tree over boxes, packed in bulk with the Sort-Tile-Recursive method and then
// query-only: no inserts, no locks, so any number of threads can query it at once. Holds
// millions of parcel boxes in flat arrays. Internal to gis.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "workspace/polygon_set.hpp"

namespace zanplan::sites {

using workspace::Box;

class BoxIndex {
 public:
  BoxIndex() = default;
  // Item i of the index is boxes[i].
  explicit BoxIndex(const std::vector<Box>& boxes);

  // Calls visit(item) for every item whose box intersects `query` (boundaries included),
  // in no particular order.
  template <typename Visit>
  void query(const Box& query, Visit&& visit) const {
    if (levels_.empty()) return;
    query_node(levels_.size() - 1, 0, query, visit);
  }

  [[nodiscard]] std::size_t size() const noexcept { return item_count_; }

 private:
  static constexpr std::uint32_t fanout = 16;

  // Level 0 holds the items (in packed order, ids in items_); level k + 1 holds one box per
  // group of `fanout` consecutive boxes of level k.
  template <typename Visit>
  void query_node(std::size_t level, std::size_t node, const Box& q, Visit& visit) const {
    const std::size_t begin = node * fanout;
    const std::size_t end = std::min<std::size_t>(begin + fanout, levels_[level - 1].size());
    const auto& children = levels_[level - 1];
    for (std::size_t c = begin; c < end; ++c) {
      if (!children[c].intersects(q)) continue;
      if (level == 1) {
        visit(items_[c]);
      } else {
        query_node(level - 1, c, q, visit);
      }
    }
  }

  std::vector<std::vector<Box>> levels_;  // levels_[0]: item boxes; last: one root box
  std::vector<std::uint32_t> items_;      // item id of each leaf slot
  std::size_t item_count_ = 0;
};

}  // namespace zanplan::sites
