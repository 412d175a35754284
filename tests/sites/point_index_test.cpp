#include "sites/point_index.hpp"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

using namespace zanplan::sites;

TEST(PointIndex, NearestMatchesBruteForce) {
  std::mt19937_64 random(7);
  auto coordinate = [&] { return static_cast<double>(random() % 100000); };
  std::vector<IndexedPoint> points;
  for (std::size_t i = 0; i < 500; ++i) points.push_back({coordinate(), coordinate(), i});
  const PointIndex index(points);
  for (int q = 0; q < 200; ++q) {
    const double x = coordinate(), y = coordinate();
    double best = INFINITY;
    std::size_t best_id = 0;
    for (const auto& p : points) {
      const double d = std::hypot(p.x - x, p.y - y);
      if (d < best || (d == best && p.id < best_id)) {
        best = d;
        best_id = p.id;
      }
    }
    const auto found = index.nearest(x, y);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, best_id);
    EXPECT_DOUBLE_EQ(found->distance, best);
  }
}

TEST(PointIndex, TiesGoToTheSmallerIdAndWithinIsInclusive) {
  const PointIndex index({{10, 0, 5}, {-10, 0, 2}, {0, 10, 9}, {50, 50, 1}});
  EXPECT_EQ(index.nearest(0, 0)->id, 2U);
  EXPECT_DOUBLE_EQ(index.nearest(0, 0)->distance, 10.0);
  EXPECT_EQ(index.within(0, 0, 10.0), (std::vector<std::size_t>{2, 5, 9}));
  EXPECT_TRUE(index.within(0, 0, 9.99).empty());
  EXPECT_FALSE(PointIndex().nearest(0, 0).has_value());
}
