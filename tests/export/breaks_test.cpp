// Quantile breaks against hand-worked type-7 quantiles.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "zanplan/error.hpp"
#include "zanplan/export.hpp"

using namespace zanplan;

TEST(QuantileBreaks, InterpolatesBetweenOrderStatistics) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Sorted finite values 1 2 3 4 10 (n = 5): q(p) at h = 4p.
  const std::vector<double> values{10, 1, nan, 4, 2, 3, std::numeric_limits<double>::infinity()};
  EXPECT_EQ(quantile_breaks(values, 4), (std::vector<double>{1, 2, 3, 4, 10}));
  // h = 4/3: 2 + (1/3)(3 − 2); h = 8/3: 3 + (2/3)(4 − 3).
  const auto thirds = quantile_breaks(values, 3);
  ASSERT_EQ(thirds.size(), 4U);
  EXPECT_DOUBLE_EQ(thirds[0], 1.0);
  EXPECT_NEAR(thirds[1], 7.0 / 3.0, 1e-12);
  EXPECT_NEAR(thirds[2], 11.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(thirds[3], 10.0);
  // Median of 1 2 3 4 10 is 3.
  EXPECT_EQ(quantile_breaks(values, 2), (std::vector<double>{1, 3, 10}));
  EXPECT_EQ(quantile_breaks(values, 1), (std::vector<double>{1, 10}));
}

TEST(QuantileBreaks, DegenerateInputs) {
  EXPECT_TRUE(quantile_breaks({}, 5).empty());
  EXPECT_TRUE(quantile_breaks({std::numeric_limits<double>::quiet_NaN()}, 5).empty());
  EXPECT_EQ(quantile_breaks({7}, 3), (std::vector<double>{7, 7, 7, 7}));
  EXPECT_THROW(quantile_breaks({1, 2}, 0), Error);
}
