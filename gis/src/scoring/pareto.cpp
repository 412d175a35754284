#include "zanplan/scoring/pareto.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace zanplan::scoring {

// Algorithm (Kung, Luccio & Preparata 1975, for three objectives), O(n log n):
// sort the points by (zan, power, logistics) and sweep them in groups of equal zan.
//  - A point is dominated by an earlier group (strictly smaller zan) iff some earlier point
//    has power ≤ and logistics ≤ its own. The earlier points' minimal (power, logistics)
//    pairs form a staircase (power ascending, logistics strictly descending) kept in a
//    std::map: one O(log n) lookup answers the question, and each insertion removes the
//    steps it covers (amortised O(log n)).
//  - Within a group of equal zan, domination is 2-D on (power, logistics) with at least
//    one strict inequality, decided in the same sorted pass.
// The sort dominates: 200k points take a few tens of milliseconds.

namespace {

double sanitised(double v) { return std::isnan(v) ? std::numeric_limits<double>::infinity() : v; }

struct Point {
  double a, b, c;
};

// Minimal (b, c) pairs of the points seen so far: b ascending, c strictly descending.
class Staircase {
 public:
  // Is there a stored pair with b' ≤ b and c' ≤ c?
  [[nodiscard]] bool covers(double b, double c) const {
    auto it = steps_.upper_bound(b);
    if (it == steps_.begin()) return false;
    --it;  // the largest b' ≤ b has the smallest c' among those
    return it->second <= c;
  }

  void insert(double b, double c) {
    if (covers(b, c)) return;
    // Remove the steps this pair covers: b' ≥ b and c' ≥ c (they follow b in the map).
    auto it = steps_.lower_bound(b);
    while (it != steps_.end() && it->second >= c) it = steps_.erase(it);
    steps_[b] = c;
  }

 private:
  std::map<double, double> steps_;
};

// Marks the points of one equal-a group [first, last) of `order` that are dominated.
void mark_group(const std::vector<Point>& p, const std::vector<std::size_t>& order, std::size_t first, std::size_t last,
                const Staircase& earlier, std::vector<bool>& front) {
  double min_c_before = std::numeric_limits<double>::infinity();  // over strictly smaller b in this group
  std::size_t k = first;
  while (k < last) {
    std::size_t run_end = k;  // [k, run_end): equal b, sorted by c ascending
    while (run_end < last && p[order[run_end]].b == p[order[k]].b) ++run_end;
    const double run_min_c = p[order[k]].c;
    for (std::size_t r = k; r < run_end; ++r) {
      const Point& q = p[order[r]];
      const bool dominated = earlier.covers(q.b, q.c) || min_c_before <= q.c || run_min_c < q.c;
      front[order[r]] = !dominated;
    }
    min_c_before = std::min(min_c_before, run_min_c);
    k = run_end;
  }
}

}  // namespace

std::vector<bool> pareto_front(std::span<const Objectives> points) {
  std::vector<Point> p;
  p.reserve(points.size());
  for (const Objectives& o : points) p.push_back({sanitised(o.zan), sanitised(o.power), sanitised(o.logistics)});

  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (p[x].a != p[y].a) return p[x].a < p[y].a;
    if (p[x].b != p[y].b) return p[x].b < p[y].b;
    return p[x].c < p[y].c;
  });

  std::vector<bool> front(p.size(), false);
  Staircase earlier;
  std::size_t first = 0;
  while (first < order.size()) {
    std::size_t last = first;
    while (last < order.size() && p[order[last]].a == p[order[first]].a) ++last;
    mark_group(p, order, first, last, earlier, front);
    for (std::size_t k = first; k < last; ++k) earlier.insert(p[order[k]].b, p[order[k]].c);
    first = last;
  }
  return front;
}

}  // namespace zanplan::scoring
