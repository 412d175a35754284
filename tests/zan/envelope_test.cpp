// Hand-worked envelopes on a three-commune workspace built in the test.
#include "zanplan/envelope.hpp"

#include <gtest/gtest.h>

#include "support/temporary.hpp"

#include "workspace/builder.hpp"

using namespace zanplan;

namespace {

struct CommuneRow {
  const char* code;
  const char* scot;
  const char* epci;
  double naf_per_year_m2;  // same value every year 2009..2022
};

std::filesystem::path tiny_workspace() {
  const auto path = zanplan::test_support::temporary("zanplan_envelope_test.gpkg");
  workspace::Builder b(path, "99", "Testland");
  auto& communes = b.create_layer("communes", wkbNone, {{"code"}, {"nom"}, {"scot_id"}, {"epci_siren"}});
  const CommuneRow rows[] = {
      {"99001", "S1", "E1", 40'000},  // SCoT target 60 %
      {"99002", "", "E2", 20'000},    // EPCI target 25 %
      {"99003", "S9", "E9", 500},     // unmapped SCoT and EPCI: region target 54.47 %, guarantee
  };
  for (const auto& r : rows) {
    OGRFeature f(communes.GetLayerDefn());
    f.SetField("code", r.code);
    f.SetField("nom", r.code);
    f.SetField("scot_id", r.scot);
    f.SetField("epci_siren", r.epci);
    workspace::add_feature(communes, f);
  }
  auto& targets = b.create_layer("zan_targets", wkbNone,
                                 {{"territory_key"}, {"level"}, {"territory_id"}, {"reduction_pct", OFTReal},
                                  {"mapped", OFTInteger}, {"scot_id"}});
  auto target = [&](const char* key, const char* level, const char* id, double pct, int mapped, const char* scot) {
    OGRFeature f(targets.GetLayerDefn());
    f.SetField("territory_key", key);
    f.SetField("level", level);
    f.SetField("territory_id", id);
    f.SetField("reduction_pct", pct);
    f.SetField("mapped", mapped);
    f.SetField("scot_id", scot);
    workspace::add_feature(targets, f);
  };
  target("REGION_99", "region", "99", 54.47, 1, "");
  target("SCOT_1", "scot", "1", 60.0, 1, "S1");
  target("EPCI_E2", "epci", "E2", 25.0, 1, "");
  target("SCOT_9", "scot", "9", 10.0, 0, "");  // not joined: must be ignored
  std::vector<workspace::FieldSpec> fields{{"idcom"}};
  for (int y = 2009; y <= 2022; ++y) fields.push_back({cerema_naf_column(y), OFTReal});
  auto& conso = b.create_layer("enaf_consumption", wkbNone, fields);
  for (const auto& r : rows) {
    OGRFeature f(conso.GetLayerDefn());
    f.SetField("idcom", r.code);
    for (int y = 2009; y <= 2022; ++y) f.SetField(cerema_naf_column(y).c_str(), r.naf_per_year_m2);
    workspace::add_feature(conso, f);
  }
  b.record({.layer = "enaf_consumption", .provenance = "synthetic", .source_file = "t", .source = "t", .licence = "t", .notes = ""});
  b.commit();
  return path;
}

}  // namespace

TEST(Envelope, CeremaColumnNames) {
  EXPECT_EQ(cerema_naf_column(2011), "naf11art12");
  EXPECT_EQ(cerema_naf_column(2020), "naf20art21");
  EXPECT_EQ(cerema_naf_column(2009), "naf09art10");
}

TEST(Envelope, HandWorkedCommunes) {
  const auto regime = load_regime(ZANPLAN_DATA_DIR "/regimes/climat-resilience-2023.toml");
  const auto book = commune_envelopes(tiny_workspace(), regime);
  ASSERT_EQ(book.communes.size(), 3U);
  EXPECT_TRUE(book.consumption_is_synthetic);

  // 99001: 4 ha/year × 10 years = 40 ha; SCoT −60 % → 16 ha; consumed 2021, 2022 = 8 ha → 8 ha left.
  const auto& a = book.communes.at("99001");
  EXPECT_DOUBLE_EQ(a.reference_ha, 40.0);
  EXPECT_DOUBLE_EQ(a.reduction_pct, 60.0);
  EXPECT_EQ(a.target_source, "SCOT_1");
  EXPECT_NEAR(a.envelope_ha, 16.0, 1e-9);
  EXPECT_DOUBLE_EQ(a.consumed_ha, 8.0);
  EXPECT_EQ(a.consumed_through_year, 2022);
  EXPECT_NEAR(a.remaining_ha, 8.0, 1e-9);
  EXPECT_FALSE(a.guarantee_applied);

  // 99002: 2 ha/year → 20 ha; EPCI −25 % → 15 ha; consumed 4 ha → 11 ha.
  const auto& b = book.communes.at("99002");
  EXPECT_EQ(b.target_source, "EPCI_E2");
  EXPECT_NEAR(b.envelope_ha, 15.0, 1e-9);
  EXPECT_NEAR(b.remaining_ha, 11.0, 1e-9);

  // 99003: 0.05 ha/year → 0.5 ha; region −54.47 % → 0.22765 ha. Its planning status is not in
  // the workspace (no planning columns): unknown, so no guarantee; consumed 0.1 ha → 0.12765 ha.
  // The unmapped SCoT_9 target does not apply.
  const auto& c = book.communes.at("99003");
  EXPECT_EQ(c.target_source, "REGION_99");
  EXPECT_EQ(c.eligibility, GuaranteeEligibility::unknown);
  EXPECT_FALSE(c.guarantee_applied);
  EXPECT_NEAR(c.envelope_ha, 0.5 * (1 - 0.5447), 1e-9);
  EXPECT_NEAR(c.remaining_ha, 0.22765 - 0.1, 1e-9);

  // Region: 60.5 ha × (1 − 54.47 %) = 27.54065 ha; territories 16 + 15 + 0.22765 = 31.22765 ha,
  // so the published SCoT and EPCI targets commit 3.687 ha more than the regional one.
  EXPECT_NEAR(book.region_envelope_ha, 60.5 * (1 - 0.5447), 1e-9);
  EXPECT_NEAR(book.unallocated_ha, 60.5 * (1 - 0.5447) - 31.22765, 1e-9);
  EXPECT_EQ(book.scot_keys_published, 2U);
  EXPECT_EQ(book.scot_keys_joined, 1U);
}

TEST(Envelope, WithoutARegionalTargetTheSraddetMinimumApplies) {
  auto regime = load_regime(ZANPLAN_DATA_DIR "/regimes/climat-resilience-2023.toml");
  ASSERT_TRUE(regime.sraddet_region_minimum_pct);
  EXPECT_DOUBLE_EQ(regime.region_fallback_pct(), 54.5);
  regime.sraddet_region_minimum_pct.reset();
  EXPECT_DOUBLE_EQ(regime.region_fallback_pct(), 50.0);
}

TEST(Envelope, MissingLayerIsAWorkspaceError) {
  const auto regime = load_regime(ZANPLAN_DATA_DIR "/regimes/climat-resilience-2023.toml");
  const auto path = zanplan::test_support::temporary("zanplan_envelope_empty.gpkg");
  {
    workspace::Builder b(path, "99", "Testland");
    b.commit();
  }
  try {
    (void)commune_envelopes(path, regime);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::workspace);
    EXPECT_EQ(e.context().layer, "zan_targets");
  }
}
