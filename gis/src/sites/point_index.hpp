// A static 2-D k-d tree over points, built once in bulk, then query-only. Used for nearest
// substation / motorway access / rail point / port: a few hundred to a few thousand points,
// queried once per candidate site.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace zanplan::sites {

struct IndexedPoint {
  double x = 0;
  double y = 0;
  std::size_t id = 0;  // caller's index into its own records
};

struct Nearest {
  std::size_t id = 0;
  double distance = 0;
};

class PointIndex {
 public:
  PointIndex() = default;
  explicit PointIndex(std::vector<IndexedPoint> points);

  [[nodiscard]] bool empty() const noexcept { return nodes_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }

  // The nearest point to (x, y); ties go to the smaller id so results are deterministic.
  [[nodiscard]] std::optional<Nearest> nearest(double x, double y) const;

  // Every point within radius of (x, y), in increasing id order.
  [[nodiscard]] std::vector<std::size_t> within(double x, double y, double radius) const;

 private:
  void build(std::size_t begin, std::size_t end, int depth);
  void search_nearest(std::size_t begin, std::size_t end, int depth, double x, double y, Nearest& best,
                      bool& found) const;
  void search_within(std::size_t begin, std::size_t end, int depth, double x, double y, double r2,
                     std::vector<std::size_t>& out) const;

  // Implicit tree: the median of [begin, end) is the node, halves are the children.
  std::vector<IndexedPoint> nodes_;
};

}  // namespace zanplan::sites
