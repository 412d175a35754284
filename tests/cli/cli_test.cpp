// The program as a user runs it: generate, import, info, score, explain, and its failures
// (exit codes from docs/exit-codes.md, messages naming the file, key or line, no
// half-written output).
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <utility>
#include <vector>
#include <regex>
#include <sstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/program.hpp"
#include "support/tables.hpp"
#include "support/temporary.hpp"

namespace fs = std::filesystem;

namespace {

using zanplan::test_support::Outcome;
using zanplan::test_support::quoted;
using zanplan::test_support::command_output;
using zanplan::test_support::csv_rows;

Outcome run(const std::string& arguments) { return zanplan::test_support::run_zanplan(arguments); }
std::string read(const fs::path& p) { return zanplan::test_support::read_file(p); }

// A copy of the demo manifest in a temporary folder: real entries point at the bundled
// files, synthetic ones at the temporary folder, so the test never writes into the sources.
class Cli : public ::testing::Test {
 protected:
  static fs::path dir;
  static fs::path manifest;
  static fs::path workspace;
  static std::vector<std::string> stale_temporaries, kept_files;

  // What a killed import leaves (its temporary and SQLite journal, named with its pid),
  // beside a running import's temporary and files that merely start alike.
  static void plant_import_temporaries() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);  // `child` is now a pid no process has
    const std::string gone = std::to_string(child);
    stale_temporaries = {"demo.gpkg.tmp-" + gone, "demo.gpkg.tmp-" + gone + "-journal"};
    kept_files = {"demo.gpkg.tmp-" + std::to_string(::getpid()), "demo.gpkg.tmp-" + gone + "x", "demo.gpkg.tmp-notes"};
    for (const auto& names : {stale_temporaries, kept_files}) {
      for (const auto& name : names) std::ofstream(dir / name) << "x";
    }
  }

  static void SetUpTestSuite() {
    dir = zanplan::test_support::temporary("cli_test");
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path data = fs::path(ZANPLAN_DATA_DIR) / "region-32";
    std::string text = read(data / "sources.toml");
    text = std::regex_replace(text, std::regex("file = \"(real/|scot-|communal-)"), "file = \"" + data.string() + "/$1");
    manifest = dir / "sources.toml";
    std::ofstream(manifest) << text;
    workspace = dir / "demo.gpkg";
    plant_import_temporaries();
    const Outcome generate = run("generate -q --sources " + quoted(manifest) + " --density 0.002 --seed 7");
    ASSERT_EQ(generate.code, 0) << generate.out;
    const Outcome import = run("import -q --sources " + quoted(manifest) + " -o " + quoted(workspace));
    ASSERT_EQ(import.code, 0) << import.out;
  }
};

fs::path Cli::dir;
fs::path Cli::manifest;
fs::path Cli::workspace;
std::vector<std::string> Cli::stale_temporaries;
std::vector<std::string> Cli::kept_files;

TEST_F(Cli, ImportRemovesTheTemporariesOfKilledImportsOnly) {
  ASSERT_TRUE(fs::exists(workspace));
  for (const auto& name : stale_temporaries) EXPECT_FALSE(fs::exists(dir / name)) << name << " left by a dead process";
  for (const auto& name : kept_files) EXPECT_TRUE(fs::exists(dir / name)) << name << " is not a dead process's temporary";
}

TEST_F(Cli, InfoShowsEveryLayerWithItsProvenance) {
  const Outcome info = run("info " + quoted(workspace));
  ASSERT_EQ(info.code, 0) << info.out;
  for (const char* layer : {"communes", "epci", "scot", "zan_targets", "enaf_consumption", "substations",
                            "motorway_segments", "motorway_access", "rail_points", "ports", "logistics_areas",
                            "brownfields", "business_parks", "farmland", "parcels"}) {
    EXPECT_NE(info.out.find(std::string("\n") + layer + " "), std::string::npos) << layer;
  }
  EXPECT_TRUE(std::regex_search(info.out, std::regex(R"(communes\s+Multi Polygon\s+3,782 EPSG:2154\s+real)")));
  EXPECT_TRUE(std::regex_search(info.out, std::regex(R"(epci\s+Multi Polygon\s+92 )")));
  EXPECT_TRUE(std::regex_search(info.out, std::regex(R"(parcels\s+Polygon\s+[0-9,]+ EPSG:2154\s+synthetic)")));
  EXPECT_TRUE(std::regex_search(info.out, std::regex(R"(enaf_consumption\s+None\s+3,782 -\s+synthetic)")));
  EXPECT_NE(info.out.find("Synthetic   seed 7"), std::string::npos);
}

