// `zanplan dossier` as a user runs it, checked with poppler's tools: the PDF's page count
// (pdfinfo), its text (pdftotext) against what `explain` and `budget` print for the same site
// and territories (another path through the program), its pages drawn (pdftoppm) and not
// blank, and its failures (exit codes from docs/exit-codes.md, no file left behind).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/program.hpp"
#include "support/temporary.hpp"

namespace fs = std::filesystem;

namespace {

using zanplan::test_support::Outcome;
using zanplan::test_support::quoted;

Outcome run(const std::string& arguments) { return zanplan::test_support::run_zanplan(arguments); }

Outcome shell(const std::string& command) {
  Outcome result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.out += buffer;
  const int status = ::pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// pdftotext's words with every run of spaces (no-break ones included) and newlines made one space.
std::string flat(std::string text) {
  text = std::regex_replace(text, std::regex("\u00A0|\u202F"), " ");
  return std::regex_replace(text, std::regex("\\s+"), " ");
}

std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted_field = false;
  for (char c : line) {
    if (c == '"') quoted_field = !quoted_field;
    else if (c == ',' && !quoted_field) out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

// `budget --level LEVEL -o -`: the remaining hectares of territory `code` (the first row when empty).
double budget_remaining(const fs::path& workspace, const std::string& level, const std::string& code) {
  const Outcome budget = zanplan::test_support::run_zanplan("budget " + quoted(workspace) + " --level " + level + " -o -",
                                                            zanplan::test_support::Streams::stdout_only);
  EXPECT_EQ(budget.code, 0) << budget.out;
  std::istringstream lines(budget.out);
  std::string line;
  std::getline(lines, line);
  const auto header = csv_fields(line);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  while (std::getline(lines, line)) {
    const auto fields = csv_fields(line);
    if (code.empty() || fields.at(column("code")) == code) return std::stod(fields.at(column("remaining_ha")));
  }
  ADD_FAILURE() << "no " << level << " " << code << " in\n" << budget.out;
  return NAN;
}

std::string fixed(double v, int decimals, bool french) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  std::string s = buffer;
  if (!french) return s;
  // French: decimal comma, a (here flattened) space between thousands.
  const auto point = s.find('.');
  std::string integer = s.substr(0, point), out;
  const std::size_t start = integer[0] == '-' ? 1 : 0;
  out = integer.substr(0, start);
  for (std::size_t i = start; i < integer.size(); ++i) {
    if (i > start && (integer.size() - i) % 3 == 0) out += ' ';
    out += integer[i];
  }
  return out + "," + s.substr(point + 1);
}

// Share of pixels darker than light grey in a binary PGM page image from pdftoppm -gray.
double ink_share(const fs::path& pgm) {
  std::ifstream in(pgm, std::ios::binary);
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  EXPECT_EQ(magic, "P5");
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  in.read(reinterpret_cast<char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
  std::size_t ink = 0;
  for (unsigned char p : pixels) ink += p < 200 ? 1 : 0;
  return pixels.empty() ? 0 : static_cast<double>(ink) / static_cast<double>(pixels.size());
}

class Dossier : public ::testing::Test {
 protected:
  static fs::path dir, workspace;
  static std::string top;

  static void SetUpTestSuite() {
    if (shell("command -v pdftotext && command -v pdfinfo && command -v pdftoppm").code != 0) return;
    dir = zanplan::test_support::temporary("cli_dossier");
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path data = fs::path(ZANPLAN_DATA_DIR) / "region-32";
    std::string text = zanplan::test_support::read_file(data / "sources.toml");
    text = std::regex_replace(text, std::regex("file = \"(real/|scot-|communal-|pene-)"), "file = \"" + data.string() + "/$1");
    const fs::path manifest = dir / "sources.toml";
    std::ofstream(manifest) << text;
    workspace = dir / "roye.gpkg";
    ASSERT_EQ(run("generate -q --sources " + quoted(manifest) + " --density 1 --seed 7 --communes 80685,80176,80676").code, 0);
    ASSERT_EQ(run("import -q --sources " + quoted(manifest) + " -o " + quoted(workspace)).code, 0);
    ASSERT_EQ(run("sites -q " + quoted(workspace) + " --profile gigafactory").code, 0);
    const Outcome score = run("score -q " + quoted(workspace) + " --profile gigafactory --top 5 -o " + quoted(dir / "out"));
    ASSERT_EQ(score.code, 0) << score.out;
    std::ifstream geojson(dir / "out" / "sites-gigafactory.geojson");
    const auto features = nlohmann::json::parse(geojson).at("features");  // a copy: the parsed document is a temporary
    for (const auto& f : features) {
      const auto& p = f.at("properties");
      if (!p.at("rank").is_null() && p.at("rank").get<int>() == 1) top = p.at("id").get<std::string>();
    }
  }

  void SetUp() override {
    if (workspace.empty()) GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed";
    ASSERT_FALSE(top.empty()) << "no site ranked";
  }
};

fs::path Dossier::dir;
fs::path Dossier::workspace;
std::string Dossier::top;

TEST_F(Dossier, BothLanguagesHoldTheSiteTheCriteriaTheEnvelopeAndTheLedgerFigures) {
  const Outcome explain = run("explain -q " + quoted(workspace) + " " + top + " --profile gigafactory --lang en");
  ASSERT_EQ(explain.code, 0) << explain.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(explain.out, m, std::regex(R"(charged to: (\S+ \S+))"))) << explain.out;
  const std::string pays = m[1];
  ASSERT_TRUE(std::regex_search(explain.out, m, std::regex(R"(Site \S+ in .* (\d{5}))"))) << explain.out;
  const std::string commune = m[1];
  ASSERT_TRUE(std::regex_search(explain.out, m, std::regex(R"(\d+ parcels, ([0-9.]+) ha: ENAF ([0-9.]+) ha)"))) << explain.out;
  const double area = std::stod(m[1]), enaf = std::stod(m[2]);
  ASSERT_TRUE(std::regex_search(explain.out, m, std::regex("commune " + commune + R"(: [0-9.]+ ha \([0-9.]+ % of the site\), ENAF ([0-9.]+) ha)")))
      << explain.out;
  const double commune_enaf = std::stod(m[1]);
  ASSERT_TRUE(std::regex_search(explain.out, m, std::regex(R"(score ([0-9.]+))"))) << explain.out;
  const std::string score = m[1];
  ASSERT_TRUE(std::regex_search(explain.out, m, std::regex(R"(Rank 1 of (\d+))"))) << explain.out;
  const std::string ranked = m[1];
  ASSERT_TRUE(std::regex_search(explain.out, m, std::regex(R"(nearest connectable substation: .*, ([0-9.]+) km)"))) << explain.out;
  const double substation_km = std::stod(m[1]);

  // The ledger as `budget` prints it, and the site's ENAF taken off by hand.
  const double commune_before = budget_remaining(workspace, "commune", commune);
  const double region_before = budget_remaining(workspace, "region", "");

  for (const bool french : {false, true}) {
    const fs::path pdf = dir / (french ? "dossier-fr.pdf" : "dossier-en.pdf");
    const Outcome dossier = run("dossier -q " + quoted(workspace) + " " + top + " --profile gigafactory --lang " +
                                (french ? "fr" : "en") + " -o " + quoted(pdf));
    ASSERT_EQ(dossier.code, 0) << dossier.out;
    const Outcome info = shell("pdfinfo " + quoted(pdf));
    ASSERT_EQ(info.code, 0) << info.out;
    ASSERT_TRUE(std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))"))) << info.out;
    const int pages = std::stoi(m[1]);
    EXPECT_GE(pages, 3);
    const Outcome text_run = shell("pdftotext " + quoted(pdf) + " -");
    ASSERT_EQ(text_run.code, 0);
    const std::string text = flat(text_run.out);
    const auto expect = [&](const std::string& part) { EXPECT_NE(text.find(part), std::string::npos) << part << "\nin:\n" << text; };
    expect(top);
    for (const char* criterion : {"power_distance_km", "motorway_distance_km", "rail_distance_km", "port_distance_km", "enaf_ha",
                                  "envelope_share"}) {
      expect(criterion);
    }
    expect(french ? "Distance au poste électrique raccordable" : "Distance to a connectable substation");
    expect(french ? "Enveloppe qui paie : " + pays : "Envelope that pays: " + pays);
    expect(french ? "Rang 1 sur " + ranked + ", note " + fixed(std::stod(score), 4, true)
                  : "Rank 1 of " + ranked + ", score " + score);
    expect(fixed(area, 2, french) + " ha");
    expect(fixed(enaf, 2, french) + " ha");
    expect(fixed(substation_km, 2, french) + " km");
    // Before and after at the commune and region levels.
    expect(fixed(commune_before, 2, french) + " ha");
    expect(fixed(commune_before - commune_enaf, 2, french) + " ha");
    expect(fixed(region_before, 2, french) + " ha");
    expect(fixed(region_before - enaf, 2, french) + " ha");
    expect(french ? "SYNTHÉTIQUES" : "SYNTHETIC");
    // Every page: the warning and its number.
    for (int p = 1; p <= pages; ++p) {
      const Outcome page = shell("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + quoted(pdf) + " -");
      EXPECT_NE(page.out.find(french ? "SYNTHÉTIQUES" : "SYNTHETIC"), std::string::npos) << "page " << p;
      EXPECT_NE(flat(page.out).find("page " + std::to_string(p) + " / " + std::to_string(pages)), std::string::npos) << "page " << p;
    }
    // Every page drawn, none blank; the first two carry maps (much more ink than text alone).
    const fs::path prefix = dir / (french ? "page-fr" : "page-en");
    ASSERT_EQ(shell("pdftoppm -r 20 -gray " + quoted(pdf) + " " + quoted(prefix)).code, 0);
    for (int p = 1; p <= pages; ++p) {
      const fs::path image = prefix.string() + "-" + std::to_string(p) + ".pgm";
      ASSERT_TRUE(fs::exists(image)) << image;
      const double ink = ink_share(image);
      EXPECT_GT(ink, 0.02) << "page " << p << " is blank";
      if (p <= 2) {
        EXPECT_GT(ink, 0.15) << "page " << p << " has no map";
      }
    }
  }
}

TEST_F(Dossier, FailuresExitWithTheirCodeAndLeaveNoFile) {
  const fs::path pdf = dir / "failed.pdf";
  Outcome r = run("dossier -q " + quoted(workspace) + " NO-SUCH-SITE --profile gigafactory -o " + quoted(pdf));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("NO-SUCH-SITE"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(pdf));
  r = run("dossier -q " + quoted(workspace) + " " + top + " --profile gigafactory --lang de -o " + quoted(pdf));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--lang"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(pdf));
  r = run("dossier -q " + quoted(workspace) + " " + top + " --profile gigafactory -o " + quoted(dir / "missing" / "x.pdf"));
  EXPECT_EQ(r.code, 6) << r.out;
  EXPECT_NE(r.out.find("missing/x.pdf"), std::string::npos) << r.out;
  r = run("dossier -q " + quoted(workspace) + " " + top + " --profile gigafactory -o " + quoted(dir));
  EXPECT_EQ(r.code, 6) << r.out;
  r = run("explain -q " + quoted(workspace) + " " + top + " --profile gigafactory --lang xx");
  EXPECT_EQ(r.code, 2) << r.out;
}

}  // namespace
