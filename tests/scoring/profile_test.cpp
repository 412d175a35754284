// Profile loading: one test per kind of bad profile, asserting the error's key and line
// (lines found by searching the test text, not by the loader); the shipped profiles; the
// hash; weight overrides.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "profile_test_support.hpp"

namespace zanplan::scoring {
namespace {

using namespace testing_support;

const std::string kAhpWeights = R"([ahp]
criteria = ["power_distance_km", "logistics", "enaf_ha"]
matrix = [
  [1, 3, 5],
  ["1/3", 1, 3],
  ["1/5", "1/3", 1],
]
)";

std::string with_ahp(const std::string& ahp = kAhpWeights) {
  const std::size_t at = kBaseProfile.find("[weights]");
  return kBaseProfile.substr(0, at) + ahp;
}

double weight_of(const Profile& p, const std::string& id) {
  for (const WeightedItem& item : p.weights) {
    if (item.id == id) return item.weight;
  }
  ADD_FAILURE() << "no weight " << id;
  return -1;
}

TEST(Profile, BaseProfileLoads) {
  const Profile p = load_text(kBaseProfile);
  EXPECT_EQ(p.name, "test");
  EXPECT_DOUBLE_EQ(p.min_ha, 10.0);
  EXPECT_DOUBLE_EQ(p.max_ha, 100.0);
  EXPECT_EQ(p.min_voltage_kv, 225);
  ASSERT_EQ(p.criteria.size(), 4U);
  ASSERT_TRUE(p.logistics.has_value());
  EXPECT_EQ(p.logistics->rule, LogisticsRule::best_of);
  ASSERT_EQ(p.weights.size(), 3U);
  // Canonical order: power, logistics (after the transport criteria), enaf.
  EXPECT_EQ(p.weights[0].id, "power_distance_km");
  EXPECT_EQ(p.weights[1].id, "logistics");
  EXPECT_EQ(p.weights[2].id, "enaf_ha");
  EXPECT_DOUBLE_EQ(p.weights[1].weight, 0.3);
  EXPECT_EQ(p.aggregation, Aggregation::weighted_sum);
  EXPECT_EQ(p.sensitivity.runs, 200U);
}

TEST(ProfileErrors, UnknownKey) {
  const std::string text = edited(kBaseProfile, "max_ha = 100.0\n", "max_ha = 100.0\ncolour = \"red\"\n");
  expect_config_error(text, "area.colour", line_of(text, "colour"));
}

TEST(ProfileErrors, UnknownTopLevelKey) {
  const std::string text = kBaseProfile + "\n[extras]\nx = 1\n";
  expect_config_error(text, "extras", line_of(text, "[extras]"));
}

TEST(ProfileErrors, MissingKeyNamesTheTable) {
  const std::string text = edited(kBaseProfile, "max_ha = 100.0\n", "");
  expect_config_error(text, "area.max_ha", line_of(text, "[area]"));
}

TEST(ProfileErrors, MissingTable) {
  const std::string text = edited(kBaseProfile, "[pene]\neligible = true\ndefault = false\n", "");
  expect_config_error(text, "pene", 1);
}

TEST(ProfileErrors, WrongType) {
  const std::string text = edited(kBaseProfile, "need_mw = 100.0", "need_mw = \"lots\"");
  expect_config_error(text, "power.need_mw", line_of(text, "need_mw"));
}

TEST(ProfileErrors, VoltageMustBeAnInteger) {
  const std::string text = edited(kBaseProfile, "min_voltage_kv = 225", "min_voltage_kv = 225.5");
  expect_config_error(text, "power.min_voltage_kv", line_of(text, "min_voltage_kv"));
}

TEST(ProfileErrors, NegativeDistance) {
  const std::string text = edited(kBaseProfile, "ideal = 0.0\nunacceptable = 20.0", "ideal = -1.0\nunacceptable = 20.0");
  const std::string message = expect_config_error(text, "criteria.power_distance_km.ideal", line_of(text, "ideal = -1.0"));
  EXPECT_NE(message.find("negative"), std::string::npos);
}

TEST(ProfileErrors, NegativeConnectionDistance) {
  const std::string text = edited(kBaseProfile, "max_connection_km = 20.0", "max_connection_km = -5.0");
  expect_config_error(text, "power.max_connection_km", line_of(text, "max_connection_km"));
}

TEST(ProfileErrors, NegativeStepThreshold) {
  const std::string text = edited(kBaseProfile, "thresholds = [0.0, 10.0]", "thresholds = [-1.0, 10.0]");
  expect_config_error(text, "criteria.enaf_ha.thresholds[0]", line_of(text, "thresholds"));
}

TEST(ProfileErrors, IdealEqualsUnacceptable) {
  const std::string text = edited(kBaseProfile, "ideal = 5.0\nunacceptable = 50.0", "ideal = 5.0\nunacceptable = 5.0");
  expect_config_error(text, "criteria.port_distance_km.unacceptable", line_of(text, "unacceptable = 5.0"));
}

TEST(ProfileErrors, MinAreaAboveMaxArea) {
  const std::string text = edited(kBaseProfile, "min_ha = 10.0", "min_ha = 200.0");
  expect_config_error(text, "area.min_ha", line_of(text, "min_ha"));
}

TEST(ProfileErrors, WeightsNotSummingToOne) {
  const std::string text = edited(kBaseProfile, "enaf_ha = 0.2\n", "enaf_ha = 0.3\n");
  const std::string message = expect_config_error(text, "weights", line_of(text, "[weights]"));
  EXPECT_NE(message.find("1.1"), std::string::npos) << message;
}

TEST(ProfileErrors, UnknownCriterionInWeights) {
  const std::string text = edited(kBaseProfile, "enaf_ha = 0.2\n", "enaf_ha = 0.2\nsolar_ha = 0.0\n");
  expect_config_error(text, "weights.solar_ha", line_of(text, "solar_ha"));
}

TEST(ProfileErrors, WeightForAnUndefinedCriterion) {
  const std::string text = edited(kBaseProfile, "enaf_ha = 0.2\n", "enaf_ha = 0.2\nenvelope_share = 0.0\n");
  expect_config_error(text, "weights.envelope_share", line_of(text, "envelope_share"));
}

TEST(ProfileErrors, WeightOnALogisticsMember) {
  const std::string text = edited(kBaseProfile, "enaf_ha = 0.2\n", "enaf_ha = 0.2\nrail_distance_km = 0.0\n");
  expect_config_error(text, "weights.rail_distance_km", line_of(text, "rail_distance_km = 0.0"));
}

TEST(ProfileErrors, MissingWeight) {
  const std::string text = edited(kBaseProfile, "enaf_ha = 0.2\n", "");
  expect_config_error(text, "weights.enaf_ha", line_of(text, "[weights]"));
}

TEST(ProfileErrors, NegativeWeight) {
  const std::string text = edited(edited(kBaseProfile, "enaf_ha = 0.2\n", "enaf_ha = -0.2\n"), "logistics = 0.3", "logistics = 0.7");
  expect_config_error(text, "weights.enaf_ha", line_of(text, "enaf_ha = -0.2"));
}

TEST(ProfileErrors, UnknownCriterionTable) {
  const std::string text = edited(kBaseProfile, "[criteria.enaf_ha]", "[criteria.solar_ha]");
  expect_config_error(text, "criteria.solar_ha", line_of(text, "[criteria.solar_ha]"));
}

TEST(ProfileErrors, UnknownValueFunction) {
  const std::string text = edited(kBaseProfile, "function = \"exponential\"", "function = \"sigmoid\"");
  expect_config_error(text, "criteria.rail_distance_km.function", line_of(text, "sigmoid"));
}

TEST(ProfileErrors, StepThresholdsMustIncrease) {
  const std::string text = edited(kBaseProfile, "thresholds = [0.0, 10.0]", "thresholds = [10.0, 10.0]");
  expect_config_error(text, "criteria.enaf_ha.thresholds[1]", line_of(text, "thresholds"));
}

TEST(ProfileErrors, StepNeedsOneMoreScoreThanThresholds) {
  const std::string text = edited(kBaseProfile, "scores = [1.0, 0.5, 0.0]", "scores = [1.0, 0.5]");
  expect_config_error(text, "criteria.enaf_ha.scores", line_of(text, "scores = "));
}

TEST(ProfileErrors, LogisticsMemberWithoutCriterion) {
  const std::string text = edited(kBaseProfile, "members = [\"rail_distance_km\", \"port_distance_km\"]",
                                  "members = [\"rail_distance_km\", \"motorway_distance_km\"]");
  expect_config_error(text, "logistics.members[1]", line_of(text, "members"));
}

TEST(ProfileErrors, PeneByDefaultNeedsEligibility) {
  const std::string text = edited(kBaseProfile, "eligible = true\ndefault = false", "eligible = false\ndefault = true");
  expect_config_error(text, "pene.default", line_of(text, "default = true"));
}

TEST(ProfileErrors, DuplicateVoltageLevel) {
  const std::string text = edited(kBaseProfile, "voltage_kv = 400", "voltage_kv = 225");
  expect_config_error(text, "connection_cost[1].voltage_kv", line_of(text, "eur_per_km = 5000000.0") - 1);
}

TEST(ProfileErrors, ConnectionCostsBelowTheMinimumVoltage) {
  const std::string text = edited(kBaseProfile, "min_voltage_kv = 225", "min_voltage_kv = 500");
  expect_config_error(text, "connection_cost", line_of(text, "[[connection_cost]]"));
}

TEST(ProfileErrors, SyntaxErrorGivesTheLine) {
  const std::string text = edited(kBaseProfile, "need_mw = 100.0", "need_mw = = 100.0");
  try {
    (void)load_text(text);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    EXPECT_EQ(e.context().line, line_of(text, "need_mw"));
  }
}

TEST(ProfileErrors, MissingFile) {
  try {
    (void)load_profile("/nonexistent/zanplan/profile.toml");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    EXPECT_EQ(e.context().file, "/nonexistent/zanplan/profile.toml");
  }
}

TEST(ProfileErrors, BothWeightsAndAhp) {
  const std::string text = kBaseProfile + "\n" + kAhpWeights;
  expect_config_error(text, "ahp", line_of(text, "[ahp]"));
}

// ---- AHP -------------------------------------------------------------------------------

TEST(ProfileAhp, WeightsFromSaatysClassicMatrix) {
  const Profile p = load_text(with_ahp());
  ASSERT_TRUE(p.ahp.has_value());
  // Independent Python power iteration: 0.636986, 0.258285, 0.104729; CR 0.033199.
  EXPECT_NEAR(weight_of(p, "power_distance_km"), 0.636986, 1e-6);
  EXPECT_NEAR(weight_of(p, "logistics"), 0.258285, 1e-6);
  EXPECT_NEAR(weight_of(p, "enaf_ha"), 0.104729, 1e-6);
  EXPECT_NEAR(p.ahp->consistency_ratio, 0.033199, 1e-6);
  EXPECT_FALSE(p.ahp->accepted_inconsistent);
}

TEST(ProfileAhp, NotSquareRow) {
  const std::string text = with_ahp(edited(kAhpWeights, "[\"1/3\", 1, 3],", "[\"1/3\", 1],"));
  expect_config_error(text, "ahp.matrix[1]", line_of(text, "[\"1/3\", 1],"));
}

TEST(ProfileAhp, NotSquareRowCount) {
  const std::string text = with_ahp(edited(kAhpWeights, "  [\"1/5\", \"1/3\", 1],\n", ""));
  expect_config_error(text, "ahp.matrix", line_of(text, "matrix = ["));
}

TEST(ProfileAhp, NonPositiveEntry) {
  const std::string text = with_ahp(edited(kAhpWeights, "[1, 3, 5]", "[1, 3, 0]"));
  expect_config_error(text, "ahp.matrix[0][2]", line_of(text, "[1, 3, 0]"));
}

TEST(ProfileAhp, NegativeFraction) {
  const std::string text = with_ahp(edited(kAhpWeights, "[\"1/3\", 1, 3]", "[\"-1/3\", 1, 3]"));
  expect_config_error(text, "ahp.matrix[1][0]", line_of(text, "-1/3"));
}

TEST(ProfileAhp, NotReciprocal) {
  const std::string text = with_ahp(edited(kAhpWeights, "[\"1/3\", 1, 3]", "[\"1/2\", 1, 3]"));
  expect_config_error(text, "ahp.matrix[1][0]", line_of(text, "[\"1/2\", 1, 3]"));
}

TEST(ProfileAhp, DiagonalMustBeOne) {
  const std::string text = with_ahp(edited(kAhpWeights, "[\"1/3\", 1, 3]", "[\"1/3\", 2, 3]"));
  expect_config_error(text, "ahp.matrix[1][1]", line_of(text, "[\"1/3\", 2, 3]"));
}

TEST(ProfileAhp, UnknownCriterion) {
  const std::string text = with_ahp(edited(kAhpWeights, "\"enaf_ha\"]", "\"solar_ha\"]"));
  expect_config_error(text, "ahp.criteria[2]", line_of(text, "criteria = ["));
}

const std::string kCyclicAhp = R"([ahp]
criteria = ["power_distance_km", "logistics", "enaf_ha"]
matrix = [
  [1, 9, "1/9"],
  ["1/9", 1, 9],
  [9, "1/9", 1],
]
)";

