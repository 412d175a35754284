// Ranking on a hand-worked set, against the base test profile:
//   power linear 0..20 km, rail exponential (ideal 1, half 5), port linear 5..50 km,
//   enaf step (≤0: 1, ≤10: 0.5, else 0), logistics = best of rail/port,
//   weights power 0.5, logistics 0.3, enaf 0.2; 225 kV: 2 M€/km + 4 M€; 400 kV: 5 M€/km + 8 M€.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "profile_test_support.hpp"
#include "zanplan/scoring/ranking.hpp"
#include "zanplan/scoring/subscores.hpp"

namespace zanplan::scoring {
namespace {

using namespace testing_support;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Hand-worked scores (power, logistics, enaf sub-scores → weighted sum):
//   A: 0.75, max(0.5, 0) = 0.5, 1   → 0.725      B: 1, max(0, 0.5) = 0.5, 0.5 → 0.75
//   C: 0.5, 1, 0                    → 0.55       E: same values as A          → 0.725
//   F: 0.7, 0.5, 1                  → 0.70       G: 0.9, 0, 1                 → 0.65
// Pareto objectives (ENAF ha, connection €, 1 − logistics):
//   A (0, 14M, 0.5), B (5, 4M, 0.5), C (20, 24M, 0), E = A, F (0, 16M, 0.5) dominated by A,
//   G (0, 8M + 5M×2 = 18M at 400 kV, 1) dominated by A.
std::vector<CandidateInput> hand_set() {
  return {
      candidate("A", 50, 5, 6, 100, 0),
      candidate("B", 20, 0, kInf, 27.5, 5),
      candidate("C", 80, 10, 1, 5, 20),
      candidate("E", 50, 5, 6, 100, 0),
      candidate("F", 30, 6, 6, 100, 0),
      candidate("G", 40, 2, kInf, kInf, 0, 400),
      candidate("X1", 5, 1, 1, 1, 0),                                   // too small
      candidate("X2", 50, 25, 1, 1, 0),                                 // substation too far
      candidate("X3", 50, 1, 1, 1, 0, 0, Exclusion{ExclusionCode::inside_layer, "natura2000"}),  // the caller's reason
      candidate("X4", 50, 1, 1, 1, kNaN),                               // ENAF not measured
      candidate("X5", 50, kInf, 1, 1, 0),                               // no substation at all
  };
}

std::map<std::string, RankedCandidate> by_id(const Ranking& r) {
  std::map<std::string, RankedCandidate> out;
  for (const RankedCandidate& c : r.candidates) out[c.id] = c;
  return out;
}

TEST(Ranking, HandWorkedScoresRanksAndParetoFlags) {
  const Profile p = load_text(kBaseProfile);
  const Ranking r = rank_candidates(p, hand_set(), {.top_k = 3});
  ASSERT_EQ(r.candidates.size(), 11U);
  EXPECT_EQ(r.ranked_count, 6U);

  std::vector<std::string> order;
  for (const RankedCandidate& c : r.candidates) order.push_back(c.id);
  // Ranked by score (A and E tie: A first by id), then the excluded by id.
  EXPECT_EQ(order, (std::vector<std::string>{"B", "A", "E", "F", "G", "C", "X1", "X2", "X3", "X4", "X5"}));

  const auto c = by_id(r);
  EXPECT_NEAR(c.at("A").score, 0.725, 1e-12);
  EXPECT_NEAR(c.at("B").score, 0.75, 1e-12);
  EXPECT_NEAR(c.at("C").score, 0.55, 1e-12);
  EXPECT_NEAR(c.at("F").score, 0.70, 1e-12);
  EXPECT_NEAR(c.at("G").score, 0.65, 1e-12);
  EXPECT_EQ(c.at("B").rank, 1U);
  EXPECT_EQ(c.at("A").rank, 2U);
  EXPECT_EQ(c.at("E").rank, 3U);
  EXPECT_EQ(c.at("C").rank, 6U);

  ASSERT_EQ(c.at("B").sub_scores.size(), 3U);
  EXPECT_DOUBLE_EQ(c.at("B").sub_scores[0], 1.0);
  EXPECT_DOUBLE_EQ(c.at("B").sub_scores[1], 0.5);
  EXPECT_DOUBLE_EQ(c.at("B").sub_scores[2], 0.5);
  EXPECT_DOUBLE_EQ(c.at("A").criterion_scores[index_of(Criterion::rail_distance_km)], 0.5);
  EXPECT_TRUE(std::isnan(c.at("A").criterion_scores[index_of(Criterion::motorway_distance_km)]));

  EXPECT_TRUE(c.at("A").pareto);
  EXPECT_TRUE(c.at("B").pareto);
  EXPECT_TRUE(c.at("C").pareto);
  EXPECT_TRUE(c.at("E").pareto);
  EXPECT_FALSE(c.at("F").pareto);
  EXPECT_FALSE(c.at("G").pareto);

  EXPECT_DOUBLE_EQ(c.at("A").connection_cost_eur, 14e6);
  EXPECT_DOUBLE_EQ(c.at("G").connection_cost_eur, 18e6);

  // Stability only for the top 3.
  for (const char* id : {"B", "A", "E"}) {
    ASSERT_TRUE(c.at(id).stability.has_value()) << id;
    EXPECT_GE(*c.at(id).stability, 0.0);
    EXPECT_LE(*c.at(id).stability, 1.0);
  }
  for (const char* id : {"F", "G", "C", "X1"}) EXPECT_FALSE(c.at(id).stability.has_value()) << id;
}

TEST(Ranking, ExcludedCandidatesKeepTheirReasonAndGetNoRank) {
  const Profile p = load_text(kBaseProfile);
  const auto c = by_id(rank_candidates(p, hand_set()));
  EXPECT_EQ(c.at("X1").exclusion, (Exclusion{ExclusionCode::outside_area_range, "5.00 ha; the profile allows 10–100 ha"}));
  EXPECT_EQ(c.at("X2").exclusion, (Exclusion{ExclusionCode::too_far_from_power, "nearest 25.0 km; the profile allows 20 km"}));
  EXPECT_EQ(c.at("X3").exclusion, (Exclusion{ExclusionCode::inside_layer, "natura2000"}));
  EXPECT_EQ(c.at("X4").exclusion, (Exclusion{ExclusionCode::unmeasured, "enaf_ha"}));
  EXPECT_EQ(c.at("X5").exclusion, (Exclusion{ExclusionCode::no_substation, ""}));
  for (const char* id : {"X1", "X2", "X3", "X4", "X5"}) {
    EXPECT_FALSE(c.at(id).rank.has_value()) << id;
    EXPECT_TRUE(std::isnan(c.at(id).score)) << id;
    EXPECT_FALSE(c.at(id).pareto) << id;
    EXPECT_FALSE(c.at(id).stability.has_value()) << id;
  }
  for (const char* id : {"A", "B", "C"}) EXPECT_FALSE(c.at(id).exclusion.has_value()) << id;
}

TEST(Ranking, ProfileConstraintsExclude) {
  const Profile p = load_text(kBaseProfile + "\n[constraints.max]\nenaf_ha = 10.0\n[constraints.min]\nport_distance_km = 2.0\n");
  EXPECT_EQ(exclusion_reason(p, candidate("C", 80, 10, 1, 5, 20)), (Exclusion{ExclusionCode::constraint_max, "enaf_ha = 20; maximum 10"}));
  EXPECT_EQ(exclusion_reason(p, candidate("P", 80, 10, 1, 1, 0)),
            (Exclusion{ExclusionCode::constraint_min, "port_distance_km = 1; minimum 2"}));
  EXPECT_FALSE(exclusion_reason(p, candidate("OK", 80, 10, 1, 5, 10)).has_value());
}

TEST(Exclusion, CodesAreStableSnakeCaseNamesAndSentencesCarryTheDetail) {
  // The exported names, written out here: a renamed code breaks filters people saved.
  const std::vector<std::string> expected{"inside_layer",  "near_layer", "built_up_land",      "unknown_land_class", "over_envelope",
                                          "area_unmeasured", "outside_area_range", "unmeasured",        "no_substation",
                                          "too_far_from_power", "constraint_max",  "constraint_min"};
  ASSERT_EQ(kAllExclusionCodes.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(exclusion_code_name(kAllExclusionCodes[i]), expected[i]);
  EXPECT_EQ(describe({ExclusionCode::inside_layer, "natura2000"}), "inside an exclusion layer (natura2000)");
  EXPECT_EQ(describe({ExclusionCode::near_layer, "ppri, within 200 m"}), "too near an exclusion layer (ppri, within 200 m)");
  EXPECT_EQ(describe({ExclusionCode::no_substation, ""}), "no connectable substation");
}

TEST(Ranking, OutputDoesNotDependOnInputOrder) {
  const Profile p = load_text(kBaseProfile);
  std::vector<CandidateInput> input = hand_set();
  const Ranking first = rank_candidates(p, input);
  std::reverse(input.begin(), input.end());
  std::rotate(input.begin(), input.begin() + 4, input.end());
  const Ranking second = rank_candidates(p, input);
  ASSERT_EQ(first.candidates.size(), second.candidates.size());
  for (std::size_t i = 0; i < first.candidates.size(); ++i) {
    const RankedCandidate& a = first.candidates[i];
    const RankedCandidate& b = second.candidates[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.rank, b.rank);
    EXPECT_EQ(a.pareto, b.pareto);
    EXPECT_EQ(a.stability, b.stability);
    EXPECT_EQ(a.exclusion, b.exclusion);
    if (a.rank) {
      EXPECT_EQ(a.score, b.score);
    }
  }
}

TEST(Ranking, TopsisOption) {
  // Closeness of the six ranked candidates' sub-score rows, computed independently in
  // Python: B 0.600012, C 0.566184, A = E 0.559031, F 0.537072, G 0.399963.
  const Profile p = load_text(kBaseProfile);
  const Ranking r = rank_candidates(p, hand_set(), {.aggregation = Aggregation::topsis, .with_sensitivity = false});
  EXPECT_EQ(r.aggregation, Aggregation::topsis);
  const auto c = by_id(r);
  EXPECT_NEAR(c.at("B").score, 0.600012, 1e-6);
  EXPECT_NEAR(c.at("C").score, 0.566184, 1e-6);
  EXPECT_NEAR(c.at("A").score, 0.559031, 1e-6);
  EXPECT_NEAR(c.at("G").score, 0.399963, 1e-6);
  EXPECT_EQ(c.at("B").rank, 1U);
  EXPECT_EQ(c.at("C").rank, 2U);
  EXPECT_EQ(c.at("A").rank, 3U);
  EXPECT_EQ(c.at("E").rank, 4U);
  EXPECT_FALSE(c.at("B").stability.has_value());
}

TEST(Ranking, FarAheadCandidateIsStableAndNearTiesAreNot) {
  const Profile p = load_text(kBaseProfile);
  // "best" wins on every criterion; "p1"/"p2" trade power against logistics and are nearly
  // tied: p1 = 0.5×0.6 + 0.3×0.8 + 0.2×0.5 = 0.64, p2 = 0.5×0.9 + 0.3×0.3 + 0.2×0.5 = 0.64 − ε.
  std::vector<CandidateInput> input{
      candidate("best", 50, 0, 1, 5, 0),
      candidate("p1", 50, 8, kInf, 14, 5),    // power 0.6, port (50−14)/45 = 0.8
      candidate("p2", 50, 2, kInf, 36.6, 5),  // power 0.9, port (50−36.6)/45 = 0.29778
      candidate("low", 50, 19, kInf, 49, 20),
  };
  const auto c = by_id(rank_candidates(p, input, {.top_k = 2, .sensitivity = SensitivitySettings{400, 0.3, 11}}));
  EXPECT_EQ(c.at("best").rank, 1U);
  EXPECT_EQ(c.at("p1").rank, 2U);
  EXPECT_DOUBLE_EQ(*c.at("best").stability, 1.0);
  EXPECT_GT(*c.at("p1").stability, 0.0);
  EXPECT_LT(*c.at("p1").stability, 1.0);
}

TEST(Ranking, DuplicateIdsAreAnInputError) {
  const Profile p = load_text(kBaseProfile);
  try {
    (void)rank_candidates(p, {candidate("A", 50, 5, 6, 100, 0), candidate("A", 60, 5, 6, 100, 0)});
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().key, "id");
  }
}

TEST(Ranking, EmptyInput) {
  const Profile p = load_text(kBaseProfile);
  const Ranking r = rank_candidates(p, {});
  EXPECT_TRUE(r.candidates.empty());
  EXPECT_EQ(r.ranked_count, 0U);
}

TEST(ConnectionCost, PicksTheLevelAtOrAboveTheVoltage) {
  const Profile p = load_text(kBaseProfile);
  EXPECT_DOUBLE_EQ(connection_cost_eur(p, 0, 3.0), 4e6 + 2e6 * 3);    // unknown: the minimum, 225 kV
  EXPECT_DOUBLE_EQ(connection_cost_eur(p, 63, 3.0), 4e6 + 2e6 * 3);   // no 63 kV level: 225 kV
  EXPECT_DOUBLE_EQ(connection_cost_eur(p, 400, 3.0), 8e6 + 5e6 * 3);
  EXPECT_DOUBLE_EQ(connection_cost_eur(p, 500, 3.0), 8e6 + 5e6 * 3);  // above all: the highest
  EXPECT_EQ(connection_cost_eur(p, 225, kInf), kInf);
}

TEST(Subscores, WeightedLogisticsAndPenalty) {
  const Profile p = load_text(edited(kBaseProfile, "rule = \"best_of\"", "rule = \"weighted\"") +
                              "\n[logistics.weights]\nrail_distance_km = 0.25\nport_distance_km = 0.75\n");
  CriterionValues values = unmeasured_values();
  values[index_of(Criterion::rail_distance_km)] = 6;    // 0.5
  values[index_of(Criterion::port_distance_km)] = 5;     // 1.0
  const CriterionValues s = criterion_scores(p, values);
  EXPECT_DOUBLE_EQ(logistics_score(*p.logistics, s), 0.25 * 0.5 + 0.75 * 1.0);
  EXPECT_DOUBLE_EQ(logistics_penalty(p, s), 1.0 - 0.875);
}

}  // namespace
}  // namespace zanplan::scoring
