// The generator's own distributions, checked against their definitions.
#include "synthetic/random.hpp"

#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "synthetic/consumption.hpp"

using namespace zanplan::synthetic;

TEST(Random, UniformUsesTheTop53BitsOfMt19937_64) {
  // std::mt19937_64 is fully specified: its 10000th output for the default seed is
  // 9981545732273789042 ([rand.predef]).
  std::mt19937_64 reference;
  reference.discard(9999);
  const auto expected = static_cast<double>(reference() >> 11U) / 9007199254740992.0;
  Random random(std::mt19937_64::default_seed);
  double value = 0.0;
  for (int i = 0; i < 10000; ++i) value = random.uniform();
  EXPECT_EQ(value, static_cast<double>(9981545732273789042ULL >> 11U) / 9007199254740992.0);
  EXPECT_EQ(value, expected);
}

TEST(Random, MomentsOfNormalAndLognormal) {
  Random random(42);
  constexpr int n = 200'000;
  double sum = 0.0;
  double squares = 0.0;
  double lognormal_sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = random.normal();
    sum += x;
    squares += x * x;
    lognormal_sum += random.lognormal_mean_one(0.8);
  }
  // Standard errors: 1/sqrt(n) = 0.0022 for the mean; the bounds are about 5 of them.
  EXPECT_NEAR(sum / n, 0.0, 0.012);
  EXPECT_NEAR(squares / n, 1.0, 0.02);
  EXPECT_NEAR(lognormal_sum / n, 1.0, 0.015);
}

TEST(Random, StreamsDependOnSeedKeyAndPurpose) {
  auto a = Random::stream(1, "59350", "parcels");
  auto b = Random::stream(1, "59350", "parcels");
  auto c = Random::stream(1, "59350", "land cover");
  auto d = Random::stream(2, "59350", "parcels");
  const double first = a.uniform();
  EXPECT_EQ(first, b.uniform());
  EXPECT_NE(first, c.uniform());
  EXPECT_NE(first, d.uniform());
}

TEST(Consumption, YearFactorsAverageOneOverTheReferencePeriod) {
  double sum = 0.0;
  for (int year = 2011; year <= 2020; ++year) sum += year_factor(year);
  EXPECT_NEAR(sum / 10, 1.0, 1e-12);
  EXPECT_LT(year_factor(2021), 1.0);
  EXPECT_LT(year_factor(2022), year_factor(2021));
}

TEST(Consumption, IntegerSplitIsExact) {
  // 10 split 1:1:1 → 3.33 each, remainder 1 to the first: 4, 3, 3.
  EXPECT_EQ(split_integer(10, {1, 1, 1}), (std::vector<long long>{4, 3, 3}));
  // 7 split 1:1 → 3.5 / 3.5: the tie goes to the first.
  EXPECT_EQ(split_integer(7, {1, 1}), (std::vector<long long>{4, 3}));
  EXPECT_EQ(split_integer(7, {0, 1, 0}), (std::vector<long long>{0, 7, 0}));
  const auto parts = split_integer(123457, {0.23, 0.63, 0.025, 0.04, 0.003, 0.072});
  EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), 0LL), 123457);
}
