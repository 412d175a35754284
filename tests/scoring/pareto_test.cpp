// Pareto front: a hand-drawn set, a brute-force cross-check on tie-heavy random sets, and
// the 200k-point scale.
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "zanplan/scoring/pareto.hpp"

namespace zanplan::scoring {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The O(n²) definition, written independently of pareto.cpp.
bool dominates(const Objectives& p, const Objectives& q) {
  const bool no_worse = p.zan <= q.zan && p.power <= q.power && p.logistics <= q.logistics;
  const bool better = p.zan < q.zan || p.power < q.power || p.logistics < q.logistics;
  return no_worse && better;
}

std::vector<bool> brute_force_front(const std::vector<Objectives>& points) {
  std::vector<bool> front(points.size(), true);
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (std::size_t j = 0; j < points.size() && front[i]; ++j) {
      if (dominates(points[j], points[i])) front[i] = false;
    }
  }
  return front;
}

TEST(Pareto, HandDrawnSetWithTies) {
  const std::vector<Objectives> points{
      {1, 1, 1},       // 0 front
      {1, 1, 1},       // 1 front: identical to 0, neither dominates
      {1, 1, 2},       // 2 dominated by 0 (same zan and power, worse logistics)
      {0, 5, 5},       // 3 front: least ZAN cost
      {2, 0, 3},       // 4 front: cheapest power
      {2, 1, 1},       // 5 dominated by 0 (worse zan only)
      {3, 0, 3},       // 6 dominated by 4 (worse zan only)
      {1, 2, 0.5},     // 7 front: best logistics
      {kInf, 0, 0},    // 8 front: infinite ZAN cost but best elsewhere
      {5, 2, 0.5},     // 9 dominated by 7
      {1, 1, kInf},    // 10 dominated by 0
  };
  const std::vector<bool> expected{true, true, false, true, true, false, false, true, true, false, false};
  EXPECT_EQ(pareto_front(points), expected);
}

TEST(Pareto, NanCountsAsInfinity) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Objectives> points{{nan, 1, 1}, {5, 1, 1}, {nan, 0, 2}};
  EXPECT_EQ(pareto_front(points), (std::vector<bool>{false, true, true}));
}

TEST(Pareto, EmptyAndSingle) {
  EXPECT_TRUE(pareto_front({}).empty());
  EXPECT_EQ(pareto_front(std::vector<Objectives>{{3, 2, 1}}), std::vector<bool>{true});
}

TEST(Pareto, MatchesBruteForceOnTieHeavyRandomSets) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 engine(seed);
    std::uniform_int_distribution<int> small(0, 6);  // few distinct values: many ties
    std::vector<Objectives> points;
    for (int i = 0; i < 400; ++i) {
      points.push_back({static_cast<double>(small(engine)), static_cast<double>(small(engine)),
                        static_cast<double>(small(engine))});
    }
    EXPECT_EQ(pareto_front(points), brute_force_front(points)) << "seed " << seed;
  }
}

TEST(Pareto, MatchesBruteForceOnContinuousRandomSets) {
  std::mt19937 engine(42);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Objectives> points;
  // Anti-correlated objectives make a large front.
  for (int i = 0; i < 1500; ++i) {
    const double a = u(engine);
    const double b = u(engine) * (1 - a);
    points.push_back({a, b, 1 - a - b + 0.05 * u(engine)});
  }
  const std::vector<bool> front = pareto_front(points);
  EXPECT_EQ(front, brute_force_front(points));
  EXPECT_GT(std::count(front.begin(), front.end(), true), 50);
}

// Speed is measured by scripts/bench-score.sh, not asserted here; this checks the result
// at scale.
TEST(Pareto, TwoHundredThousandPoints) {
  std::mt19937 engine(7);
  std::uniform_real_distribution<double> u(0, 100);
  std::vector<Objectives> points;
  for (int i = 0; i < 200000; ++i) points.push_back({u(engine), u(engine), u(engine)});
  const std::vector<bool> front = pareto_front(points);
  // Independent check on a sample: a flagged point has no dominator, an unflagged one has.
  for (std::size_t i = 0; i < points.size(); i += 997) {
    bool dominated = false;
    for (const Objectives& q : points) dominated = dominated || dominates(q, points[i]);
    EXPECT_EQ(front[i], !dominated) << i;
  }
}

}  // namespace
}  // namespace zanplan::scoring
