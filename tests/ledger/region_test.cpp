// Roll-up consistency on the WHOLE demo region: the bundled real inputs with synthetic
// parcels and consumption at density 0.002, generated and imported once for the suite.
#include <algorithm>
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
        std::regex_replace(text, std::regex("file = \"(real/|scot-)"), "file = \"" + data.string() + "/$1");
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
  store.add_project("mix", {"b", neighbour, "", 50.0, 2026, true, "gigafactory"}, "test");
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
  const double communes_envelope = region->envelope_ha - region->reserve_ha;
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

  // The départements' envelopes add up to the region's (no scenario: no reserve).
  Outcome r = run("budget " + quoted(ws) + " --level departement -o " + quoted(dir / "dep.csv"));
  ASSERT_EQ(r.code, 0) << r.out;
  r = run("budget " + quoted(ws) + " --level region -o " + quoted(dir / "region.csv"));
  ASSERT_EQ(r.code, 0) << r.out;
  std::size_t departements = 0, regions = 0;
  const double by_departement = column_sum(dir / "dep.csv", "envelope_ha", departements);
  EXPECT_EQ(departements, 5U);
  EXPECT_NEAR(by_departement, column_sum(dir / "region.csv", "envelope_ha", regions),
              1e-3);  // CSV keeps 6 decimals
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