TEST_F(Cli, ScoreWritesTheSameFilesTwiceAndExplainAgrees) {
  const fs::path a = dir / "a", b = dir / "b";
  const Outcome first = run("score " + quoted(workspace) + " --profile gigafactory --top 5 -o " + quoted(a));
  ASSERT_EQ(first.code, 0) << first.out;
  const Outcome second = run("score -q " + quoted(workspace) + " --profile gigafactory --top 5 -o " + quoted(b));
  ASSERT_EQ(second.code, 0) << second.out;
  for (const char* ext : {".geojson", ".gpkg", ".csv"}) {
    const std::string name = std::string("sites-gigafactory") + ext;
    ASSERT_TRUE(fs::exists(a / name)) << name;
    EXPECT_EQ(read(a / name), read(b / name)) << name << " differs between two runs";
  }
  EXPECT_NE(first.out.find("SYNTHETIC inputs"), std::string::npos);

  const auto geojson = nlohmann::json::parse(read(a / "sites-gigafactory.geojson"));
  EXPECT_FALSE(geojson.contains("crs"));
  ASSERT_FALSE(geojson["features"].empty());
  const auto& top = geojson["features"][0]["properties"];
  EXPECT_EQ(top["rank"], 1);
  EXPECT_EQ(top["profile"], "gigafactory");
  EXPECT_NE(top["synthetic_inputs"].get<std::string>().find("parcels"), std::string::npos);

  const Outcome explain = run("explain " + quoted(workspace) + " " + top["id"].get<std::string>() + " --profile gigafactory");
  ASSERT_EQ(explain.code, 0) << explain.out;
  EXPECT_NE(explain.out.find("Rank 1 of"), std::string::npos) << explain.out;
  EXPECT_NE(explain.out.find(top["substation_name"].get<std::string>()), std::string::npos);
}

TEST_F(Cli, UsageAndConfigErrorsNameTheKey) {
  Outcome r = run("score " + quoted(workspace) + " --weight nonsense=0.5 -o " + quoted(dir / "x"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("nonsense"), std::string::npos) << r.out;

  const fs::path profile = dir / "bad-profile.toml";
  std::string text = read(fs::path(ZANPLAN_DATA_DIR) / "profiles" / "gigafactory.toml");
  text = std::regex_replace(text, std::regex("\\[power\\]\n"), "[power]\nneed_megawatts = 3\n");
  std::ofstream(profile) << text;
  r = run("score " + quoted(workspace) + " --profile " + quoted(profile) + " -o " + quoted(dir / "x"));
  EXPECT_EQ(r.code, 4) << r.out;
  EXPECT_NE(r.out.find("power.need_megawatts"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "x" / "sites-gigafactory.csv"));

  r = run("info " + quoted(dir / "missing.gpkg"));
  EXPECT_EQ(r.code, 5) << r.out;
  EXPECT_NE(r.out.find("missing.gpkg"), std::string::npos);

  r = run("score");
  EXPECT_EQ(r.code, 2) << r.out;
}

TEST_F(Cli, BadInputFailsCleanlyAndLeavesNoWorkspace) {
  // A substation file without its voltage column, in a copy of the manifest.
  const fs::path bad_csv = dir / "postes-bad.csv";
  std::string csv = read(fs::path(ZANPLAN_DATA_DIR) / "region-32/real/energy/postes-electriques-rte.csv");
  csv.replace(csv.find("Tension (kV)"), 12, "Voltage");
  std::ofstream(bad_csv, std::ios::binary) << csv;
  std::string text = read(manifest);
  text = std::regex_replace(text, std::regex("file = \"[^\"]*postes-electriques-rte.csv\""), "file = \"" + bad_csv.string() + "\"");
  const fs::path bad_manifest = dir / "bad-sources.toml";
  std::ofstream(bad_manifest) << text;

  const fs::path target = dir / "never.gpkg";
  Outcome r = run("import --sources " + quoted(bad_manifest) + " -o " + quoted(target));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("postes-bad.csv"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Tension (kV)"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(target));
  for (const auto& entry : fs::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename().string().find("never.gpkg.tmp"), std::string::npos) << entry.path();
  }

  // A missing input file is named too.
  text = std::regex_replace(read(manifest), std::regex("file = \"[^\"]*ne_10m_ports.geojson\""), "file = \"/nonexistent/ports.geojson\"");
  std::ofstream(bad_manifest) << text;
  r = run("import --sources " + quoted(bad_manifest) + " -o " + quoted(target));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("/nonexistent/ports.geojson"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(target));
}

}  // namespace

