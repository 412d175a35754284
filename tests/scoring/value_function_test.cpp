// Value functions on hand-worked points.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "zanplan/scoring/value_function.hpp"

namespace zanplan::scoring {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ValueFunction linear(double ideal, double unacceptable) {
  ValueFunction f;
  f.shape = ValueShape::linear;
  f.ideal = ideal;
  f.unacceptable = unacceptable;
  return f;
}

TEST(ValueFunction, LinearLessIsBetter) {
  const ValueFunction f = linear(1.0, 25.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 0.0), 1.0);   // better than ideal
  EXPECT_DOUBLE_EQ(evaluate(f, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 7.0), 0.75);  // (25 - 7) / 24
  EXPECT_DOUBLE_EQ(evaluate(f, 13.0), 0.5);
  EXPECT_DOUBLE_EQ(evaluate(f, 25.0), 0.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 30.0), 0.0);
  EXPECT_DOUBLE_EQ(evaluate(f, kInf), 0.0);  // no feature at all
  EXPECT_DOUBLE_EQ(evaluate(f, kNaN), 0.0);  // unmeasured is worst
}

TEST(ValueFunction, LinearMoreIsBetter) {
  const ValueFunction f = linear(10.0, 0.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 2.5), 0.25);
  EXPECT_DOUBLE_EQ(evaluate(f, 10.0), 1.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 12.0), 1.0);
  EXPECT_DOUBLE_EQ(evaluate(f, kInf), 1.0);
}

TEST(ValueFunction, ExponentialHalvesEveryHalfValue) {
  ValueFunction f;
  f.shape = ValueShape::exponential;
  f.ideal = 1.0;
  f.half_value = 5.0;
  EXPECT_DOUBLE_EQ(evaluate(f, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 6.0), 0.5);
  EXPECT_DOUBLE_EQ(evaluate(f, 11.0), 0.25);
  EXPECT_NEAR(evaluate(f, 3.5), 1.0 / std::sqrt(2.0), 1e-15);  // half a half-value
  EXPECT_DOUBLE_EQ(evaluate(f, kInf), 0.0);
}

TEST(ValueFunction, StepUsesTheFirstThresholdAtOrAboveTheValue) {
  ValueFunction f;
  f.shape = ValueShape::step;
  f.thresholds = {0.0, 20.0, 60.0};
  f.scores = {1.0, 0.6, 0.3, 0.0};
  EXPECT_DOUBLE_EQ(evaluate(f, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(evaluate(f, 0.001), 0.6);
  EXPECT_DOUBLE_EQ(evaluate(f, 20.0), 0.6);
  EXPECT_DOUBLE_EQ(evaluate(f, 20.5), 0.3);
  EXPECT_DOUBLE_EQ(evaluate(f, 60.0), 0.3);
  EXPECT_DOUBLE_EQ(evaluate(f, 61.0), 0.0);
  EXPECT_DOUBLE_EQ(evaluate(f, kInf), 0.0);
}

TEST(Criteria, NamesRoundTripAndUnknownNamesAreRejected) {
  for (Criterion c : kAllCriteria) EXPECT_EQ(criterion_from_name(criterion_name(c)), c);
  EXPECT_EQ(criterion_name(Criterion::envelope_share), "envelope_share");
  EXPECT_FALSE(criterion_from_name("logistics").has_value());
  EXPECT_FALSE(criterion_from_name("power_distance").has_value());
  EXPECT_TRUE(is_logistics_criterion(Criterion::rail_distance_km));
  EXPECT_FALSE(is_logistics_criterion(Criterion::power_distance_km));
}

}  // namespace
}  // namespace zanplan::scoring
