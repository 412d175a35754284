// The communal guarantee, hand-worked: a floor allocated inside the envelopes, eligibility by
// planning document, pooling at EPCI level and the commune-nouvelle bonus (docs/zan-rules.md).
#include <numeric>

#include <gtest/gtest.h>

#include "zanplan/envelope.hpp"
#include "zanplan/regime.hpp"

using namespace zanplan;

namespace {

constexpr double eps = 1e-9;

LegalRegime law() { return load_regime(ZANPLAN_DATA_DIR "/regimes/climat-resilience-2023.toml"); }

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST(Guarantee, FloorIsAllocatedInsideTheEnvelopeWithoutRaisingIt) {
  // Shares of a 10 ha envelope: 6 + 3.7 + 0.3. The third is raised to its 1 ha floor; the 0.7 ha
  // comes from the other two in proportion to their shares: each × (10 − 1) / 9.7.
  const std::vector<double> shares{6.0, 3.7, 0.3}, floors{1.0, 1.0, 1.0};
  const FloorAllocation a = allocate_with_floors(10.0, shares, floors);
  EXPECT_NEAR(a.hectares[0], 6.0 * 9.0 / 9.7, eps);  // 5.567010309
  EXPECT_NEAR(a.hectares[1], 3.7 * 9.0 / 9.7, eps);  // 3.432989691
  EXPECT_DOUBLE_EQ(a.hectares[2], 1.0);
  EXPECT_NEAR(sum(a.hectares), 10.0, eps);
  EXPECT_EQ(a.raised, (std::vector<bool>{false, false, true}));
  EXPECT_FALSE(a.floors_exceed_envelope);
}

TEST(Guarantee, IneligibleCommuneGetsNone) {
  // Same envelope, but the small commune has no floor (ineligible or unknown): nothing moves.
  const std::vector<double> shares{6.0, 3.7, 0.3}, floors{1.0, 1.0, 0.0};
  const FloorAllocation a = allocate_with_floors(10.0, shares, floors);
  EXPECT_NEAR(a.hectares[0], 6.0, eps);
  EXPECT_NEAR(a.hectares[1], 3.7, eps);
  EXPECT_NEAR(a.hectares[2], 0.3, eps);
  EXPECT_EQ(a.raised, (std::vector<bool>{false, false, false}));
}

TEST(Guarantee, RaisingOneCommuneCanPushAnotherUnderItsFloor) {
  // 3 ha for 2.0 + 0.9 + 0.1. First pass: 0.1 → 1, the others × 2/2.9, so 0.9 → 0.62 < 1.
  // Second pass: 0.9 → 1 as well, 2.0 × (3 − 2)/2.0 = 1.
  const std::vector<double> shares{2.0, 0.9, 0.1}, floors{1.0, 1.0, 1.0};
  const FloorAllocation a = allocate_with_floors(3.0, shares, floors);
  EXPECT_NEAR(a.hectares[0], 1.0, eps);
  EXPECT_DOUBLE_EQ(a.hectares[1], 1.0);
  EXPECT_DOUBLE_EQ(a.hectares[2], 1.0);
  EXPECT_NEAR(sum(a.hectares), 3.0, eps);
}

TEST(Guarantee, FloorsThatDoNotFitAreScaledAndFlagged) {
  // Two eligible communes, 1 ha each, in a 1.5 ha envelope: 0.75 ha each, never more than the envelope.
  const std::vector<double> shares{1.0, 0.5}, floors{1.0, 1.0};
  const FloorAllocation a = allocate_with_floors(1.5, shares, floors);
  EXPECT_TRUE(a.floors_exceed_envelope);
  EXPECT_DOUBLE_EQ(a.hectares[0], 0.75);
  EXPECT_DOUBLE_EQ(a.hectares[1], 0.75);
}

TEST(Guarantee, CommuneNouvelleBonus) {
  const LegalRegime regime = law();
  EXPECT_DOUBLE_EQ(guarantee_floor_ha(regime, 0), 1.0);  // not a commune nouvelle
  EXPECT_DOUBLE_EQ(guarantee_floor_ha(regime, 1), 1.0);
  EXPECT_DOUBLE_EQ(guarantee_floor_ha(regime, 2), 1.5);  // 1 + 0.5
  EXPECT_DOUBLE_EQ(guarantee_floor_ha(regime, 3), 2.0);  // 1 + 2 × 0.5
  EXPECT_DOUBLE_EQ(guarantee_floor_ha(regime, 5), 2.0);  // 1 + 4 × 0.5 = 3, capped at 2
}

TEST(Guarantee, EligibilityByPlanningDocumentAndDate) {
  const LegalRegime regime = law();
  auto status = [&](const char* document, const char* stage, const char* date) {
    return eligibility_of({document, stage, parse_date(date), false}, regime);
  };
  EXPECT_EQ(status("plu", "approved", "2015-03-01"), GuaranteeEligibility::eligible);
  EXPECT_EQ(status("carte_communale", "prescribed", "2026-08-21"), GuaranteeEligibility::eligible);
  EXPECT_EQ(status("plui", "arrete", "2026-08-22"), GuaranteeEligibility::ineligible);  // not before
  EXPECT_EQ(status("rnu", "", ""), GuaranteeEligibility::ineligible);
  EXPECT_EQ(status("", "", ""), GuaranteeEligibility::unknown);
  EXPECT_EQ(status("plu", "approved", ""), GuaranteeEligibility::unknown);  // no date: not assumed
  EXPECT_EQ(status("plu", "", "2015-03-01"), GuaranteeEligibility::unknown);
}

TEST(Guarantee, DatesAreCheckedNotJustSplit) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("22/08/2026"));
  EXPECT_FALSE(parse_date("2026-8-22"));
  EXPECT_LT(*parse_date("2026-08-21"), *parse_date("2026-08-22"));
}
