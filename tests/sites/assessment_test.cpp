// Assessment worked by hand: envelopes, ZAN shares, exclusions, PENE and the weighted score,
// on a five-parcel workspace and a small profile written in the test.
#include "zanplan/assessment.hpp"

#include <cmath>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "support/temporary.hpp"

#include "workspace/builder.hpp"
#include "zanplan/envelope.hpp"
#include "zanplan/error.hpp"
#include "zanplan/ledger.hpp"

using namespace zanplan;

namespace {

constexpr double X0 = 600'000, Y0 = 6'900'000;


std::string rect(double x1, double y1, double x2, double y2) {
  auto c = [](double x, double y) { return std::to_string(X0 + x) + " " + std::to_string(Y0 + y); };
  return "POLYGON ((" + c(x1, y1) + "," + c(x2, y1) + "," + c(x2, y2) + "," + c(x1, y2) + "," + c(x1, y1) + "))";
}

void add(OGRLayer& layer, const std::string& wkt, const std::vector<std::pair<const char*, std::string>>& fields) {
  OGRFeature f(layer.GetLayerDefn());
  if (!wkt.empty()) {
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
    f.SetGeometryDirectly(g);
  }
  for (const auto& [k, v] : fields) f.SetField(k, v.c_str());
  workspace::add_feature(layer, f);
}

// Parcel i sits 100 km from the others, a 1000 m × 100 m strip (10 ha) with its own 225 kV
// substation `substation_m` east of its east edge.
struct ParcelSpec {
  const char* id;
  const char* commune;
  const char* land_class;
  double enaf_ha;
  double substation_m;
  double length_m = 1000;
};

const ParcelSpec parcels[] = {
    {"A", "99001", "enaf", 2.0, 2000},        // share 2 / 3 ha
    {"B", "99002", "enaf", 8.0, 4000},        // 8 ha > 6 ha left: over the envelope unless PENE
    {"C", "99002", "brownfield", 0.0, 1000},  // no ENAF
    {"D", "99001", "artificialised", 0.0, 500},
    {"E", "99001", "enaf", 1.0, 500, 100},    // 1 ha: outside the 5–50 ha range
};

std::filesystem::path build_workspace() {
  const auto path = zanplan::test_support::temporary("zanplan_assessment_test.gpkg");
  workspace::Builder b(path, "99", "Testland");
  auto& communes = b.create_layer("communes", wkbNone, {{"code"}, {"nom"}, {"scot_id"}, {"epci_siren"}, {"departement"}});
  // Both communes in EPCI E1 (no EPCI target: the region's applies), so they may trade hectares.
  add(communes, "", {{"code", "99001"}, {"nom", "Alpha"}, {"scot_id", ""}, {"epci_siren", "E1"}, {"departement", "99"}});
  add(communes, "", {{"code", "99002"}, {"nom", "Beta"}, {"scot_id", ""}, {"epci_siren", "E1"}, {"departement", "99"}});
  auto& targets = b.create_layer("zan_targets", wkbNone,
                                 {{"territory_key"}, {"level"}, {"territory_id"}, {"reduction_pct", OFTReal},
                                  {"mapped", OFTInteger}, {"scot_id"}});
  add(targets, "", {{"territory_key", "REGION_99"}, {"level", "region"}, {"territory_id", "99"},
                    {"reduction_pct", "50"}, {"mapped", "1"}, {"scot_id", ""}});
  std::vector<workspace::FieldSpec> fields{{"idcom"}};
  for (int y = 2009; y <= 2022; ++y) fields.push_back({cerema_naf_column(y), OFTReal});
  auto& conso = b.create_layer("enaf_consumption", wkbNone, fields);
  // 99001: 1 ha a year → reference 10 ha, envelope 5 ha, consumed 2 ha, 3 ha left.
  // 99002: 2 ha a year → reference 20 ha, envelope 10 ha, consumed 4 ha, 6 ha left.
  for (const auto& [code, per_year] : {std::pair{"99001", 10'000.0}, std::pair{"99002", 20'000.0}}) {
    OGRFeature f(conso.GetLayerDefn());
    f.SetField("idcom", code);
    for (int y = 2009; y <= 2022; ++y) f.SetField(cerema_naf_column(y).c_str(), per_year);
    workspace::add_feature(conso, f);
  }
  auto& parcel_layer = b.create_layer("parcels", wkbPolygon,
                                      {{"id"}, {"commune"}, {"area_m2", OFTReal}, {"land_class"}, {"enaf_m2", OFTReal},
                                       {"synthetic", OFTInteger}});
  auto& subs = b.create_layer("substations", wkbPoint,
                              {{"code"}, {"nom"}, {"tension_kv", OFTInteger}, {"connectable", OFTInteger}});
  double base = 0;
  for (const auto& p : parcels) {
    add(parcel_layer, rect(base, 0, base + p.length_m, 100),
        {{"id", p.id}, {"commune", p.commune}, {"area_m2", std::to_string(p.length_m * 100)}, {"land_class", p.land_class},
         {"enaf_m2", std::to_string(p.enaf_ha * 10'000)}, {"synthetic", "1"}});
    add(subs, "POINT (" + std::to_string(X0 + base + p.length_m + p.substation_m) + " " + std::to_string(Y0 + 50) + ")",
        {{"code", std::string("S") + p.id}, {"nom", std::string("Sub ") + p.id}, {"tension_kv", "225"}, {"connectable", "1"}});
    base += 100'000;
  }
  b.create_layer("rail_points", wkbPoint, {{"code_uic"}, {"libelle"}, {"fret", OFTInteger}});
  b.create_layer("ports", wkbPoint, {{"ne_id"}, {"name"}});
  b.create_layer("motorway_access", wkbPoint, {{"route"}, {"pr"}});
  b.record({.layer = "parcels", .provenance = "synthetic", .source_file = "t", .source = "t", .licence = "t", .notes = ""});
  b.commit();
  return path;
}

std::filesystem::path write_profile() {
  const auto path = zanplan::test_support::temporary("zanplan_assessment_profile.toml");
  std::ofstream(path) << R"(name = "testsite"
description = "hand-worked test profile"
[area]
min_ha = 5.0
max_ha = 50.0
[power]
need_mw = 100.0
min_voltage_kv = 63
max_connection_km = 10.0
[pene]
eligible = true
default = false
[[connection_cost]]
voltage_kv = 225
eur_per_km = 1_000_000.0
bay_eur = 2_000_000.0
[criteria.power_distance_km]
function = "linear"
ideal = 0.0
unacceptable = 10.0
[criteria.enaf_ha]
function = "linear"
ideal = 0.0
unacceptable = 20.0
[criteria.envelope_share]
function = "linear"
ideal = 0.0
unacceptable = 1.0
[weights]
power_distance_km = 0.5
enaf_ha = 0.25
envelope_share = 0.25
[ranking]
method = "weighted_sum"
top_k = 2
[sensitivity]
runs = 50
sigma = 0.2
seed = 3
)";
  return path;
}

const AssessedSite& site(const Assessment& a, const std::string& id) {
  for (const auto& s : a.sites) if (s.facts.id == id) return s;
  throw std::runtime_error("no site " + id);
}

AssessmentOptions options(bool pene) {
  AssessmentOptions o;
  o.workspace = build_workspace();
  o.profile = scoring::load_profile(write_profile());
  o.regime = load_regime(ZANPLAN_DATA_DIR "/regimes/climat-resilience-2023.toml");
  // The hand-worked figures below are commune envelopes: charge at commune level (the law
  // in force charges the SCoT; tests/ledger/charge_test.cpp covers the levels).
  o.regime.charge_level = ChargeLevel::commune;
  o.pene = pene;
  return o;
}

}  // namespace

TEST(Assessment, HandWorkedSharesExclusionsAndScores) {
  const Assessment a = assess_sites(options(false));
  EXPECT_EQ(a.candidates_total, 5U);
  EXPECT_EQ(a.outside_area_range, 1U);  // E
  ASSERT_EQ(a.sites.size(), 4U);
  EXPECT_EQ(a.ranked, 2U);
  EXPECT_EQ(a.synthetic_layers, std::vector<std::string>{"parcels"});

  // C: power 1 − 1/10 = 0.9, ENAF 1, share 1 → 0.5·0.9 + 0.25 + 0.25 = 0.95, first.
  const auto& c = site(a, "C");
  EXPECT_NEAR(c.ranking.score, 0.95, 1e-12);
  EXPECT_EQ(c.ranking.rank, 1U);
  EXPECT_NEAR(c.ranking.connection_cost_eur, 1e6 * 1.0 + 2e6, 1e-6);

  // A: 2 ha of the 3 ha left in 99001 → share 2/3; power 0.8, ENAF 0.9, share 1/3
  // → 0.4 + 0.225 + 0.08333… = 0.708333…
  const auto& s = site(a, "A");
  EXPECT_NEAR(s.zan.envelope_ha, 5.0, 1e-9);
  EXPECT_NEAR(s.zan.remaining_ha, 3.0, 1e-9);
  EXPECT_NEAR(s.zan.share, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(s.zan.charged_to, "commune 99001");
  EXPECT_NEAR(s.ranking.score, 0.4 + 0.225 + 0.25 / 3.0, 1e-12);
  EXPECT_EQ(s.ranking.rank, 2U);

  using scoring::Exclusion;
  using scoring::ExclusionCode;
  EXPECT_EQ(site(a, "B").ranking.exclusion, (Exclusion{ExclusionCode::over_envelope, "commune 99002: 8.0 ha of ENAF, 6.0 ha left"}));
  EXPECT_EQ(site(a, "D").ranking.exclusion, (Exclusion{ExclusionCode::built_up_land, ""}));
  EXPECT_EQ(a.exclusions.at(ExclusionCode::over_envelope), 1U);
  EXPECT_EQ(a.exclusions.at(ExclusionCode::outside_area_range), 1U);
}

TEST(Assessment, PeneChargesTheNationalForfaitInstead) {
  const Assessment a = assess_sites(options(true));
  EXPECT_EQ(a.ranked, 3U);
  const auto& b = site(a, "B");
  EXPECT_FALSE(b.ranking.exclusion.has_value());
  EXPECT_FALSE(b.zan.local);
  // --pene on a site is an assumption, not an annex I listing: flagged as such.
  EXPECT_EQ(b.zan.charged_to, "PENE national forfait (ASSUMED PENE (not checked against annex I))");
  EXPECT_EQ(b.zan.detail.pene, PeneStatus::assumed);
  // power 1 − 4/10 = 0.6, ENAF 1 − 8/20 = 0.6, share 0 → 0.3 + 0.15 + 0.25 = 0.70.
  EXPECT_NEAR(b.ranking.score, 0.70, 1e-12);
  // A's share is 0 too now: 0.4 + 0.225 + 0.25 = 0.875.
  EXPECT_NEAR(site(a, "A").ranking.score, 0.875, 1e-12);
}

TEST(Assessment, PeneNeedsAnEligibleProfile) {
  auto o = options(true);
  o.profile.pene_eligible = false;
  try {
    (void)assess_sites(o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_EQ(e.context().key, "pene_eligible");
  }
}

TEST(Assessment, AScenarioTransferChangesTheShare) {
  auto o = options(false);
  ScenarioStore store(o.workspace, [&](const std::string&) { return o.regime; });
  store.create("pool", o.regime.id, "EPCI pools 2 ha into Alpha", "test");
  store.transfer("pool", {.from = {Level::commune, "99002"}, .to = "99001", .hectares = 2.0,
                          .reason = "site A", .author = "test", .time = "2026-11-26T00:00:00Z"});
  o.scenario = "pool";
  const Assessment a = assess_sites(o);
  EXPECT_EQ(a.scenario, "pool");
  // Alpha now has 3 + 2 = 5 ha left: A's share 2/5 → 0.4 + 0.225 + 0.25 × 0.6 = 0.775.
  const auto& s = site(a, "A");
  EXPECT_NEAR(s.zan.remaining_ha, 5.0, 1e-9);
  EXPECT_NEAR(s.ranking.score, 0.775, 1e-12);
  // Beta has 6 − 2 = 4 ha left: B still over.
  EXPECT_EQ(site(a, "B").ranking.exclusion,
            (scoring::Exclusion{scoring::ExclusionCode::over_envelope, "commune 99002: 8.0 ha of ENAF, 4.0 ha left"}));
}

TEST(Assessment, AnUnknownScenarioIsNamed) {
  auto o = options(false);
  o.scenario = "nope";
  try {
    (void)assess_sites(o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.describe().find("nope"), std::string::npos);
  }
}

// The ledger's yearly trajectory on the same workspace, by hand: both communes consume
// 1 + 2 = 3 ha a year; envelopes 5 + 10 = 15 ha → 1.5 ha a year in 2021–2030, then a straight
// path to 0 in 2050 (0.75 ha in 2040).
TEST(Trajectory, RegionActualAndAllowedByHand) {
  auto o = options(false);
  const Hierarchy hierarchy = read_hierarchy(o.workspace);
  const Ledger ledger = build_ledger(hierarchy, commune_envelopes(o.workspace, o.regime), o.regime);
  const Trajectory t = build_trajectory(o.workspace, hierarchy, ledger, o.regime, Level::region, "");
  ASSERT_EQ(t.years.front().year, 2009);
  ASSERT_EQ(t.years.back().year, 2050);
  auto year = [&](int y) { return t.years.at(static_cast<std::size_t>(y - 2009)); };
  EXPECT_NEAR(*year(2015).actual_ha, 3.0, 1e-9);
  EXPECT_FALSE(year(2015).allowed_ha.has_value());
  EXPECT_EQ(year(2015).period, "reference");
  EXPECT_NEAR(*year(2021).allowed_ha, 1.5, 1e-9);
  EXPECT_NEAR(*year(2030).allowed_ha, 1.5, 1e-9);
  EXPECT_NEAR(*year(2040).allowed_ha, 0.75, 1e-9);
  EXPECT_NEAR(*year(2050).allowed_ha, 0.0, 1e-9);
  EXPECT_FALSE(year(2023).actual_ha.has_value());  // the file ends on 1 Jan 2023
  EXPECT_THROW((void)build_trajectory(o.workspace, hierarchy, ledger, o.regime, Level::epci, "E9"), Error);
}

TEST(Assessment, FactsMeasuredBeforehandGiveTheSameAssessment) {
  AssessmentOptions o = options(false);
  const Assessment measured_here = assess_sites(o);
  o.measured_facts = std::make_shared<const MeasuredSites>(gather_site_facts(o.workspace, site_query_for(o.profile)));
  const Assessment reused = assess_sites(o);
  ASSERT_EQ(reused.sites.size(), measured_here.sites.size());
  for (std::size_t i = 0; i < reused.sites.size(); ++i) {
    EXPECT_EQ(reused.sites[i].facts.id, measured_here.sites[i].facts.id);
    EXPECT_EQ(reused.sites[i].ranking.rank, measured_here.sites[i].ranking.rank);
    EXPECT_EQ(reused.sites[i].ranking.exclusion, measured_here.sites[i].ranking.exclusion);
    const double a = reused.sites[i].ranking.score, b = measured_here.sites[i].ranking.score;
    EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b) << a << " vs " << b;  // bit for bit
  }
  // Profiles that measure alike share the key; another voltage or area range does not.
  scoring::Profile other = o.profile;
  other.weights.front().weight += 0;  // weights do not enter the key
  EXPECT_EQ(site_query_key(other), site_query_key(o.profile));
  other.min_voltage_kv += 1;
  EXPECT_NE(site_query_key(other), site_query_key(o.profile));
  other = o.profile;
  other.max_ha += 1;
  EXPECT_NE(site_query_key(other), site_query_key(o.profile));
}

// The export table of the hand-worked assessment: exclusions as a code and a detail, every
// real column rounded to its quantity's decimals (the table written out here), every
// column named in French for QGIS.
TEST(Assessment, ExportTableCarriesExclusionCodesPrecisionsAndAliases) {
  const AssessmentOptions o = options(false);
  const Assessment a = assess_sites(o);
  const ExportTable table = assessment_table(a, o.profile);
  auto column = [&](const std::string& name) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].name == name) return c;
    }
    ADD_FAILURE() << "no column " << name;
    return std::size_t{0};
  };
  const std::size_t id = column("id"), code = column("excluded_code"), detail = column("excluded_detail");
  std::map<std::string, std::pair<Value, Value>> exclusion_of;
  for (const auto& row : table.rows) exclusion_of[std::get<std::string>(row[id])] = {row[code], row[detail]};
  const Value na{std::monostate{}};
  EXPECT_EQ(exclusion_of.at("B"), (std::pair<Value, Value>{std::string("over_envelope"),
                                                          std::string("commune 99002: 8.0 ha of ENAF, 6.0 ha left")}));
  EXPECT_EQ(exclusion_of.at("D"), (std::pair<Value, Value>{std::string("built_up_land"), na}));
  EXPECT_EQ(exclusion_of.at("A"), (std::pair<Value, Value>{na, na}));

  for (const Column& c : table.columns) {
    EXPECT_FALSE(c.alias.empty()) << c.name;
    if (c.type != ColumnType::real) {
      EXPECT_EQ(c.decimals, -1) << c.name;
      continue;
    }
    const auto ends = [&](const std::string& suffix) {
      return c.name.size() > suffix.size() && c.name.compare(c.name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    int expected = -2;  // sub-scores first: s_power_distance_km is a score, not kilometres
    if (c.name.rfind("s_", 0) == 0 || c.name == "score" || c.name == "envelope_share" || c.name == "stability" ||
        c.name == "compactness") expected = 4;
    else if (ends("_ha")) expected = 2;
    else if (ends("_km")) expected = 3;
    else if (c.name == "connection_cost_meur") expected = 6;  // whole euros
    EXPECT_EQ(c.decimals, expected) << c.name;
  }
}
