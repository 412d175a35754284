// Weighted sum, TOPSIS and AHP against published worked examples. The expected numbers were
// recomputed independently with a plain-Python script (power iteration / TOPSIS written
// from the textbook formulas) before being written here.
#include <gtest/gtest.h>

#include <stdexcept>

#include "zanplan/scoring/aggregate.hpp"

namespace zanplan::scoring {
namespace {

ScoreMatrix matrix_of(const std::vector<std::vector<double>>& rows) {
  ScoreMatrix m(rows.size(), rows.front().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < rows[i].size(); ++j) m.at(i, j) = rows[i][j];
  }
  return m;
}

TEST(WeightedSum, HandWorked) {
  const ScoreMatrix m = matrix_of({{1.0, 0.0, 0.5}, {0.2, 0.4, 1.0}});
  const std::vector<double> w{0.5, 0.3, 0.2};
  const std::vector<double> s = weighted_sum(m, w);
  EXPECT_DOUBLE_EQ(s[0], 0.5 + 0.0 + 0.1);
  EXPECT_DOUBLE_EQ(s[1], 0.1 + 0.12 + 0.2);
  EXPECT_THROW((void)weighted_sum(m, std::vector<double>{1.0}), std::invalid_argument);
}

// Hwang, C.-L. & Yoon, K. (1981), Multiple Attribute Decision Making: Methods and
// Applications, Springer, the fighter-aircraft example: 4 aircraft, 6 attributes (maximum
// speed, ferry range, maximum payload, acquisition cost [cost], reliability,
// maneuverability), weights (0.2, 0.1, 0.1, 0.1, 0.2, 0.3); published relative closeness
// C* = 0.643, 0.268, 0.613, 0.312 (ranking A1 > A3 > A4 > A2; the book rounds its
// intermediate values, hence 1e-3 against it). Independent Python recomputation without
// rounding: 0.6433, 0.2684, 0.6135, 0.3123.
TEST(Topsis, HwangYoonFighterAircraft) {
  const ScoreMatrix x = matrix_of({{2.0, 1500, 20000, 5.5, 5, 9},
                                   {2.5, 2700, 18000, 6.5, 3, 5},
                                   {1.8, 2000, 21000, 4.5, 7, 7},
                                   {2.2, 1800, 20000, 5.0, 5, 5}});
  const std::vector<double> w{0.2, 0.1, 0.1, 0.1, 0.2, 0.3};
  const std::vector<Direction> d{Direction::benefit, Direction::benefit, Direction::benefit,
                                 Direction::cost,    Direction::benefit, Direction::benefit};
  const std::vector<double> c = topsis(x, w, d);
  ASSERT_EQ(c.size(), 4U);
  EXPECT_NEAR(c[0], 0.643, 1e-3);
  EXPECT_NEAR(c[1], 0.268, 1e-3);
  EXPECT_NEAR(c[2], 0.613, 1e-3);
  EXPECT_NEAR(c[3], 0.312, 1e-3);
  EXPECT_NEAR(c[0], 0.6433, 1e-4);
  EXPECT_NEAR(c[1], 0.2684, 1e-4);
  EXPECT_NEAR(c[2], 0.6135, 1e-4);
  EXPECT_NEAR(c[3], 0.3123, 1e-4);
}

TEST(Topsis, ReusableModelGivesTheSameAsTheOneShotFunction) {
  const ScoreMatrix x = matrix_of({{0.2, 0.9}, {0.8, 0.1}, {0.5, 0.5}});
  const std::vector<Direction> d{Direction::benefit, Direction::benefit};
  const Topsis model(x, d);
  for (const std::vector<double>& w : {std::vector<double>{0.5, 0.5}, std::vector<double>{0.9, 0.1}}) {
    const std::vector<double> a = model.closeness(w);
    const std::vector<double> b = topsis(x, w, d);
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_DOUBLE_EQ(a[i], b[i]);
  }
  // Weight only on column 0: closeness is the linear position between worst and best
  // normalised values, (0.2, 0.8, 0.5) -> (0, 1, 0.5).
  const std::vector<double> c = model.closeness(std::vector<double>{1.0, 0.0});
  EXPECT_NEAR(c[0], 0.0, 1e-12);
  EXPECT_NEAR(c[1], 1.0, 1e-12);
  EXPECT_NEAR(c[2], 0.5, 1e-12);
}

TEST(Topsis, IdenticalAlternativesAreUndecided) {
  const ScoreMatrix x = matrix_of({{0.3, 0.3}, {0.3, 0.3}});
  const std::vector<double> c = topsis(x, std::vector<double>{0.5, 0.5}, std::vector<Direction>(2, Direction::benefit));
  EXPECT_DOUBLE_EQ(c[0], 0.5);
  EXPECT_DOUBLE_EQ(c[1], 0.5);
}

// The classic 3x3 reciprocal matrix used in AHP tutorials (Saaty, The Analytic Hierarchy
// Process, 1980, scale 1-9): A is moderately more important than B (3) and strongly more
// than C (5), B moderately more than C (3). Independent Python power iteration:
// w = (0.636986, 0.258285, 0.104729), λmax = 3.038511, CI = 0.019256, CR = 0.033199.
TEST(Ahp, SaatyClassicThreeByThree) {
  const AhpResult r = ahp_weights({{1, 3, 5}, {1.0 / 3, 1, 3}, {1.0 / 5, 1.0 / 3, 1}});
  ASSERT_EQ(r.weights.size(), 3U);
  EXPECT_NEAR(r.weights[0], 0.637, 5e-4);
  EXPECT_NEAR(r.weights[1], 0.258, 5e-4);
  EXPECT_NEAR(r.weights[2], 0.105, 5e-4);
  EXPECT_NEAR(r.weights[0], 0.636986, 1e-6);
  EXPECT_NEAR(r.lambda_max, 3.038511, 1e-6);
  EXPECT_NEAR(r.consistency_index, 0.019256, 1e-6);
  EXPECT_NEAR(r.consistency_ratio, 0.033199, 1e-6);
}

TEST(Ahp, ConsistentMatrixHasLambdaNAndItsRatios) {
  // a_ij = w_i / w_j with w = (0.5, 0.3, 0.2): perfectly consistent.
  const std::vector<double> w{0.5, 0.3, 0.2};
  std::vector<std::vector<double>> a(3, std::vector<double>(3));
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) a[i][j] = w[i] / w[j];
  }
  const AhpResult r = ahp_weights(a);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(r.weights[i], w[i], 1e-12);
  EXPECT_NEAR(r.lambda_max, 3.0, 1e-12);
  EXPECT_NEAR(r.consistency_ratio, 0.0, 1e-12);
}

