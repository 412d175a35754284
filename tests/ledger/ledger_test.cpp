// The ledger without and with a scenario on the hand-worked five-commune territory
// (tests/ledger/tiny_workspace.hpp).
#include "zanplan/ledger.hpp"

#include <gtest/gtest.h>

#include "tiny_workspace.hpp"

using namespace zanplan;
using zanplan::testing::law;
using zanplan::testing::tiny_workspace;

namespace {

constexpr double eps = 1e-9;

Ledger base_ledger() {
  static const auto path = tiny_workspace("base");
  return build_ledger(read_hierarchy(path), commune_envelopes(path, law()), law());
}

std::map<std::string, std::string> group_by(Level level) {
  std::map<std::string, std::string> groups;
  for (const auto& c : zanplan::testing::tiny_communes) {
    switch (level) {
      case Level::epci:
        groups[c.code] = c.epci;
        break;
      case Level::scot:
        groups[c.code] = c.scot;
        break;
      case Level::departement:
        groups[c.code] = c.departement;
        break;
      default:
        groups[c.code] = "99";
        break;
    }
  }
  return groups;
}

}  // namespace

TEST(Ledger, HierarchyListsCommunesWithoutScot) {
  const auto h = read_hierarchy(tiny_workspace("hierarchy"));
  EXPECT_EQ(h.communes.size(), 5U);
  EXPECT_EQ(h.communes_without_scot, (std::vector<std::string>{"99004", "99005"}));
  EXPECT_EQ(h.territory_of("99003", Level::departement), "92");
  EXPECT_EQ(h.territory_of("99003", Level::region), "99");
  EXPECT_TRUE(h.contains({Level::epci, "E3"}));
  EXPECT_FALSE(h.contains({Level::scot, "S9"}));
}

TEST(Ledger, CommuneRowsAndGuarantee) {
  const Ledger ledger = base_ledger();
  const LedgerRow* a = ledger.find(Level::commune, "99001");
  ASSERT_NE(a, nullptr);
  EXPECT_NEAR(a->envelope_ha, 15.6, eps);  // 16 × 0.975: its part of 99003's guarantee
  EXPECT_NEAR(a->remaining_ha, 7.6, eps);
  EXPECT_EQ(a->target_source, "SCOT_S1");
  EXPECT_EQ(a->status, BudgetStatus::within);
  // 1 ha × (1 − 60 %) = 0.4 ha, raised to the 1 ha guarantee inside S1; 0.2 ha consumed.
  const LedgerRow* c = ledger.find(Level::commune, "99003");
  EXPECT_EQ(c->guarantee_communes, 1U);
  EXPECT_DOUBLE_EQ(c->envelope_ha, 1.0);
  EXPECT_NEAR(c->remaining_ha, 0.8, eps);
  EXPECT_EQ(ledger.find(Level::commune, "99005")->target_source, "REGION_99");
}

TEST(Ledger, ParentTargetsAreOwnOrInherited) {
  const Ledger ledger = base_ledger();
  const LedgerRow* e1 = ledger.find(Level::epci, "E1");  // no own target; both communes in S1
  EXPECT_EQ(e1->target_source, "SCOT_S1");
  EXPECT_TRUE(e1->target_inherited);
  EXPECT_DOUBLE_EQ(e1->reduction_pct, 60.0);
  const LedgerRow* e2 = ledger.find(Level::epci, "E2");
  EXPECT_EQ(e2->target_source, "EPCI_E2");
  EXPECT_FALSE(e2->target_inherited);
  const LedgerRow* e3 = ledger.find(Level::epci, "E3");  // no target, no SCoT → region
  EXPECT_EQ(e3->target_source, "REGION_99");
  EXPECT_TRUE(e3->target_inherited);
  EXPECT_EQ(ledger.find(Level::departement, "92")->target_source, "REGION_99");
  EXPECT_TRUE(ledger.find(Level::departement, "92")->target_inherited);
  EXPECT_FALSE(ledger.find(Level::region, "99")->target_inherited);
  EXPECT_FALSE(ledger.find(Level::scot, "S1")->target_inherited);
}