TEST(ProfileAhp, InconsistentMatrixIsRefused) {
  const std::string text = with_ahp(kCyclicAhp);
  const std::string message = expect_config_error(text, "ahp.matrix", line_of(text, "matrix = ["));
  EXPECT_NE(message.find("CR = 6.130"), std::string::npos) << message;  // Python: 6.130268
}

TEST(ProfileAhp, InconsistentMatrixAcceptedWhenTheProfileForcesIt) {
  const std::string text = with_ahp(edited(kCyclicAhp, "[ahp]\n", "[ahp]\naccept_inconsistent = true\n"));
  const Profile p = load_text(text);
  ASSERT_TRUE(p.ahp.has_value());
  EXPECT_TRUE(p.ahp->accepted_inconsistent);
  EXPECT_NEAR(weight_of(p, "logistics"), 1.0 / 3, 1e-9);  // symmetric cycle: equal weights
}

TEST(ProfileAhp, InconsistentMatrixAcceptedWhenTheCallerForcesIt) {
  const Profile p = load_text(with_ahp(kCyclicAhp), {.accept_inconsistent_ahp = true});
  EXPECT_TRUE(p.ahp->accepted_inconsistent);
}

// ---- shipped profiles ------------------------------------------------------------------

std::filesystem::path shipped(const std::string& name) { return profile_path(ZANPLAN_DATA_DIR, name); }

