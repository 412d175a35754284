// Roll-up consistency on the WHOLE demo region: the bundled real inputs with synthetic
// parcels and consumption at density 0.002, generated and imported once for the suite.
#include <algorithm>
#include <cmath>
#include <limits>
#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "ogr/handles.hpp"
#include "support/program.hpp"
#include "tiny_workspace.hpp"
#include "zanplan/import.hpp"
#include "zanplan/ledger.hpp"

namespace fs = std::filesystem;
using namespace zanplan;

namespace {

std::string read(const fs::path& p) { return test_support::read_file(p); }

struct Membership {
  std::map<Level, std::map<std::string, std::string>> group_of;  // level → commune → territory
  std::size_t without_scot = 0;
};

// Read with OGR straight from the communes layer, not through the ledger's hierarchy.
Membership read_membership(const fs::path& workspace, const std::string& region) {
  Membership m;
  auto dataset = ogr::open_vector(workspace.string());
  OGRLayer* communes = dataset->GetLayerByName("communes");
  for (auto& f : *communes) {
    const std::string code = f->GetFieldAsString("code");
    m.group_of[Level::epci][code] = f->GetFieldAsString("epci_siren");
    m.group_of[Level::scot][code] = f->GetFieldAsString("scot_id");
    m.group_of[Level::departement][code] = f->GetFieldAsString("departement");
    m.group_of[Level::region][code] = region;
    if (std::string(f->GetFieldAsString("scot_id")).empty()) ++m.without_scot;
  }
  return m;
}

class Region : public ::testing::Test {
 protected:
  static fs::path dir, workspace;

