#include "zanplan/regime.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "support/temporary.hpp"

#include "zanplan/error.hpp"

using namespace zanplan;

namespace {
const std::filesystem::path law = ZANPLAN_DATA_DIR "/regimes/climat-resilience-2023.toml";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The law's file with one edit applied, written to a temporary file.
std::filesystem::path edited(const std::string& from, const std::string& to) {
  std::string text = read(law);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  auto path = zanplan::test_support::temporary("zanplan_regime_edit.toml");
  std::ofstream(path) << text;
  return path;
}

Error load_error(const std::filesystem::path& p) {
  try {
    (void)load_regime(p);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a config error";
  return Error(ErrorKind::internal, "none");
}
}  // namespace

TEST(Regime, TheLawInForceHasTheStatutoryFigures) {
  const auto regime = load_regime(law);
  EXPECT_EQ(regime.status, "law");
  EXPECT_EQ(regime.reference_period.first_year, 2011);
  EXPECT_EQ(regime.reference_period.last_year, 2020);
  EXPECT_EQ(regime.first_tranche.first_year, 2021);
  EXPECT_DOUBLE_EQ(regime.national_reduction_pct, 50.0);
  EXPECT_DOUBLE_EQ(regime.communal_guarantee_ha, 1.0);
  EXPECT_DOUBLE_EQ(regime.pene_national_forfait_ha, 12500.0);
  EXPECT_DOUBLE_EQ(regime.pene_pooled_among_regions_ha, 10000.0);
  EXPECT_DOUBLE_EQ(regime.pene_sdrif_sar_padduc_ha, 2500.0);
  EXPECT_DOUBLE_EQ(*regime.sraddet_region_minimum_pct, 54.5);
  EXPECT_DOUBLE_EQ(regime.commune_nouvelle_extra_ha, 0.5);
  EXPECT_DOUBLE_EQ(regime.commune_nouvelle_cap_ha, 2.0);
  EXPECT_EQ(regime.guarantee_documents_before, (Date{2026, 8, 22}));
  EXPECT_TRUE(regime.guarantee_poolable_at_epci);
  EXPECT_EQ(regime.charge_level, ChargeLevel::scot);
  EXPECT_EQ(regime.net_zero_year, 2050);
  EXPECT_FALSE(regime.industry_exempt_from_local_envelopes);
}

TEST(Regime, TheTraceBillIsLabelledAsABill) {
  const auto regime = load_regime(ZANPLAN_DATA_DIR "/regimes/trace-proposal-2025.toml");
  EXPECT_EQ(regime.status, "bill");
  EXPECT_TRUE(regime.is_proposal());
  EXPECT_NE(regime.name.find("bill, not law"), std::string::npos) << regime.name;
  EXPECT_TRUE(regime.industry_exempt_from_local_envelopes);
  EXPECT_EQ(regime.net_artificialisation_from, 2034);  // first milestone of the bill
}

TEST(Regime, ChargeLevelsParse) {
  EXPECT_EQ(parse_charge_level("plui"), ChargeLevel::epci);
  EXPECT_EQ(parse_charge_level("scot"), ChargeLevel::scot);
  EXPECT_FALSE(parse_charge_level("region"));
  EXPECT_EQ(charge_level_name(ChargeLevel::commune), "commune");
}

TEST(Regime, ErrorsNameTheKeyAndLine) {
  auto e = load_error(edited("percent = 50.0", "percent = 150.0"));
  EXPECT_EQ(e.context().key, "national_reduction.percent");
  EXPECT_TRUE(e.context().line.has_value());

  e = load_error(edited("hectares = 1.0\n", "hectares = 1.0\nhectars = 2\n"));
  EXPECT_EQ(e.context().key, "communal_guarantee.hectars");

  e = load_error(edited("source = \"Loi n° 2021-1104, art. 191: halve", "sauce = \"x"));
  EXPECT_EQ(e.context().key, "national_reduction.sauce");

  e = load_error(edited("last_year = 2020", "last_year = 2009"));
  EXPECT_EQ(e.context().key, "reference_period.last_year");

  e = load_error(edited("status = \"law\"", "status = \"rumour\""));
  EXPECT_EQ(e.context().key, "status");

  e = load_error(edited("level = \"scot\"", "level = \"region\""));
  EXPECT_EQ(e.context().key, "charging.level");
  EXPECT_TRUE(e.context().line.has_value());

  e = load_error(edited("documents_before = \"2026-08-22\"", "documents_before = \"2026-02-30\""));
  EXPECT_EQ(e.context().key, "communal_guarantee.documents_before");

  e = load_error(edited("sdrif_sar_padduc_hectares = 2500.0", "sdrif_sar_padduc_hectares = 3000.0"));
  EXPECT_EQ(e.context().key, "pene.sdrif_sar_padduc_hectares");

  e = load_error(edited("commune_nouvelle_cap_hectares = 2.0", "commune_nouvelle_cap_hectares = 0.5"));
  EXPECT_EQ(e.context().key, "communal_guarantee.commune_nouvelle_cap_hectares");
}
