// The guarantee inside the envelopes on a tree of communes, EPCI and SCoT, and projects
// charged at commune, EPCI and SCoT level (tests/ledger/tree_workspace.hpp has the table).
#include "zanplan/charge.hpp"

#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include "tree_workspace.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;

namespace {

constexpr double eps = 1e-9;
constexpr double scale_s1 = 13.9 / 16.3;  // SCoT S1: (16.9 − 3 ha held at floors) / 16.3 ha of free shares

LegalRegime law() { return load_regime(ZANPLAN_DATA_DIR "/regimes/climat-resilience-2023.toml"); }

struct Tree {
  std::filesystem::path path;
  EnvelopeBook book;
  Ledger ledger;
};

const Tree& tree() {
  static const Tree t = [] {
    Tree x;
    x.path = zanplan::testing::tree_workspace("charge");
    x.book = commune_envelopes(x.path, law());
    x.ledger = build_ledger(read_hierarchy(x.path), x.book, law());
    return x;
  }();
  return t;
}

const CommuneEnvelope& commune(const std::string& code) { return tree().book.communes.at(code); }

}  // namespace

TEST(GuaranteeTree, ScotEnvelopeIsThePublishedOneAndTheFloorIsInside) {
  const Tree& t = tree();
  EXPECT_NEAR(commune("99001").envelope_ha, 16.0 * scale_s1, eps);  // 13.644171779
  EXPECT_NEAR(commune("99004").envelope_ha, 0.2 * scale_s1, eps);   // RNU: no floor, gives its share
  EXPECT_NEAR(commune("99005").envelope_ha, 0.1 * scale_s1, eps);   // unknown status: no floor
  EXPECT_EQ(commune("99005").eligibility, GuaranteeEligibility::unknown);
  EXPECT_EQ(commune("99004").eligibility, GuaranteeEligibility::ineligible);
  // SCoT S1 = 60 % off 42.25 ha = 16.9 ha: not raised by the guarantee.
  const LedgerRow* s1 = t.ledger.find(Level::scot, "S1");
  ASSERT_NE(s1, nullptr);
  EXPECT_NEAR(s1->envelope_ha, 42.25 * 0.4, eps);
  EXPECT_EQ(s1->guarantee_communes, 2U);
}

TEST(GuaranteeTree, CommuneNouvelleOfFiveGetsTwoHectaresAndOfTwoOneAndAHalf) {
  EXPECT_DOUBLE_EQ(commune("99003").guarantee_floor_ha, 2.0);
  EXPECT_DOUBLE_EQ(commune("99003").envelope_ha, 2.0);
  EXPECT_DOUBLE_EQ(commune("99007").guarantee_floor_ha, 1.5);
  EXPECT_DOUBLE_EQ(commune("99007").envelope_ha, 1.5);
  EXPECT_NEAR(commune("99006").envelope_ha, 5.5, eps);  // 7 − 1.5 inside EPCI_E3's 7 ha
}

TEST(GuaranteeTree, PoolingMovesTheRaiseToTheEpci) {
  const Tree& t = tree();
  // 99002: 0.4 ha share, floor 1 ha, pooled: the commune keeps 0.4, EPCI E1 holds 0.6.
  EXPECT_NEAR(commune("99002").envelope_ha, 0.4, eps);
  EXPECT_NEAR(commune("99002").pooled_guarantee_ha, 0.6, eps);
  const LedgerRow* e1 = t.ledger.find(Level::epci, "E1");
  EXPECT_NEAR(e1->pooled_guarantee_ha, 0.6, eps);
  EXPECT_NEAR(e1->envelope_ha, 16.0 * scale_s1 + 0.4 + 0.6, eps);
  EXPECT_NEAR(t.ledger.find(Level::commune, "99002")->envelope_ha, 0.4, eps);
}

TEST(GuaranteeTree, RegionIsTheSraddetEnvelope) {
  const Tree& t = tree();
  EXPECT_NEAR(t.book.region_envelope_ha, 72.25 * 0.5, eps);
  EXPECT_NEAR(t.book.unallocated_ha, 36.125 - (16.9 + 7.0 + 10.0), eps);
  const LedgerRow* region = t.ledger.find(Level::region, "99");
  EXPECT_NEAR(region->envelope_ha, 36.125, eps);
  EXPECT_NEAR(region->unallocated_ha, 2.225, eps);
  EXPECT_EQ(t.ledger.scot_keys_published, 2U);
  EXPECT_EQ(t.ledger.scot_keys_joined, 1U);
  EXPECT_EQ(t.ledger.unjoined_targets.at("SCOT_2"), "not in scot_crosswalk");
}

TEST(ChargeProject, SameSiteDifferentLevelsGiveDifferentShares) {
  const Tree& t = tree();
  const CommunePart part[] = {{"99001", 8.0}};
  const ProjectCharge at_commune = charge_project(t.ledger, law(), part, ChargeLevel::commune, PeneStatus::not_pene);
  ASSERT_EQ(at_commune.territories.size(), 1U);
  EXPECT_EQ(at_commune.territories[0].level, Level::commune);
  EXPECT_NEAR(at_commune.binding_share, 8.0 / (16.0 * scale_s1), eps);  // 0.586330935

  const ProjectCharge at_epci = charge_project(t.ledger, law(), part, ChargeLevel::epci, PeneStatus::not_pene);
  EXPECT_EQ(at_epci.territories[0].code, "E1");
  EXPECT_NEAR(at_epci.binding_share, 8.0 / (16.0 * scale_s1 + 1.0), eps);

  const ProjectCharge at_scot = charge_project(t.ledger, law(), part, ChargeLevel::scot, PeneStatus::not_pene);
  const TerritoryCharge& s1 = at_scot.territories[0];
  EXPECT_EQ(s1.level, Level::scot);
  EXPECT_EQ(s1.code, "S1");
  EXPECT_EQ(s1.target_source, "SCOT_1");
  EXPECT_NEAR(s1.envelope_ha, 16.9, eps);
  EXPECT_NEAR(s1.remaining_before_ha, 16.9, eps);
  EXPECT_NEAR(s1.remaining_after_ha, 8.9, eps);
  EXPECT_NEAR(at_scot.binding_share, 8.0 / 16.9, eps);  // 0.473372781
  EXPECT_EQ(at_scot.route, ChargeRoute::local_envelopes);
}

