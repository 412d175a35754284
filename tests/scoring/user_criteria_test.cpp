// A profile's own criteria ([criteria.NAME] measured on a workspace layer): how they load,
// enter the hash and the weights, and how their values are scored and ranked, on a set
// worked by hand (the base test profile; see ranking_test.cpp for its built-in sub-scores).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>

#include "profile_test_support.hpp"
#include "zanplan/scoring/ranking.hpp"

namespace zanplan::scoring {
namespace {

using namespace testing_support;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const std::string kFloodCriterion = R"([criteria.flood_km]
layer = "ppri"
measure = "distance_km"
function = "linear"
ideal = 2.0
unacceptable = 0.0
)";

// The base profile's weights × 0.8, and 0.2 on flood_km (more is better: 0 at the zone, 1
// from 2 km).
std::string with_flood(const std::string& criterion = kFloodCriterion) {
  std::string text = edited(kBaseProfile, "[weights]\npower_distance_km = 0.5\nlogistics = 0.3\nenaf_ha = 0.2\n",
                            "[weights]\npower_distance_km = 0.4\nlogistics = 0.24\nenaf_ha = 0.16\nflood_km = 0.2\n");
  return text + "\n" + criterion;
}

TEST(UserCriteria, LoadAfterTheBuiltInCriteriaInTheWeights) {
  const Profile p = load_text(with_flood());
  ASSERT_EQ(p.user_criteria.size(), 1U);
  const UserCriterion& u = p.user_criteria[0];
  EXPECT_EQ(u.id, "flood_km");
  EXPECT_EQ(u.query.layer, "ppri");
  EXPECT_EQ(u.query.measure, LayerMeasure::distance_km);
  EXPECT_DOUBLE_EQ(u.value.ideal, 2.0);
  EXPECT_EQ(u.layer_line, line_of(with_flood(), "layer = \"ppri\""));
  ASSERT_EQ(p.weights.size(), 4U);
  EXPECT_EQ(p.weights[3].id, "flood_km");
  ASSERT_TRUE(p.weights[3].user.has_value());
  EXPECT_EQ(*p.weights[3].user, 0U);
  EXPECT_FALSE(p.weights[3].criterion.has_value());
  EXPECT_DOUBLE_EQ(p.weights[3].weight, 0.2);
}

TEST(UserCriteria, AttributeWithMissingValue) {
  const Profile p = load_text(with_flood(R"([criteria.flood_km]
layer = "ppri"
measure = "attribute"
field = "alea"
missing = 0
function = "step"
thresholds = [1.0, 2.0]
scores = [1.0, 0.5, 0.0]
)"));
  const UserCriterion& u = p.user_criteria.at(0);
  EXPECT_EQ(u.query.measure, LayerMeasure::attribute);
  EXPECT_EQ(u.query.field, "alea");
  ASSERT_TRUE(u.query.missing.has_value());
  EXPECT_DOUBLE_EQ(*u.query.missing, 0.0);
}

// What the criterion measures is part of the profile's identity.
TEST(UserCriteria, LayerMeasureAndFieldEnterTheHash) {
  const Profile p = load_text(with_flood());
  EXPECT_NE(canonical_text(p).find("criteria.flood_km.layer=ppri\ncriteria.flood_km.measure=distance_km\n"), std::string::npos)
      << canonical_text(p);
  const Profile other_layer = load_text(edited(with_flood(), "layer = \"ppri\"", "layer = \"pprt\""));
  EXPECT_NE(profile_hash(p), profile_hash(other_layer));
  EXPECT_NE(profile_hash(p), profile_hash(load_text(kBaseProfile)));
}

TEST(UserCriteria, WeighedByAhpLikeTheOthers) {
  const std::string text = edited(with_flood(), "[weights]\npower_distance_km = 0.4\nlogistics = 0.24\nenaf_ha = 0.16\nflood_km = 0.2\n",
                                  "[ahp]\ncriteria = [\"power_distance_km\", \"logistics\", \"enaf_ha\", \"flood_km\"]\n"
                                  "matrix = [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]\n");
  const Profile p = load_text(text);
  ASSERT_EQ(p.weights.size(), 4U);
  EXPECT_EQ(p.weights[3].id, "flood_km");
  EXPECT_NEAR(p.weights[3].weight, 0.25, 1e-12);
}

TEST(UserCriteria, ATableWithoutLayerIsAnUnknownCriterion) {
  const std::string text = edited(with_flood(), "layer = \"ppri\"\n", "");
  const std::string message = expect_config_error(text, "criteria.flood_km", line_of(text, "[criteria.flood_km]"));
  EXPECT_NE(message.find("unknown criterion"), std::string::npos) << message;
}

TEST(UserCriteria, NamesAreIdentifiers) {
  const std::string text = edited(edited(with_flood(), "[criteria.flood_km]", "[criteria.Flood-km]"), "flood_km = 0.2", "\"Flood-km\" = 0.2");
  expect_config_error(text, "criteria.Flood-km", line_of(text, "[criteria.Flood-km]"));
}

TEST(UserCriteria, UnknownMeasure) {
  const std::string text = edited(with_flood(), "measure = \"distance_km\"", "measure = \"area\"");
  expect_config_error(text, "criteria.flood_km.measure", line_of(text, "measure = \"area\""));
}

TEST(UserCriteria, AttributeNeedsAField) {
  const std::string text = edited(with_flood(), "measure = \"distance_km\"", "measure = \"attribute\"");
  expect_config_error(text, "criteria.flood_km.field", line_of(text, "[criteria.flood_km]"));
}

TEST(UserCriteria, MissingAppliesToAttributesOnly) {
  const std::string text = edited(with_flood(), "measure = \"distance_km\"\n", "measure = \"distance_km\"\nmissing = 3\n");
  expect_config_error(text, "criteria.flood_km.missing", line_of(text, "missing = 3"));
}

TEST(UserCriteria, MustBeWeighted) {
  const std::string text = edited(with_flood(), "flood_km = 0.2\n", "");
  expect_config_error(text, "weights.flood_km", line_of(text, "[weights]"));
}

TEST(UserCriteria, BoundsAreForBuiltInCriteria) {
  const std::string text = with_flood() + "\n[constraints.max]\nflood_km = 3\n";
  const std::string message = expect_config_error(text, "constraints.max.flood_km", line_of(text, "flood_km = 3"));
  EXPECT_NE(message.find("built-in criteria only"), std::string::npos) << message;
}

// `c` with its flood_km distance measured.
CandidateInput with_flood_km(CandidateInput c, double flood_km) {
  c.user_values = {flood_km};
  return c;
}

// The built-in part of each score is ranking_test.cpp's hand-worked set (A 0.725, B 0.75,
// C 0.55, F 0.70), now weighed 0.8; flood_km adds 0.2 × min(1, d / 2):
//   A: d 0   → 0.58      B: d 0.5 → 0.60 + 0.05 = 0.65
//   C: d 3   → 0.64      F: d 2   → 0.56 + 0.20 = 0.76
// so the ranking B, A, F, C becomes F, B, C, A.
TEST(UserCriteria, ScoresAndRanksWorkedByHand) {
  const Profile p = load_text(with_flood());
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const Ranking r = rank_candidates(p, {with_flood_km(candidate("A", 50, 5, 6, 100, 0), 0),
                                        with_flood_km(candidate("B", 20, 0, kInf, 27.5, 5), 0.5),
                                        with_flood_km(candidate("C", 80, 10, 1, 5, 20), 3),
                                        with_flood_km(candidate("F", 30, 6, 6, 100, 0), 2),
                                        with_flood_km(candidate("U", 30, 6, 6, 100, 0), kNaN)});
  std::map<std::string, RankedCandidate> by_id;
  for (const RankedCandidate& c : r.candidates) by_id[c.id] = c;
  const std::map<std::string, std::pair<double, std::size_t>> expected{
      {"F", {0.76, 1}}, {"B", {0.65, 2}}, {"C", {0.64, 3}}, {"A", {0.58, 4}}};
  for (const auto& [id, score_rank] : expected) {
    EXPECT_NEAR(by_id.at(id).score, score_rank.first, 1e-12) << id;
    ASSERT_TRUE(by_id.at(id).rank.has_value()) << id;
    EXPECT_EQ(*by_id.at(id).rank, score_rank.second) << id;
  }
  EXPECT_NEAR(by_id.at("B").user_scores.at(0), 0.25, 1e-12);
  EXPECT_NEAR(by_id.at("B").sub_scores.at(3), 0.25, 1e-12);
  // An unmeasured value is not ranked as the worst: the site is excluded, naming the criterion.
  EXPECT_FALSE(by_id.at("U").rank.has_value());
  EXPECT_EQ(by_id.at("U").exclusion, (Exclusion{ExclusionCode::unmeasured, "flood_km"}));
}

TEST(UserCriteria, WeightOverridesReachThem) {
  Profile p = load_text(with_flood());
  apply_weight_overrides(p, {"flood_km=0.6"});
  EXPECT_NEAR(p.weights[3].weight, 0.6, 1e-12);
  EXPECT_NEAR(p.weights[0].weight, 0.4 * 0.4 / 0.8, 1e-12);
}

}  // namespace
}  // namespace zanplan::scoring