TEST(ShippedProfiles, Gigafactory) {
  const Profile p = load_profile(shipped("gigafactory"));
  EXPECT_EQ(p.name, "gigafactory");
  EXPECT_DOUBLE_EQ(p.min_ha, 20.0);
  EXPECT_DOUBLE_EQ(p.max_ha, 150.0);
  EXPECT_DOUBLE_EQ(p.power_need_mw, 220.0);
  EXPECT_EQ(p.min_voltage_kv, 225);
  EXPECT_TRUE(p.pene_eligible);
  ASSERT_TRUE(p.logistics.has_value());
  EXPECT_EQ(p.logistics->rule, LogisticsRule::best_of);
  EXPECT_EQ(p.logistics->members, (std::vector<Criterion>{Criterion::rail_distance_km, Criterion::port_distance_km}));
  EXPECT_DOUBLE_EQ(weight_of(p, "logistics"), 0.20);
}

TEST(ShippedProfiles, DatacenterWeightsComeFromItsAhpMatrix) {
  const Profile p = load_profile(shipped("datacenter"));
  EXPECT_DOUBLE_EQ(p.power_need_mw, 1000.0);
  EXPECT_EQ(p.min_voltage_kv, 400);  // a 1 GW campus connects at 400 kV
  EXPECT_DOUBLE_EQ(p.max_connection_km, 15.0);
  EXPECT_DOUBLE_EQ(p.max_ha, 250.0);
  EXPECT_FALSE(p.pene_by_default);
  ASSERT_TRUE(p.ahp.has_value());
  // Independent Python power iteration on the same matrix.
  EXPECT_NEAR(weight_of(p, "power_distance_km"), 0.5670, 1e-4);
  EXPECT_NEAR(weight_of(p, "logistics"), 0.0481, 1e-4);
  EXPECT_NEAR(weight_of(p, "enaf_ha"), 0.2370, 1e-4);
  EXPECT_NEAR(weight_of(p, "envelope_share"), 0.1479, 1e-4);
  EXPECT_NEAR(p.ahp->consistency_ratio, 0.02274, 1e-4);
  EXPECT_LT(weight_of(p, "logistics"), 0.1);  // a datacenter hardly cares
}