TEST(ChargeProject, ProjectSpanningTwoCommunesOfDifferentScots) {
  const Tree& t = tree();
  // 5 ha in 99001 (SCoT S1, 16.9 ha left) and 3 ha in 99006 (SCoT S2 = 99006 + 99007, 7 ha).
  const CommunePart parts[] = {{"99001", 5.0}, {"99006", 3.0}};
  const ProjectCharge c = charge_project(t.ledger, law(), parts, ChargeLevel::scot, PeneStatus::not_pene);
  ASSERT_EQ(c.territories.size(), 2U);
  EXPECT_EQ(c.territories[0].code, "S1");
  EXPECT_NEAR(c.territories[0].share, 5.0 / 16.9, eps);  // 0.295857988
  EXPECT_EQ(c.territories[1].code, "S2");
  EXPECT_NEAR(c.territories[1].envelope_ha, 7.0, eps);
  EXPECT_NEAR(c.territories[1].share, 3.0 / 7.0, eps);  // 0.428571429
  EXPECT_NEAR(c.binding_share, 3.0 / 7.0, eps);
  EXPECT_EQ(c.binding, 1U);
  EXPECT_DOUBLE_EQ(c.enaf_ha, 8.0);

  // The same parts at commune level: 5 / 13.644 and 3 / 5.5 → 99006 binds.
  const ProjectCharge communes = charge_project(t.ledger, law(), parts, ChargeLevel::commune, PeneStatus::not_pene);
  EXPECT_NEAR(communes.territories[1].share, 3.0 / 5.5, eps);
  EXPECT_NEAR(communes.binding_share, 3.0 / 5.5, eps);
}

TEST(ChargeProject, PartsOfOneTerritoryAreSummedAndACommuneWithoutScotFallsBackToItsEpci) {
  const Tree& t = tree();
  const CommunePart parts[] = {{"99001", 2.0}, {"99003", 1.0}, {"99008", 4.0}};
  const ProjectCharge c = charge_project(t.ledger, law(), parts, ChargeLevel::scot, PeneStatus::not_pene);
  ASSERT_EQ(c.territories.size(), 2U);
  EXPECT_EQ(c.territories[0].level, Level::epci);  // Level::epci sorts before Level::scot
  EXPECT_EQ(c.territories[0].code, "E4");
  EXPECT_EQ(c.territories[0].fallback, LevelFallback::no_scot_charged_to_epci);
  EXPECT_NEAR(c.territories[0].share, 4.0 / 10.0, eps);
  EXPECT_EQ(c.territories[1].code, "S1");
  EXPECT_DOUBLE_EQ(c.territories[1].charged_ha, 3.0);
  EXPECT_NEAR(c.binding_share, 0.4, eps);
}

TEST(ChargeProject, PeneAndExemptionsChargeNoLocalEnvelope) {
  const Tree& t = tree();
  const CommunePart part[] = {{"99001", 8.0}};
  const ProjectCharge listed = charge_project(t.ledger, law(), part, ChargeLevel::scot, PeneStatus::listed);
  EXPECT_EQ(listed.route, ChargeRoute::pene_forfait);
  EXPECT_TRUE(listed.territories.empty());
  EXPECT_DOUBLE_EQ(listed.binding_share, 0.0);
  const auto trace = load_regime(ZANPLAN_DATA_DIR "/regimes/trace-proposal-2025.toml");
  EXPECT_EQ(charge_project(t.ledger, trace, part, ChargeLevel::scot, PeneStatus::not_pene, true).route,
            ChargeRoute::industry_exempt);
  EXPECT_EQ(charge_project(t.ledger, trace, part, ChargeLevel::scot, PeneStatus::not_pene, false).route,
            ChargeRoute::local_envelopes);
}

TEST(ChargeProject, UnknownCommuneAndBadHectares) {
  const Tree& t = tree();
  const CommunePart unknown[] = {{"99001", 1.0}, {"12345", 1.0}};
  const ProjectCharge c = charge_project(t.ledger, law(), unknown, ChargeLevel::scot, PeneStatus::not_pene);
  EXPECT_EQ(c.unknown_communes, (std::vector<std::string>{"12345"}));
  EXPECT_TRUE(std::isnan(c.binding_share));
  const CommunePart negative[] = {{"99001", -1.0}};
  EXPECT_THROW((void)charge_project(t.ledger, law(), negative, ChargeLevel::scot, PeneStatus::not_pene), Error);
}

TEST(ChargeProject, NothingLeftIsAnInfiniteShare) {
  Tree t = tree();
  Scenario s;
  s.name = "full";
  s.projects.push_back({"p", "99006", "", 7.5, 2025, false, "gigafactory"});  // S2 has 7 ha
  const Ledger full = build_ledger(read_hierarchy(t.path), t.book, law(), &s);
  const CommunePart part[] = {{"99007", 0.5}};
  const ProjectCharge c = charge_project(full, law(), part, ChargeLevel::scot, PeneStatus::not_pene);
  EXPECT_NEAR(c.territories[0].remaining_before_ha, -0.5, eps);
  EXPECT_TRUE(std::isinf(c.binding_share));
}
