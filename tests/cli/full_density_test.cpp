// Sites at the real parcel density, as a user with the real cadastre would get them: three
// neighbouring communes (Roye and two of its neighbours, Somme) generated at density 1,
// imported, assembled into sites, scored and explained by the program itself.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/program.hpp"
#include "support/temporary.hpp"

namespace fs = std::filesystem;

namespace {

using zanplan::test_support::Outcome;
using zanplan::test_support::quoted;

Outcome run(const std::string& arguments) { return zanplan::test_support::run_zanplan(arguments); }

}  // namespace

TEST(FullDensity, SitesAreAssembledFromManyParcelsAndRanked) {
  const fs::path dir = zanplan::test_support::temporary("cli_full_density");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path data = fs::path(ZANPLAN_DATA_DIR) / "region-32";
  std::string text = zanplan::test_support::read_file(data / "sources.toml");
  text = std::regex_replace(text, std::regex("file = \"(real/|scot-|communal-|pene-)"), "file = \"" + data.string() + "/$1");
  const fs::path manifest = dir / "sources.toml";
  std::ofstream(manifest) << text;
  const fs::path workspace = dir / "roye.gpkg";

  const Outcome generate = run("generate -q --sources " + quoted(manifest) + " --density 1 --seed 7 --communes 80685,80176,80676");
  ASSERT_EQ(generate.code, 0) << generate.out;
  const Outcome import = run("import -q --sources " + quoted(manifest) + " -o " + quoted(workspace));
  ASSERT_EQ(import.code, 0) << import.out;

  const Outcome sites = run("sites " + quoted(workspace) + " --profile gigafactory");
  ASSERT_EQ(sites.code, 0) << sites.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(sites.out, m, std::regex(R"(Sites\s+([0-9,]+))"))) << sites.out;
  EXPECT_NE(m[1].str(), "0") << sites.out;

  const fs::path out = dir / "out";
  const Outcome score = run("score -q " + quoted(workspace) + " --profile gigafactory -o " + quoted(out));
  ASSERT_EQ(score.code, 0) << score.out;
  std::ifstream geojson(out / "sites-gigafactory.geojson");
  const auto features = nlohmann::json::parse(geojson).at("features");
  ASSERT_FALSE(features.empty());
  bool spans_two = false;
  std::string top;
  for (const auto& f : features) {
    const auto& p = f.at("properties");
    // At the real density no parcel is site-sized: every site is an assembly.
    EXPECT_GT(p.at("parcel_count").get<int>(), 1) << p.at("id");
    EXPECT_GE(p.at("area_ha").get<double>(), 20.0);
    EXPECT_LE(p.at("area_ha").get<double>(), 150.0);
    const std::string type = f.at("geometry").at("type");
    EXPECT_TRUE(type == "Polygon" || type == "MultiPolygon") << type;
    spans_two = spans_two || p.at("communes").get<std::string>().find(',') != std::string::npos;
    if (!p.at("rank").is_null() && p.at("rank").get<int>() == 1) top = p.at("id").get<std::string>();
  }
  EXPECT_TRUE(spans_two) << "no site spans two of the three communes";
  ASSERT_FALSE(top.empty()) << "no site ranked";

  const Outcome explain = run("explain -q " + quoted(workspace) + " " + top + " --profile gigafactory");
  ASSERT_EQ(explain.code, 0) << explain.out;
  ASSERT_TRUE(std::regex_search(explain.out, m, std::regex(R"(([0-9]+) parcels, )"))) << explain.out;
  const std::string count = m[1].str();
  EXPECT_NE(explain.out.find("Parcels (" + count + ", in the order they joined the site)"), std::string::npos) << explain.out;
  // Every listed parcel id is one of the three communes' (14 characters, commune first).
  const std::regex parcel(R"(\n  (80685|80176|80676)000[A-Z]{2}[0-9]{4} )");
  const auto listed = static_cast<std::size_t>(std::distance(
      std::sregex_iterator(explain.out.begin(), explain.out.end(), parcel), std::sregex_iterator()));
  EXPECT_EQ(std::to_string(listed), count);
}