  static void SetUpTestSuite() {
    dir = fs::temp_directory_path() / ("zanplan_ledger_region_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path data = fs::path(ZANPLAN_DATA_DIR) / "region-32";
    std::string text = read(data / "sources.toml");
    text =
        std::regex_replace(text, std::regex("file = \"(real/|scot-|communal-)"), "file = \"" + data.string() + "/$1");
    const fs::path manifest = dir / "sources.toml";
    std::ofstream(manifest) << text;
    workspace = dir / "demo.gpkg";
    generate_synthetic_inputs({.sources = manifest, .seed = 7, .density = 0.002, .progress = {}});
    import_workspace({.sources = manifest, .output = workspace, .real_only = false, .progress = {}});
  }

  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

fs::path Region::dir;
fs::path Region::workspace;

}  // namespace

TEST_F(Region, EveryParentIsTheSumOfItsCommunesPlusItsReserve) {
  auto store = zanplan::testing::tiny_store(workspace);
  const Hierarchy& h = store.hierarchy();
  ASSERT_EQ(h.communes.size(), 3782U);  // as `zanplan info` reports for the demo region
  const Membership membership = read_membership(workspace, h.region_code);
  EXPECT_EQ(h.communes_without_scot.size(), membership.without_scot);

  // A scenario touching several levels: projects, a regional and an EPCI reserve, transfers.
  store.create("mix", "climat-resilience-2023", "roll-up test", "test");
  const auto& first = h.communes.begin()->second;
  std::string neighbour;  // another commune of the same EPCI
  for (const auto& [code, c] : h.communes) {
    if (c.epci == first.epci && code != first.code) neighbour = code;
  }
  ASSERT_FALSE(neighbour.empty());
  store.add_project("mix", {"a", first.code, "", 3.0, 2025, false, "gigafactory"}, "test");
  Project pene{"b", neighbour, "", 50.0, 2026, true, "gigafactory"};
  pene.pene_assumed = true;  // PENE only as listed or as an explicit assumption
  store.add_project("mix", pene, "test");
  store.set_reserve("mix", {{Level::region, h.region_code}, 100.0}, "test");
  store.set_reserve("mix", {{Level::epci, first.epci}, 5.0}, "test");
  store.transfer("mix", {{Level::region, h.region_code}, neighbour, 10.0, "regional project", "test", ""});
  store.transfer("mix", {{Level::epci, first.epci}, first.code, 2.5, "pooling", "test", ""});
  store.transfer("mix", {{Level::commune, neighbour}, first.code, 1.0, "swap", "test", ""});

  const Scenario scenario = store.load("mix");
  const Ledger ledger = store.ledger("mix");
  ASSERT_EQ(ledger.rows.at(Level::commune).size(), 3782U);
  for (Level level : {Level::epci, Level::scot, Level::departement, Level::region}) {
    zanplan::testing::expect_rollup(ledger, level, membership.group_of.at(level), &scenario);
  }

  // Each level partitions the region's communes (SCoT: with the communes in no SCoT), so its
  // envelopes add up to the region's, reserves aside.
  const LedgerRow* region = ledger.find(Level::region, h.region_code);
  ASSERT_NE(region, nullptr);
  // The region's envelope is the SRADDET's: its communes' plus the unallocated difference.
  const double communes_envelope = region->envelope_ha - region->reserve_ha - region->unallocated_ha;
  double outside_scot = 0;
  for (const auto& code : ledger.communes_without_scot)
    outside_scot += ledger.find(Level::commune, code)->envelope_ha;
  for (Level level : {Level::epci, Level::scot, Level::departement}) {
    double sum = 0;
    for (const auto& row : ledger.rows.at(level)) sum += row.envelope_ha - row.reserve_ha;
    if (level == Level::scot) sum += outside_scot;
    EXPECT_NEAR(sum, communes_envelope, 1e-6) << level_name(level);
  }
  EXPECT_EQ(ledger.rows.at(Level::departement).size(), 5U);  // 02, 59, 60, 62, 80
  EXPECT_DOUBLE_EQ(ledger.pene_total_ha, 50.0);
  EXPECT_DOUBLE_EQ(region->reserve_ha, 100.0);
}

namespace {

using zanplan::test_support::Outcome;

Outcome run(const std::string& arguments) { return zanplan::test_support::run_zanplan(arguments); }

using zanplan::test_support::quoted;

// Sum of one numeric column of a CSV written by `zanplan budget` (no quoted commas in numbers).
double column_sum(const fs::path& csv, const std::string& column, std::size_t& rows) {
  std::istringstream in(read(csv));
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::size_t start = 0, end = 0; end != std::string::npos; start = end + 1) {
    end = line.find(',', start);
    header.push_back(line.substr(start, end == std::string::npos ? std::string::npos : end - start));
  }
  if (!header.empty() && !header.back().empty() && header.back().back() == '\r') header.back().pop_back();
  const auto index =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), column) - header.begin());
  double sum = 0;
  rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line == "\r") continue;
    // Names may hold quoted commas: count fields from the end, where the numbers are.
    std::vector<std::string> fields;
    for (std::size_t start = 0, end = 0; end != std::string::npos; start = end + 1) {
      end = line.find(',', start);
      fields.push_back(line.substr(start, end == std::string::npos ? std::string::npos : end - start));
    }
    sum += std::stod(fields[fields.size() - (header.size() - index)]);
    ++rows;
  }
  return sum;
}

}  // namespace