TEST(Ledger, ParentFiguresHandWorked) {
  const Ledger ledger = base_ledger();
  // E1 = 99001 + 99002: envelope 15.6 + 7.8, consumed 8 + 4.
  EXPECT_NEAR(ledger.find(Level::epci, "E1")->envelope_ha, 23.4, eps);
  EXPECT_NEAR(ledger.find(Level::epci, "E1")->remaining_ha, 11.4, eps);
  // E2 = 99003 + 99004: 1 + 7, consumed 0.2 + 2, one guaranteed commune.
  EXPECT_NEAR(ledger.find(Level::epci, "E2")->envelope_ha, 8.0, eps);
  EXPECT_NEAR(ledger.find(Level::epci, "E2")->remaining_ha, 5.8, eps);
  EXPECT_EQ(ledger.find(Level::epci, "E2")->guarantee_communes, 1U);
  // S1 = 99001..99003 only: 61 ha × 40 % = 24.4, the guarantee inside; 99004, 99005 are in no SCoT.
  EXPECT_NEAR(ledger.find(Level::scot, "S1")->envelope_ha, 24.4, eps);
  EXPECT_EQ(ledger.rows.at(Level::scot).size(), 1U);
  EXPECT_EQ(ledger.communes_without_scot.size(), 2U);
  // Département 92 = 99003..99005: 1 + 7 + 15 = 23, consumed 8.2.
  EXPECT_NEAR(ledger.find(Level::departement, "92")->envelope_ha, 23.0, eps);
  EXPECT_NEAR(ledger.find(Level::departement, "92")->remaining_ha, 14.8, eps);
  // Region: 101 ha × 50 % = 50.5 ha (46.4 ha in its territories, 4.1 ha unallocated), 20.2 consumed.
  const LedgerRow* region = ledger.find(Level::region, "99");
  EXPECT_NEAR(region->envelope_ha, 50.5, eps);
  EXPECT_NEAR(region->unallocated_ha, 4.1, eps);
  EXPECT_NEAR(region->reference_ha, 101.0, eps);
  EXPECT_NEAR(region->remaining_ha, 30.3, eps);
  EXPECT_EQ(region->communes, 5U);
}

TEST(Ledger, PeneProjectIsNotChargedLocally) {
  const auto path = tiny_workspace("pene");
  Scenario s;
  s.name = "s";
  s.projects.push_back({"giga", "99005", "", 20.0, 2026, true, "gigafactory"});
  s.projects.push_back({"plant", "99001", "", 7.0, 2025, false, "gigafactory"});
  const Ledger ledger = build_ledger(read_hierarchy(path), commune_envelopes(path, law()), law(), &s);
  const LedgerRow* pene_commune = ledger.find(Level::commune, "99005");
  EXPECT_DOUBLE_EQ(pene_commune->committed_ha, 0.0);
  EXPECT_NEAR(pene_commune->remaining_ha, 9.0, eps);
  EXPECT_DOUBLE_EQ(pene_commune->pene_ha, 20.0);
  ASSERT_EQ(ledger.pene_projects.size(), 1U);
  EXPECT_EQ(ledger.pene_projects[0].id, "giga");
  EXPECT_DOUBLE_EQ(ledger.pene_total_ha, 20.0);
  EXPECT_DOUBLE_EQ(ledger.pene_forfait_ha, 12'500.0);
  // 15.6 − 8 − 7 = 0.6 ha left, under 10 % of 15.6 ha: tight.
  const LedgerRow* charged = ledger.find(Level::commune, "99001");
  EXPECT_NEAR(charged->remaining_ha, 0.6, eps);
  EXPECT_EQ(charged->status, BudgetStatus::tight);
  EXPECT_NEAR(ledger.find(Level::region, "99")->remaining_ha, 23.3, eps);
  // 99004 (5 ha left) goes over with a 6 ha project.
  s.projects.push_back({"dc", "99004", "", 6.0, 2027, false, "datacenter"});
  const Ledger over = build_ledger(read_hierarchy(path), commune_envelopes(path, law()), law(), &s);
  EXPECT_EQ(over.find(Level::commune, "99004")->status, BudgetStatus::over);
  EXPECT_NEAR(over.find(Level::commune, "99004")->remaining_ha, -1.0, eps);
}

TEST(Ledger, RollUpEqualsSumOfCommunesPlusReserve) {
  const auto path = tiny_workspace("rollup");
  Scenario s;
  s.name = "s";
  s.projects.push_back({"p", "99002", "", 1.5, 2024, false, "datacenter"});
  s.reserves[{Level::region, "99"}] = 10.0;
  s.reserves[{Level::epci, "E2"}] = 2.0;
  s.transfers.push_back({{Level::commune, "99001"}, "99002", 3.0, "", "t", ""});
  s.transfers.push_back({{Level::region, "99"}, "99005", 4.0, "", "t", ""});
  const Ledger ledger = build_ledger(read_hierarchy(path), commune_envelopes(path, law()), law(), &s);
  for (Level level : {Level::epci, Level::scot, Level::departement, Level::region}) {
    zanplan::testing::expect_rollup(ledger, level, group_by(level), &s);
  }
  // By hand: region envelope 50.5 + 10 reserve; remaining 30.3 − 1.5 + 10 (the 4 ha moved from
  // the reserve to 99005 stays inside the region).
  const LedgerRow* region = ledger.find(Level::region, "99");
  EXPECT_NEAR(region->envelope_ha, 60.5, eps);
  EXPECT_NEAR(region->reserve_ha, 10.0, eps);
  EXPECT_NEAR(region->remaining_ha, 38.8, eps);
  EXPECT_NEAR(ledger.find(Level::commune, "99005")->remaining_ha, 13.0, eps);
  EXPECT_NEAR(ledger.find(Level::epci, "E2")->remaining_ha, 7.8, eps);
}

TEST(Ledger, LevelsAndTerritoriesParse) {
  EXPECT_EQ(parse_level("scot"), Level::scot);
  EXPECT_EQ(parse_level("département"), Level::departement);
  try {
    (void)parse_level("canton", "--level");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_EQ(e.context().key, "--level");
  }
  EXPECT_EQ(parse_territory("epci:200041630", "from"), (TerritoryRef{Level::epci, "200041630"}));
  EXPECT_EQ(parse_territory("59350", "from"), (TerritoryRef{Level::commune, "59350"}));
  EXPECT_EQ((TerritoryRef{Level::scot, "S1"}).text(), "scot:S1");
}

TEST(Ledger, ReplayRejectsGapsAndBrokenPayloads) {
  std::vector<ScenarioEvent> events{
      {"s", 1, "create", R"({"name":"s","regime":"r","description":""})", "a", "t"},
      {"s", 3, "reserve", R"({"territory":"region:99","hectares":1})", "a", "t"},
  };
  try {
    (void)replay(events);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::workspace);
    EXPECT_EQ(e.context().feature, 3);
  }
  events[1] = {"s", 2, "reserve", R"({"territory":"region:99","hectares":)", "a", "t"};
  EXPECT_THROW((void)replay(events), Error);
  events[1] = {"s", 2, "reserve", R"({"territory":"region:99"})", "a", "t"};
  try {
    (void)replay(events);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("hectares"), std::string::npos) << e.message();
  }
  events[1] = {"s", 2, "reserve", R"({"territory":"region:99","hectares":2.5})", "a", "t"};
  // A project without the later "industrial" field replays as not industrial.
  events.push_back(
      {"s", 3, "project",
       R"({"id":"p","commune":"99001","site":"","enaf_ha":1.5,"year":2025,"pene":false,"profile":""})", "a",
       "t"});
  const Scenario s = replay(events);
  ASSERT_EQ(s.projects.size(), 1U);
  EXPECT_FALSE(s.projects[0].industrial);
  EXPECT_DOUBLE_EQ(s.projects[0].enaf_ha, 1.5);
  EXPECT_EQ(s.regime_id, "r");
  EXPECT_DOUBLE_EQ(s.reserves.at({Level::region, "99"}), 2.5);
  EXPECT_EQ(s.event_count, 3U);
}