namespace {

TEST_F(Cli, ScenarioTransferChangesScoringAndExportsItsLog) {
  const fs::path copy = dir / "scenario.gpkg";
  fs::copy_file(workspace, copy, fs::copy_options::overwrite_existing);
  ASSERT_EQ(run("scenario " + quoted(copy) + " create pool --description 'MEL pools for Lille'").code, 0);
  // Roubaix (59512) and Lille (59350) are both in the Métropole Européenne de Lille.
  Outcome r = run("scenario " + quoted(copy) + " transfer pool --from 59512 --to 59350 --hectares 0.5 --reason test");
  ASSERT_EQ(r.code, 0) << r.out;
  r = run("scenario " + quoted(copy) + " transfer pool --from 62447 --to 59350 --hectares 0.5");
  EXPECT_EQ(r.code, 2) << r.out;  // different EPCI and SCoT: refused, nothing written

  const fs::path log = dir / "pool.json";
  r = run("scenario " + quoted(copy) + " export pool -o " + quoted(log));
  ASSERT_EQ(r.code, 0) << r.out;
  const auto json = nlohmann::json::parse(read(log));
  ASSERT_EQ(json["events"].size(), 2U);
  EXPECT_EQ(json["events"][1]["kind"], "transfer");
  EXPECT_EQ(json["events"][1]["payload"]["hectares"], 0.5);

  r = run("score -q " + quoted(copy) + " --scenario pool --no-pene -o " + quoted(dir / "pool"));
  ASSERT_EQ(r.code, 0) << r.out;
  const auto sites = nlohmann::json::parse(read(dir / "pool" / "sites-gigafactory.geojson"));
  EXPECT_EQ(sites["zanplan"]["scenario"], "pool");
}

}  // namespace

// "-o -": the one export on standard output, nothing else there, and no file named "-".
TEST_F(Cli, StandardOutputExports) {
  auto run_stdout = [](const std::string& arguments) {
    return zanplan::test_support::run_zanplan(arguments, zanplan::test_support::Streams::stdout_only);
  };
  const fs::path files = dir / "stdout-reference";
  ASSERT_EQ(run("score -q " + quoted(workspace) + " --profile gigafactory --format csv -o " + quoted(files)).code, 0);
  const Outcome csv = run_stdout("score " + quoted(workspace) + " --profile gigafactory --format csv -o -");
  ASSERT_EQ(csv.code, 0) << csv.out;
  EXPECT_TRUE(csv.out == read(files / "sites-gigafactory.csv")) << csv.out.substr(0, 300);

  const Outcome geojson = run_stdout("score " + quoted(workspace) + " --profile gigafactory --format geojson -o -");
  ASSERT_EQ(geojson.code, 0) << geojson.out.substr(0, 300);
  EXPECT_EQ(nlohmann::json::parse(geojson.out).at("type"), "FeatureCollection");

  const Outcome all = run("score " + quoted(workspace) + " --profile gigafactory -o -");
  EXPECT_EQ(all.code, 2) << all.out;
  EXPECT_NE(all.out.find("--format"), std::string::npos) << all.out;
  const Outcome package = run("score " + quoted(workspace) + " --profile gigafactory --format gpkg -o -");
  EXPECT_EQ(package.code, 2) << package.out;

  const Outcome budget = run_stdout("budget " + quoted(workspace) + " --level epci -o -");
  ASSERT_EQ(budget.code, 0) << budget.out;
  EXPECT_EQ(budget.out.rfind("level,code,", 0), 0U) << budget.out.substr(0, 200);
  EXPECT_FALSE(fs::exists("-"));
}

