// Adjacency on hand-drawn squares: every expected length is read off the coordinates below.
#include "sites/adjacency.hpp"

#include <gtest/gtest.h>

#include "workspace/polygon_set.hpp"

using namespace zanplan;
using workspace::PolygonSet;

namespace {

// A closed ring through the given corners, counter-clockwise.
void add_polygon(PolygonSet& set, std::initializer_list<std::pair<double, double>> corners) {
  std::vector<double> xy;
  for (auto [x, y] : corners) {
    xy.push_back(x);
    xy.push_back(y);
  }
  xy.push_back(corners.begin()->first);
  xy.push_back(corners.begin()->second);
  set.append_ring(xy);
}

void add_square(PolygonSet& set, double x, double y, double side) {
  add_polygon(set, {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}});
}

bool adjacent(const sites::AdjacencyGraph& g, std::uint32_t a, std::uint32_t b) {
  for (std::uint32_t n : g.of(a)) {
    if (n == b) return true;
  }
  return false;
}

}  // namespace

TEST(Adjacency, ACornerTouchIsNotAdjacency) {
  //  +--+--+
  //  |2 |3 |     0 and 3 meet at (100, 100) only; so do 1 and 2.
  //  +--+--+
  //  |0 |1 |
  //  +--+--+
  PolygonSet set;
  add_square(set, 0, 0, 100);
  add_square(set, 100, 0, 100);
  add_square(set, 0, 100, 100);
  add_square(set, 100, 100, 100);
  const auto g = sites::build_adjacency(set, {.snap_tolerance_m = 0.5, .min_shared_m = 5});
  EXPECT_EQ(g.edge_count(), 4U);
  EXPECT_TRUE(adjacent(g, 0, 1));
  EXPECT_TRUE(adjacent(g, 0, 2));
  EXPECT_TRUE(adjacent(g, 1, 3));
  EXPECT_TRUE(adjacent(g, 2, 3));
  EXPECT_FALSE(adjacent(g, 0, 3));
  EXPECT_FALSE(adjacent(g, 1, 2));
  EXPECT_NEAR(sites::shared_boundary_m(set, 0, 3, 0.5), 0.0, 1.0);
  ASSERT_EQ(g.of(0).size(), 2U);
  EXPECT_NEAR(g.shared_of(0)[0], 100.0, 1e-3);
}

TEST(Adjacency, NearCoincidentEdgesWithinTheToleranceAreShared) {
  PolygonSet set;
  add_square(set, 0, 0, 100);                                              // 0
  add_polygon(set, {{100.3, 0}, {200, 0}, {200, 100}, {100.3, 100}});      // 1: 0.3 m gap
  add_polygon(set, {{-100, 0}, {-0.8, 0}, {-0.8, 100}, {-100, 100}});      // 2: 0.8 m gap
  // 3: above 0, its bottom edge leaning from 0.2 m below 0's top edge to 0.4 m above it, with
  // a vertex in the middle that 0's edge does not have (digitised separately).
  add_polygon(set, {{0, 99.8}, {50, 100.1}, {100, 100.4}, {100, 200}, {0, 200}});
  const auto g = sites::build_adjacency(set, {.snap_tolerance_m = 0.5, .min_shared_m = 5});
  EXPECT_TRUE(adjacent(g, 0, 1));
  EXPECT_FALSE(adjacent(g, 0, 2));
  EXPECT_TRUE(adjacent(g, 0, 3));
  EXPECT_NEAR(sites::shared_boundary_m(set, 0, 1, 0.5), 100.0, 1e-6);
  // Every point of 3's bottom edge is within 0.4 m of 0's top edge: all 100 m are shared,
  // plus the 0.2 m where 3 overlaps 0 along their common left side (x = 0, y 99.8–100).
  EXPECT_NEAR(sites::shared_boundary_m(set, 0, 3, 0.5), 100.2, 1e-6);
  // With a 0.25 m tolerance: 3's edge is within 0.25 m of y = 100 from x = 0 (0.2 m below)
  // to where it climbs to 100.25 m: on its second half (0.1 m above at x = 50, slope
  // 0.3/50), x = 50 + 0.15 × 50/0.3 = 75. So 75 m, plus the same 0.2 m on the left side.
  EXPECT_NEAR(sites::shared_boundary_m(set, 0, 3, 0.25), 75.2, 1e-6);
  // 0 and 2 are 0.8 m apart: nothing within 0.5 m.
  EXPECT_DOUBLE_EQ(sites::shared_boundary_m(set, 0, 2, 0.5), 0.0);
}

TEST(Adjacency, AShortContactIsBelowTheMinimumLength) {
  PolygonSet set;
  add_square(set, 0, 0, 100);
  add_square(set, 100, 97, 100);  // shares 3 m of edge with the first
  EXPECT_NEAR(sites::shared_boundary_m(set, 0, 1, 0.5), 3.0, 1e-6);
  EXPECT_EQ(sites::build_adjacency(set, {.snap_tolerance_m = 0.5, .min_shared_m = 5}).edge_count(), 0U);
  EXPECT_EQ(sites::build_adjacency(set, {.snap_tolerance_m = 0.5, .min_shared_m = 2}).edge_count(), 1U);
}

TEST(Adjacency, TheGraphDoesNotDependOnTheThreadCount) {
  PolygonSet set;
  for (int row = 0; row < 40; ++row) {
    for (int col = 0; col < 50; ++col) add_square(set, col * 10.0, row * 10.0, 10.0);
  }
  const auto one = sites::build_adjacency(set, {.snap_tolerance_m = 0.5, .min_shared_m = 5, .threads = 1});
  const auto two = sites::build_adjacency(set, {.snap_tolerance_m = 0.5, .min_shared_m = 5, .threads = 2});
  // A 50 × 40 grid has 49 × 40 horizontal and 50 × 39 vertical neighbour pairs.
  EXPECT_EQ(one.edge_count(), 49U * 40U + 50U * 39U);
  EXPECT_EQ(one.neighbours, two.neighbours);
  EXPECT_EQ(one.offsets, two.offsets);
  EXPECT_EQ(one.shared_m, two.shared_m);
}