TEST(ShippedProfiles, SmallDatacenter) {
  const Profile p = load_profile(shipped("smalldatacenter"));
  EXPECT_DOUBLE_EQ(p.min_ha, 5.0);
  EXPECT_DOUBLE_EQ(p.max_ha, 20.0);
  EXPECT_EQ(p.min_voltage_kv, 63);
  EXPECT_FALSE(p.logistics.has_value());
  EXPECT_FALSE(p.pene_eligible);
}

TEST(ProfilePath, NamesAndPaths) {
  EXPECT_EQ(profile_path("/data", "gigafactory"), std::filesystem::path("/data/profiles/gigafactory.toml"));
  EXPECT_EQ(profile_path("/data", "my/own.toml"), std::filesystem::path("my/own.toml"));
  EXPECT_EQ(profile_path("/data", "own.toml"), std::filesystem::path("own.toml"));
}

// ---- hash ------------------------------------------------------------------------------

TEST(ProfileHash, Fnv1aReferenceVectors) {
  // Reference values of FNV-1a 64 (Fowler/Noll/Vo test suite), rechecked in Python.
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(ProfileHash, IgnoresLayoutCommentsAndKeyOrder) {
  // Same content: tables moved, comments, integers for floats, underscores in numbers.
  const std::string shuffled = edited(
      edited(edited(kBaseProfile, "[area]\nmin_ha = 10.0\nmax_ha = 100.0\n", "# moved to the end\n"), "eur_per_km = 2000000.0",
             "eur_per_km = 2_000_000"),
      "name = \"test\"", "# a comment\nname = \"test\"  # trailing");
  const std::string reordered = shuffled + "\n[area]\nmax_ha = 100\nmin_ha = 10\n";
  const Profile a = load_text(kBaseProfile);
  const Profile b = load_text(reordered);
  EXPECT_EQ(profile_hash(a), profile_hash(b));
  EXPECT_EQ(profile_hash(a).size(), 16U);
  EXPECT_EQ(profile_hash(a).find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(profile_hash(a), fmt::format("{:016x}", fnv1a64(canonical_text(a))));
}

TEST(ProfileHash, ChangesWithAnyParsedValue) {
  const std::string base_hash = profile_hash(load_text(kBaseProfile));
  const std::string weights = edited(edited(kBaseProfile, "logistics = 0.3", "logistics = 0.25"), "enaf_ha = 0.2\n", "enaf_ha = 0.25\n");
  EXPECT_NE(profile_hash(load_text(weights)), base_hash);
  EXPECT_NE(profile_hash(load_text(edited(kBaseProfile, "half_value = 5.0", "half_value = 6.0"))), base_hash);
  EXPECT_NE(profile_hash(load_text(edited(kBaseProfile, "bay_eur = 4000000.0", "bay_eur = 4000001.0"))), base_hash);
}

// ---- weight overrides -------------------------------------------------------------------

TEST(WeightOverrides, OthersAreRescaledInProportion) {
  Profile p = load_text(kBaseProfile);
  const std::string before = profile_hash(p);
  apply_weight_overrides(p, {"power_distance_km=0.6"});
  // The other two shared 0.5 as 0.3 : 0.2; they now share 0.4 the same way.
  EXPECT_DOUBLE_EQ(weight_of(p, "power_distance_km"), 0.6);
  EXPECT_NEAR(weight_of(p, "logistics"), 0.24, 1e-12);
  EXPECT_NEAR(weight_of(p, "enaf_ha"), 0.16, 1e-12);
  EXPECT_TRUE(p.weights_overridden);
  EXPECT_NE(profile_hash(p), before);
}

TEST(WeightOverrides, SeveralAtOnceWithSpaces) {
  Profile p = load_text(kBaseProfile);
  apply_weight_overrides(p, {"logistics = 0.5", "enaf_ha=0.5"});
  EXPECT_DOUBLE_EQ(weight_of(p, "power_distance_km"), 0.0);
  EXPECT_DOUBLE_EQ(weight_of(p, "logistics"), 0.5);
  EXPECT_DOUBLE_EQ(weight_of(p, "enaf_ha"), 0.5);
}

void expect_usage_error(Profile& p, const std::vector<std::string>& overrides, const std::string& key) {
  try {
    apply_weight_overrides(p, overrides);
    ADD_FAILURE() << "no error for " << key;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage) << e.what();
    EXPECT_EQ(e.context().key, key) << e.what();
  }
}

TEST(WeightOverrides, Errors) {
  Profile p = load_text(kBaseProfile);
  expect_usage_error(p, {"solar_ha=0.2"}, "solar_ha");
  expect_usage_error(p, {"rail_distance_km=0.2"}, "rail_distance_km");  // a logistics member, not weighted
  expect_usage_error(p, {"power_distance_km=abc"}, "power_distance_km");
  expect_usage_error(p, {"power_distance_km=0.5x"}, "power_distance_km");
  expect_usage_error(p, {"power_distance_km"}, "power_distance_km");
  expect_usage_error(p, {"power_distance_km=1.5"}, "power_distance_km");
  expect_usage_error(p, {"power_distance_km=-0.1"}, "power_distance_km");
  expect_usage_error(p, {"power_distance_km=0.2", "power_distance_km=0.3"}, "power_distance_km");
  expect_usage_error(p, {"power_distance_km=0.7", "enaf_ha=0.5"}, "enaf_ha,power_distance_km");
  // Unchanged by the failed attempts.
  EXPECT_DOUBLE_EQ(weight_of(p, "power_distance_km"), 0.5);
  EXPECT_FALSE(p.weights_overridden);
}

TEST(WeightOverrides, OtherWeightsAllZeroCannotAbsorbTheRest) {
  Profile p = load_text(kBaseProfile);
  apply_weight_overrides(p, {"power_distance_km=1"});
  EXPECT_DOUBLE_EQ(weight_of(p, "logistics"), 0.0);
  expect_usage_error(p, {"power_distance_km=0.5"}, "power_distance_km");
  apply_weight_overrides(p, {"logistics=0.25"});  // power (1.0) absorbs the rest
  EXPECT_DOUBLE_EQ(weight_of(p, "power_distance_km"), 0.75);
}

}  // namespace
}  // namespace zanplan::scoring