// On a terminal, the standard streams escape control characters through buffers of ours,
// which must outlive the libraries that flush the streams at exit. A use after their end
// crashed every command run at a terminal at exit (seen under AddressSanitizer).
TEST_F(Cli, ATerminalSessionEndsCleanly) {
  if (std::system("command -v script > /dev/null 2>&1") != 0) GTEST_SKIP() << "script (bsdutils) is not installed";
  // script gives the program a pseudo-terminal for its standard streams; -e returns its exit code.
  const std::string command =
      "script -qec \"" + std::string(ZANPLAN_BINARY) + " info " + quoted(workspace) + "\" /dev/null 2>&1";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) out += buffer.data();
  const int status = ::pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status)) << out;
  EXPECT_EQ(WEXITSTATUS(status), 0) << out;
  EXPECT_NE(out.find("parcels"), std::string::npos) << out;
  EXPECT_EQ(out.find("Sanitizer"), std::string::npos) << out;
}

// Run as root, a rename over /dev/stdout would replace the device link with a file.
TEST_F(Cli, DevicesAreNotReplaced) {
  const Outcome budget = run("budget " + quoted(workspace) + " --level epci -o /dev/null");
  EXPECT_EQ(budget.code, 6) << budget.out;
  EXPECT_NE(budget.out.find("not a regular file"), std::string::npos) << budget.out;
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

// The facts of every candidate as `score` reads them (SQLite, streamed, only the candidates'
// geometry decoded) against GDAL reading the same workspace through OGR and SpatiaLite
// measuring the distances: the same candidates, areas, ENAF and four distances to 1 mm
// beyond the CSV's rounding.
TEST_F(Cli, StreamedFactsEqualGdalAndSpatiaLiteOnTheDemoWorkspace) {
  if (std::system("command -v ogr2ogr > /dev/null 2>&1") != 0) GTEST_SKIP() << "ogr2ogr (gdal-bin) is not installed";
  const Outcome score = zanplan::test_support::run_zanplan(
      "score " + quoted(workspace) + " --profile gigafactory --format csv -o -", zanplan::test_support::Streams::stdout_only);
  ASSERT_EQ(score.code, 0);
  const std::string sql =
      "SELECT p.id, p.area_m2, p.enaf_m2, "
      "(SELECT MIN(ST_Distance(p.geom, s.geom)) FROM substations s WHERE s.connectable = 1 AND s.tension_kv >= 225) AS substation_m, "
      "(SELECT MIN(ST_Distance(p.geom, m.geom)) FROM motorway_access m) AS motorway_m, "
      "(SELECT MIN(ST_Distance(p.geom, r.geom)) FROM rail_points r WHERE r.fret = 1) AS rail_m, "
      "(SELECT MIN(ST_Distance(p.geom, o.geom)) FROM ports o) AS port_m "
      "FROM parcels p WHERE p.area_m2 BETWEEN 200000 AND 1500000";
  const std::string reference =
      command_output("ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) + " -dialect sqlite -sql \"" + sql + "\" 2>/dev/null");
  std::map<std::string, std::map<std::string, std::string>> theirs;
  for (auto& row : csv_rows(reference)) theirs[row["id"]] = row;
  const auto ours = csv_rows(score.out);
  ASSERT_GT(ours.size(), 10U);
  ASSERT_EQ(ours.size(), theirs.size()) << "the same candidates";
  auto number = [](const std::string& text) { return text.empty() ? std::numeric_limits<double>::infinity() : std::stod(text); };
  for (const auto& row : ours) {
    const auto it = theirs.find(row.at("id"));
    ASSERT_NE(it, theirs.end()) << row.at("id");
    const auto& ref = it->second;
    // The CSV rounds hectares to 2 decimals and kilometres to 3 (docs/exports.md): half a
    // unit of the last decimal, plus the measuring tolerance (1 mm).
    EXPECT_NEAR(number(row.at("area_ha")), number(ref.at("area_m2")) / 1e4, 0.005 + 1e-6) << row.at("id");
    EXPECT_NEAR(number(row.at("enaf_ha")), number(ref.at("enaf_m2")) / 1e4, 0.005 + 1e-6) << row.at("id");
    for (const auto& [km, m] : {std::pair{"substation_km", "substation_m"}, {"motorway_km", "motorway_m"},
                                {"rail_km", "rail_m"}, {"port_km", "port_m"}}) {
      EXPECT_NEAR(number(row.at(km)) * 1000, number(ref.at(m)), 0.5 + 1.5e-3) << row.at("id") << " " << km;
    }
  }
}