TEST(Ahp, CyclicPreferencesAreInconsistent) {
  // A >> B (9), B >> C (9), C >> A (9): Python gives λmax = 10.1111, CR = 6.1303.
  const AhpResult r = ahp_weights({{1, 9, 1.0 / 9}, {1.0 / 9, 1, 9}, {9, 1.0 / 9, 1}});
  EXPECT_NEAR(r.lambda_max, 10.111111, 1e-5);
  EXPECT_NEAR(r.consistency_ratio, 6.130268, 1e-5);
  EXPECT_GT(r.consistency_ratio, 0.1);
}

TEST(Ahp, SaatyRandomIndexTable) {
  const std::vector<double> expected{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
  for (std::size_t n = 1; n <= 10; ++n) EXPECT_DOUBLE_EQ(saaty_random_index(n), expected[n - 1]) << n;
  EXPECT_THROW((void)saaty_random_index(11), std::invalid_argument);
  EXPECT_THROW((void)saaty_random_index(0), std::invalid_argument);
}

TEST(Ahp, RejectsMalformedMatrices) {
  EXPECT_THROW((void)ahp_weights({{1, 2}, {0.5}}), std::invalid_argument);
  EXPECT_THROW((void)ahp_weights({{1, 0}, {1, 1}}), std::invalid_argument);
  EXPECT_THROW((void)ahp_weights({}), std::invalid_argument);
}

}  // namespace
}  // namespace zanplan::scoring