TEST_F(Region, BudgetAndScenarioCommands) {
  const fs::path ws = workspace;
  const Hierarchy h = read_hierarchy(ws);
  // Two communes of one EPCI, and two sharing neither EPCI nor SCoT.
  std::string a, b, unrelated;
  for (const auto& [code, c] : h.communes) {
    if (a.empty())
      a = code;
    else if (b.empty() && c.epci == h.communes.at(a).epci)
      b = code;
    if (unrelated.empty() && c.epci != h.communes.at(a).epci && c.scot != h.communes.at(a).scot)
      unrelated = code;
  }
  ASSERT_FALSE(b.empty());
  ASSERT_FALSE(unrelated.empty());

  // The départements' envelopes add up to the region's, less what the territories' targets
  // leave unallocated (no scenario: no reserve).
  Outcome r = run("budget " + quoted(ws) + " --level departement -o " + quoted(dir / "dep.csv"));
  ASSERT_EQ(r.code, 0) << r.out;
  r = run("budget " + quoted(ws) + " --level region -o " + quoted(dir / "region.csv"));
  ASSERT_EQ(r.code, 0) << r.out;
  std::size_t departements = 0, regions = 0;
  const double by_departement = column_sum(dir / "dep.csv", "envelope_ha", departements);
  EXPECT_EQ(departements, 5U);
  EXPECT_NEAR(by_departement + column_sum(dir / "region.csv", "unallocated_ha", regions),
              column_sum(dir / "region.csv", "envelope_ha", regions), 1e-3);  // CSV keeps 6 decimals
  EXPECT_EQ(regions, 1U);

  ASSERT_EQ(run("scenario " + quoted(ws) + " create cli --author tester").code, 0);
  r = run("scenario " + quoted(ws) + " create cli");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("key 'name'"), std::string::npos) << r.out;
  const std::size_t events = read_all_events(ws).size();
  r = run("scenario " + quoted(ws) + " transfer cli --from " + a + " --to " + unrelated + " --hectares 0.5");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("key 'to'"), std::string::npos) << r.out;
  EXPECT_EQ(read_all_events(ws).size(), events);

  ASSERT_EQ(run("scenario " + quoted(ws) + " create cli2").code, 0);
  ASSERT_EQ(run("scenario " + quoted(ws) + " reserve cli2 --territory epci:" + h.communes.at(a).epci +
                " --hectares 3")
                .code,
            0);
  r = run("scenario " + quoted(ws) + " transfer cli2 --from epci:" + h.communes.at(a).epci + " --to " + b +
          " --hectares 1.25 --reason test");
  ASSERT_EQ(r.code, 0) << r.out;
  r = run("scenario " + quoted(ws) + " diff cli cli2");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(b + R"(.*\+1\.25)"))) << r.out;
  EXPECT_NE(r.out.find("1 commune territories differ"), std::string::npos) << r.out;
  r = run("scenario " + quoted(ws) + " diff cli cli2 --level epci");
  EXPECT_TRUE(std::regex_search(r.out, std::regex(h.communes.at(a).epci + R"(.*\+3\.00)"))) << r.out;

  r = run("budget " + quoted(ws) + " --level epci --scenario cli2 --geojson " + quoted(dir / "epci.geojson"));
  ASSERT_EQ(r.code, 0) << r.out;
  const auto geojson = nlohmann::json::parse(read(dir / "epci.geojson"));
  EXPECT_EQ(geojson["features"].size(), 92U);  // the demo region's EPCIs, as `zanplan info` counts them
  for (const auto& feature : geojson["features"]) {
    if (feature["properties"]["code"] != h.communes.at(a).epci) continue;
    EXPECT_DOUBLE_EQ(feature["properties"]["reserve_ha"].get<double>(), 3.0);
    EXPECT_DOUBLE_EQ(feature["properties"]["transfers_out_ha"].get<double>(), 1.25);
  }
  r = run("budget " + quoted(ws) + " --level departement --geojson " + quoted(dir / "x.geojson"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_FALSE(fs::exists(dir / "x.geojson"));
}

// The region's row is the SRADDET envelope: the reference summed straight from the consumption
// layer with OGR (not through the ledger) × (1 − 54.47 %).
TEST_F(Region, RegionEnvelopeIsTheSraddetOneAndEveryScotTargetIsJoined) {
  double reference_m2 = 0;
  std::size_t scot_keys = 0, scot_joined = 0;
  {
    auto dataset = ogr::open_vector(workspace.string());
    for (auto& f : *dataset->GetLayerByName("enaf_consumption")) {
      for (int y = 2011; y <= 2020; ++y) reference_m2 += f->GetFieldAsDouble(cerema_naf_column(y).c_str());
    }
    for (auto& f : *dataset->GetLayerByName("zan_targets")) {
      if (!std::string(f->GetFieldAsString("territory_key")).starts_with("SCOT_")) continue;
      ++scot_keys;
      scot_joined += f->GetFieldAsInteger("mapped") == 1 ? 1U : 0U;
    }
  }
  EXPECT_EQ(scot_keys, 40U);
  EXPECT_EQ(scot_joined, 40U);

  const Outcome r = run("budget " + quoted(workspace) + " --level region -o " + quoted(dir / "sraddet.csv"));
  ASSERT_EQ(r.code, 0) << r.out;
  std::size_t rows = 0;
  EXPECT_NEAR(column_sum(dir / "sraddet.csv", "envelope_ha", rows), reference_m2 / 10'000.0 * (1 - 0.5447), 1e-3);
  EXPECT_NE(r.out.find("SRADDET SCoT targets joined to communes: 40 of 40"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 communes eligible, 0 not, 3782 of unknown status"), std::string::npos) << r.out;

  // The five SCoTs that are EPCI with a target of their own show that target.
  auto store = zanplan::testing::tiny_store(workspace);
  const Ledger ledger = build_ledger(store.hierarchy(), commune_envelopes(workspace, zanplan::testing::law()),
                                     zanplan::testing::law());
  for (const char* siren : {"200066975", "200067965", "240200592", "246000764", "246000772"}) {
    const LedgerRow* scot = ledger.find(Level::scot, siren);
    ASSERT_NE(scot, nullptr) << siren;
    EXPECT_EQ(scot->target_source, std::string("EPCI_") + siren);
    EXPECT_FALSE(scot->target_inherited) << siren;
  }
  const LedgerRow* douaisis = ledger.find(Level::scot, "255902850");
  ASSERT_NE(douaisis, nullptr);
  EXPECT_EQ(douaisis->target_source, "SCOT_901");
  EXPECT_DOUBLE_EQ(douaisis->reduction_pct, 67.4);
  // A SCoT with a target of its own has reference × (1 − target) as envelope (no guarantee in the demo).
  EXPECT_NEAR(douaisis->envelope_ha, douaisis->reference_ha * (1 - 0.674), 1e-6);
}

// The same site charged at SCoT level and at commune level: explain states each level and
// the share of each envelope, and they differ.
TEST_F(Region, ExplainStatesTheChargeLevelAndItsShare) {
  const fs::path ws = dir / "levels.gpkg";
  fs::copy_file(workspace, ws, fs::copy_options::overwrite_existing);
  ASSERT_EQ(run("scenario " + quoted(ws) + " create by-scot --charge-level scot").code, 0);
  ASSERT_EQ(run("scenario " + quoted(ws) + " create by-commune --charge-level commune").code, 0);
  Outcome r = run("score -q " + quoted(ws) + " --profile gigafactory -o " + quoted(dir / "levels"));
  ASSERT_EQ(r.code, 0) << r.out;
  const auto sites = nlohmann::json::parse(read(dir / "levels" / "sites-gigafactory.geojson"));
  std::string site;
  for (const auto& feature : sites["features"]) {
    const auto& p = feature["properties"];
    if (p["enaf_ha"].is_number() && p["enaf_ha"].get<double>() > 1.0) {
      site = p["id"].get<std::string>();
      break;
    }
  }
  ASSERT_FALSE(site.empty());
  const Outcome scot = run("explain " + quoted(ws) + " " + site + " --profile gigafactory --scenario by-scot");
  const Outcome commune = run("explain " + quoted(ws) + " " + site + " --profile gigafactory --scenario by-commune");
  ASSERT_EQ(scot.code, 0) << scot.out;
  ASSERT_EQ(commune.code, 0) << commune.out;
  EXPECT_NE(scot.out.find("charge level: scot"), std::string::npos) << scot.out;
  EXPECT_NE(commune.out.find("charge level: commune"), std::string::npos) << commune.out;
  // "binding share: 12.3 %", or "more than all" when nothing remains.
  auto binding = [](const std::string& out) {
    std::smatch m;
    if (std::regex_search(out, m, std::regex(R"(binding share: ([0-9.]+) %)"))) return std::stod(m[1].str());
    EXPECT_NE(out.find("binding share: more than all"), std::string::npos) << out;
    return std::numeric_limits<double>::infinity();
  };
  const double at_scot = binding(scot.out), at_commune = binding(commune.out);
  EXPECT_TRUE(std::isfinite(at_scot)) << scot.out;
  // A SCoT's envelope holds many communes' shares: the same hectares are a smaller part of it.
  EXPECT_LT(at_scot, at_commune);
}