TEST(Ledger, IndustryIsExemptOnlyUnderARegimeThatSaysSo) {
  const auto path = tiny_workspace("industry");
  Scenario s;
  s.name = "s";
  Project plant{"plant", "99005", "", 4.0, 2026, false, "gigafactory"};
  plant.industrial = true;
  s.projects.push_back(plant);
  s.projects.push_back({"dc", "99005", "", 2.0, 2026, false, "datacenter"});  // not industrial

  // Law in force: both charged, 9 − 4 − 2 = 3 ha left.
  const Ledger in_force = build_ledger(read_hierarchy(path), commune_envelopes(path, law()), law(), &s);
  EXPECT_NEAR(in_force.find(Level::commune, "99005")->remaining_ha, 3.0, eps);
  EXPECT_TRUE(in_force.exempt_projects.empty());

  // TRACE proposal: the industrial 4 ha are listed, not charged; 9 − 2 = 7 ha left.
  const auto trace = load_regime(ZANPLAN_DATA_DIR "/regimes/trace-proposal-2025.toml");
  ASSERT_TRUE(trace.industry_exempt_from_local_envelopes);
  const Ledger proposal = build_ledger(read_hierarchy(path), commune_envelopes(path, trace), trace, &s);
  const LedgerRow* commune = proposal.find(Level::commune, "99005");
  EXPECT_NEAR(commune->remaining_ha, 7.0, eps);
  EXPECT_DOUBLE_EQ(commune->committed_ha, 2.0);
  EXPECT_DOUBLE_EQ(commune->exempt_ha, 4.0);
  EXPECT_DOUBLE_EQ(proposal.find(Level::epci, "E3")->exempt_ha, 4.0);
  ASSERT_EQ(proposal.exempt_projects.size(), 1U);
  EXPECT_EQ(proposal.exempt_projects[0].id, "plant");
  EXPECT_TRUE(proposal.regime_is_proposal);
}
