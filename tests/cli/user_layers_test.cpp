// Planners' own layers (docs/user-layers.md): `zanplan layer add|list|remove`, their
// provenance in `info`, a user layer as a profile's exclusion, and the failures that must
// leave the workspace byte for byte as it was.
#include <filesystem>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "cli/three_communes.hpp"
#include "support/program.hpp"
#include "support/tables.hpp"
#include "support/temporary.hpp"

namespace fs = std::filesystem;

namespace {

using zanplan::test_support::Outcome;
using zanplan::test_support::quoted;

Outcome run(const std::string& arguments) { return zanplan::test_support::run_zanplan(arguments); }
std::string read(const fs::path& p) { return zanplan::test_support::read_file(p); }
const fs::path fixtures = fs::path(ZANPLAN_FIXTURES_DIR) / "user-layers";

// The shipped gigafactory profile renamed `name`, with any area and one sensitivity run.
std::string gigafactory_variant(const std::string& name) {
  std::string profile = read(fs::path(ZANPLAN_DATA_DIR) / "profiles" / "gigafactory.toml");
  profile = std::regex_replace(profile, std::regex("name = \"gigafactory\""), "name = \"" + name + "\"");
  profile = std::regex_replace(profile, std::regex("min_ha = 20.0"), "min_ha = 0.0");
  return std::regex_replace(profile, std::regex("runs = 200"), "runs = 1");
}

fs::path write_profile(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

// `score`'s CSV rows by site id (each id once).
std::map<std::string, std::map<std::string, std::string>> scored_rows(const fs::path& workspace, const fs::path& profile) {
  const Outcome out = zanplan::test_support::run_zanplan(
      "score " + quoted(workspace) + " --profile " + quoted(profile) + " --format csv -o -", zanplan::test_support::Streams::stdout_only);
  EXPECT_EQ(out.code, 0) << out.out;
  std::map<std::string, std::map<std::string, std::string>> rows;
  for (auto& row : zanplan::test_support::csv_rows(out.out)) {
    const std::string id = row.at("id");
    EXPECT_TRUE(rows.emplace(id, std::move(row)).second) << "site " << id << " listed twice";
  }
  return rows;
}

// The fixture's first polygon, written out by hand in longitude/latitude (zone.geojson):
// the reference below reprojects it with SpatiaLite, not with zanplan.
constexpr const char* zone_wkt = "POLYGON((3 50.59, 3.1 50.59, 3.1 50.66, 3 50.66, 3 50.59))";
constexpr const char* far_wkt = "POLYGON((2 50, 2.01 50, 2.01 50.01, 2 50))";

// Three communes (Lille, Roubaix, Tourcoing) at a low parcel density: the zone covers part
// of Lille and none of the two others.
class UserLayers : public ::testing::Test {
 protected:
  static fs::path dir;
  static fs::path clean;

  static void SetUpTestSuite() {
    dir = zanplan::test_support::temporary("user_layers");
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string failure = zanplan::test_support::import_three_communes(dir, clean);
    ASSERT_TRUE(failure.empty()) << failure;
  }

  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }

  static fs::path copy_of_clean(const std::string& name) {
    const fs::path path = dir / name;
    fs::remove(path);
    fs::copy_file(clean, path);
    return path;
  }
};

fs::path UserLayers::dir;
fs::path UserLayers::clean;

TEST_F(UserLayers, AddListInfoAndRemove) {
  const fs::path workspace = copy_of_clean("add.gpkg");
  Outcome r = run("layer add " + quoted(workspace) + " zone " + quoted(fixtures / "zone.geojson"));
  ASSERT_EQ(r.code, 0) << r.out;

  r = run("layer list " + quoted(workspace));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nzone\s+Multi Polygon\s+2 EPSG:4326 )"))) << r.out;
  EXPECT_NE(r.out.find("zone.geojson"), std::string::npos) << r.out;

  r = run("info " + quoted(workspace));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nzone\s+Multi Polygon\s+2 EPSG:2154\s+user )"))) << r.out;
  EXPECT_EQ(r.out.find("zanplan_user_layers"), std::string::npos) << "the registry is not a data layer";

  // The stored polygon is the fixture reprojected: its area as SpatiaLite measures the
  // fixture's ring transformed to Lambert-93 itself.
  const std::string areas = zanplan::test_support::command_output(
      "ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) + " -dialect sqlite -sql \"SELECT ST_Area(geom) AS ours, " +
      "ST_Area(ST_Transform(ST_GeomFromText('" + zone_wkt + "', 4326), 2154)) AS theirs FROM zone WHERE nom = 'Zone d''essai'\" 2>/dev/null");
  const auto rows = zanplan::test_support::csv_rows(areas);
  ASSERT_EQ(rows.size(), 1U) << areas;
  EXPECT_GT(std::stod(rows[0].at("theirs")), 5e7);  // about 7 km × 7.8 km
  EXPECT_NEAR(std::stod(rows[0].at("ours")), std::stod(rows[0].at("theirs")), 1.0);

  // Its name is now taken.
  r = run("layer add " + quoted(workspace) + " zone " + quoted(fixtures / "zone.geojson"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("remove it first"), std::string::npos) << r.out;

  r = run("layer remove " + quoted(workspace) + " zone");
  ASSERT_EQ(r.code, 0) << r.out;
  r = run("layer list " + quoted(workspace));
  EXPECT_NE(r.out.find("No user layers"), std::string::npos) << r.out;
  r = run("info " + quoted(workspace));
  EXPECT_FALSE(std::regex_search(r.out, std::regex(R"(\nzone\s)"))) << r.out;
  r = run("layer remove " + quoted(workspace) + " zone");
  EXPECT_EQ(r.code, 2) << r.out;
}

TEST_F(UserLayers, SelectKeepsTheMatchingFeatures) {
  const fs::path workspace = copy_of_clean("select.gpkg");
  const Outcome r = run("layer add " + quoted(workspace) + " ppri " + quoted(fixtures / "zone.geojson") + " --select kind=ppri");
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string names = zanplan::test_support::command_output(
      "ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) + " -dialect sqlite -sql \"SELECT nom, alea FROM ppri\" 2>/dev/null");
  const auto rows = zanplan::test_support::csv_rows(names);
  ASSERT_EQ(rows.size(), 1U) << names;
  EXPECT_EQ(rows[0].at("nom"), "Zone d'essai");
  EXPECT_EQ(rows[0].at("alea"), "3");
}

// A self-crossing polygon is repaired: a 100 m square's corners joined crosswise are two
// triangles of 100 × 50 / 2 = 2,500 m² each, as SpatiaLite measures them.
TEST_F(UserLayers, InvalidPolygonIsRepaired) {
  const fs::path workspace = copy_of_clean("bowtie.gpkg");
  const Outcome r = run("layer add " + quoted(workspace) + " bowtie " + quoted(fixtures / "bowtie-l93.geojson"));
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string measured = zanplan::test_support::command_output(
      "ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) + " -dialect sqlite -sql \"SELECT ST_IsValid(geom) AS valid, " +
      "ST_Area(geom) AS area, ST_NumGeometries(geom) AS parts FROM bowtie\" 2>/dev/null");
  const auto rows = zanplan::test_support::csv_rows(measured);
  ASSERT_EQ(rows.size(), 1U) << measured;
  EXPECT_EQ(rows[0].at("valid"), "1");
  EXPECT_EQ(rows[0].at("parts"), "2");
  EXPECT_NEAR(std::stod(rows[0].at("area")), 5000.0, 1e-6);
}

// Sites inside the layer are excluded with its name, and only those: the reference is
// SpatiaLite intersecting the parcels with the fixture's polygons, reprojected by itself.
TEST_F(UserLayers, ExclusionLayerExcludesExactlyTheSitesInside) {
  const fs::path workspace = copy_of_clean("exclusion.gpkg");
  Outcome r = run("layer add " + quoted(workspace) + " zone " + quoted(fixtures / "zone.geojson"));
  ASSERT_EQ(r.code, 0) << r.out;

  const fs::path profile = write_profile(dir / "zone_test.toml",
                                         gigafactory_variant("zone_test") + "\n[constraints]\nexclusion_layers = [\"zone\"]\n");
  std::set<std::string> ours, candidates;
  for (const auto& [id, row] : scored_rows(workspace, profile)) {
    candidates.insert(id);
    if (row.at("excluded_code") == "inside_layer" && row.at("excluded_detail") == "zone") ours.insert(id);
  }

  const std::string sql = std::string("SELECT p.id FROM parcels p WHERE p.area_m2 <= 1500000 AND (") +
                          "ST_Intersects(p.geom, ST_Transform(ST_GeomFromText('" + zone_wkt + "', 4326), 2154)) OR " +
                          "ST_Intersects(p.geom, ST_Transform(ST_GeomFromText('" + far_wkt + "', 4326), 2154)))";
  std::set<std::string> theirs;
  for (const auto& row : zanplan::test_support::csv_rows(zanplan::test_support::command_output(
           "ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) + " -dialect sqlite -sql \"" + sql + "\" 2>/dev/null"))) {
    theirs.insert(row.at("id"));
  }
  ASSERT_FALSE(theirs.empty()) << "the zone covers part of Lille";
  EXPECT_LT(theirs.size(), candidates.size()) << "and not every candidate";
  EXPECT_EQ(ours, theirs);
}

// Each bad source exits with the documented code and a message naming what is wrong, and
// the workspace keeps every byte.
TEST_F(UserLayers, BadSourcesLeaveTheWorkspaceUnchanged) {
  const fs::path workspace = copy_of_clean("bad.gpkg");
  // A Shapefile whose .prj went missing: its coordinates could be in any CRS.
  const fs::path shapefile = dir / "no-prj.shp";
  ASSERT_EQ(std::system(("ogr2ogr -f 'ESRI Shapefile' " + quoted(shapefile) + " " + quoted(fixtures / "zone.geojson") +
                         " 2>/dev/null").c_str()), 0);
  fs::remove(dir / "no-prj.prj");
  const std::string before = read(workspace);
  struct Case {
    std::string arguments;
    int code;
    std::string message;
  };
  const Case cases[] = {
      {"broken " + quoted(fixtures / "broken.geojson"), 3, "broken.geojson"},
      {"table " + quoted(fixtures / "table.csv"), 3, "non-spatial table"},
      {"unknown " + quoted(fixtures / "unknown-crs.geojson"), 3, "unknown coordinate reference system"},
      {"missing " + quoted(fixtures / "no-such-file.geojson"), 3, "no-such-file.geojson"},
      {"noprj " + quoted(shapefile), 3, "no coordinate reference system"},
      {"zone " + quoted(fixtures / "zone.geojson") + " --select category=ppri", 3, "'category'"},
      {"zone " + quoted(fixtures / "zone.geojson") + " --select kind=seveso", 3, "--select matches no feature"},
      {"zone " + quoted(fixtures / "zone.geojson") + " --layer other", 3, "layer not found"},
      {"communes " + quoted(fixtures / "zone.geojson"), 2, "built-in layer"},
      {"Zone-1 " + quoted(fixtures / "zone.geojson"), 2, "lowercase letters"},
      {"zanplan_zone " + quoted(fixtures / "zone.geojson"), 2, "reserved"},
  };
  for (const Case& c : cases) {
    const Outcome r = run("layer add " + quoted(workspace) + " " + c.arguments);
    EXPECT_EQ(r.code, c.code) << c.arguments << "\n" << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << c.arguments << "\n" << r.out;
    EXPECT_TRUE(read(workspace) == before) << c.arguments << " changed the workspace";
  }
  EXPECT_FALSE(fs::exists(fs::path(workspace.string() + "-journal")));
}

// ---- a planner's own candidate sites --------------------------------------------------

// The gigafactory profile taking its candidates from user layer `layer`, with any area.
fs::path user_sites_profile(const fs::path& dir, const std::string& name, const std::string& candidates) {
  return write_profile(dir / (name + ".toml"), gigafactory_variant(name) + "\n[candidates]\n" + candidates);
}

// One SpatiaLite number from the workspace: `sql` selects one row with a column v.
double spatialite_number(const fs::path& workspace, const std::string& sql) {
  const std::string out = zanplan::test_support::command_output("ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) +
                                                                " -dialect sqlite -sql \"" + sql + "\" 2>/dev/null");
  const auto rows = zanplan::test_support::csv_rows(out);
  if (rows.size() != 1 || rows[0].at("v").empty()) return std::numeric_limits<double>::quiet_NaN();
  return std::stod(rows[0].at("v"));
}

// The five sites of candidate-sites.geojson, written out again here in Lambert-93.
const std::map<std::string, std::string> candidate_wkt{
    {"LIL-1", "POLYGON((703700 7059100, 704100 7059100, 704100 7059500, 703700 7059500, 703700 7059100))"},
    {"LIL-2", "POLYGON((701000 7057500, 701500 7057500, 701500 7057800, 701000 7057800, 701000 7057500))"},
    {"RBX-1", "POLYGON((712900 7065600, 713250 7065600, 713250 7065950, 712900 7065950, 712900 7065600))"},
    {"TCG-1", "POLYGON((710900 7069200, 711500 7069200, 711500 7069600, 710900 7069600, 710900 7069200))"},
    {"TCG-2", "POLYGON((711800 7070500, 712100 7070500, 712100 7070650, 711950 7070650, 711950 7070800, 711800 7070800, "
              "711800 7070500))"},
};

// The planner's five sites are scored under their own ids; area, ENAF, the substation
// distance and the ranking are checked against SpatiaLite and the export's own columns.
TEST_F(UserLayers, UserCandidateSitesAreScored) {
  const fs::path workspace = copy_of_clean("candidates.gpkg");
  Outcome r = run("layer add " + quoted(workspace) + " offered " + quoted(fixtures / "candidate-sites.geojson"));
  ASSERT_EQ(r.code, 0) << r.out;
  const fs::path profile = user_sites_profile(dir, "offered_test", "source = \"user:offered\"\nid_field = \"site\"\n");

  const auto rows = scored_rows(workspace, profile);
  ASSERT_EQ(rows.size(), candidate_wkt.size());

  // Areas as SpatiaLite measures the fixture file itself.
  std::map<std::string, double> fixture_area;
  for (const auto& row : zanplan::test_support::csv_rows(zanplan::test_support::command_output(
           "ogr2ogr -f CSV /vsistdout/ " + quoted(fixtures / "candidate-sites.geojson") +
           " -dialect sqlite -sql \"SELECT site, ST_Area(geometry) AS m2 FROM candidate_sites\" 2>/dev/null"))) {
    fixture_area[row.at("site")] = std::stod(row.at("m2"));
  }
  ASSERT_EQ(fixture_area.size(), candidate_wkt.size());
  EXPECT_DOUBLE_EQ(fixture_area.at("TCG-2"), 300.0 * 150 + 150.0 * 150);  // the L: 6.75 ha by hand

  std::vector<std::pair<long, double>> ranked;  // rank, score
  double enaf_total_ha = 0;
  for (const auto& [id, row] : rows) {
    ASSERT_EQ(candidate_wkt.count(id), 1U) << "not a planner's id: " << id;
    EXPECT_EQ(row.at("land_class"), "user");
    EXPECT_NEAR(std::stod(row.at("area_ha")), fixture_area.at(id) / 10'000, 0.01) << id;
    const std::string site = "ST_GeomFromText('" + candidate_wkt.at(id) + "', 2154)";
    // ENAF: each parcel's ENAF in proportion to its share inside the site.
    const double enaf_m2 = spatialite_number(workspace, "SELECT coalesce(sum(enaf_m2 * ST_Area(ST_Intersection(geom, " + site +
                                                            ")) / ST_Area(geom)), 0) AS v FROM parcels WHERE ST_Intersects(geom, " + site + ")");
    EXPECT_NEAR(std::stod(row.at("enaf_ha")), enaf_m2 / 10'000, 0.01) << id;
    enaf_total_ha += std::stod(row.at("enaf_ha"));
    // The commune holding the largest part (LIL-2 lies in Loos, outside the generated parcels).
    const std::string commune = zanplan::test_support::csv_rows(zanplan::test_support::command_output(
        "ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) + " -dialect sqlite -sql \"SELECT code FROM communes WHERE ST_Intersects(geom, " +
        site + ") ORDER BY ST_Area(ST_Intersection(geom, " + site + ")) DESC LIMIT 1\" 2>/dev/null")).at(0).at("code");
    EXPECT_EQ(row.at("commune"), commune) << id;
    // The nearest connectable substation at or above the profile's 225 kV.
    const double substation_m = spatialite_number(
        workspace, "SELECT min(ST_Distance(geom, " + site + ")) AS v FROM substations WHERE connectable = 1 AND tension_kv >= 225");
    ASSERT_FALSE(std::isnan(substation_m)) << id;
    EXPECT_NEAR(std::stod(row.at("substation_km")), substation_m / 1000, 0.001) << id;
    if (!row.at("rank").empty()) ranked.emplace_back(std::stol(row.at("rank")), std::stod(row.at("score")));
  }
  EXPECT_GT(enaf_total_ha, 1.0) << "some site takes ENAF land";
  // Ranks 1…n by score, highest first.
  ASSERT_FALSE(ranked.empty()) << "no planner site ranked";
  std::sort(ranked.begin(), ranked.end());
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    EXPECT_EQ(ranked[i].first, static_cast<long>(i + 1));
    if (i > 0) {
      EXPECT_GE(ranked[i - 1].second, ranked[i].second);
    }
  }

  // explain finds a site by the planner's id.
  r = run("explain " + quoted(workspace) + " --profile " + quoted(profile) + " TCG-2");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("the planner's own site, 6.75 ha"), std::string::npos) << r.out;
}

// Candidates that cannot be sites stop `score` with a config error naming the profile's
// file and the line of the key at fault.
TEST_F(UserLayers, BadCandidateSourcesNameTheProfileLine) {
  const fs::path workspace = copy_of_clean("bad-candidates.gpkg");
  for (const auto& [name, file] : {std::pair{"points", "candidate-points.geojson"}, std::pair{"twice", "candidate-duplicates.geojson"},
                                   std::pair{"offered", "candidate-sites.geojson"}}) {
    const Outcome r = run("layer add " + quoted(workspace) + " " + name + " " + quoted(fixtures / file));
    ASSERT_EQ(r.code, 0) << r.out;
  }
  struct Case {
    std::string candidates;
    std::string key;
    std::string message;
  };
  const Case cases[] = {
      {"source = \"user:points\"\nid_field = \"site\"\n", "candidates.source", "must be polygons"},
      {"source = \"user:nowhere\"\nid_field = \"site\"\n", "candidates.source", "no user layer 'nowhere'"},
      {"source = \"user:offered\"\nid_field = \"code\"\n", "candidates.id_field", "has no field 'code'"},
      {"source = \"user:twice\"\nid_field = \"site\"\n", "candidates.id_field", "duplicate site id 'A'"},
  };
  for (const Case& c : cases) {
    const fs::path profile = user_sites_profile(dir, "bad_candidates", c.candidates);
    // The profile's last lines are [candidates], source, id_field.
    const std::string text = read(profile);
    const long lines = static_cast<long>(std::count(text.begin(), text.end(), '\n'));
    const long line = c.key == "candidates.source" ? lines - 1 : lines;
    const Outcome r = run("score " + quoted(workspace) + " --profile " + quoted(profile) + " --format csv -o -");
    EXPECT_EQ(r.code, 4) << c.candidates << r.out;
    EXPECT_NE(r.out.find(profile.filename().string()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("line " + std::to_string(line)), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.key), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << r.out;
  }
  // A source that is not a user layer is refused when the profile loads.
  const fs::path profile = user_sites_profile(dir, "bad_candidates", "source = \"parcels\"\nid_field = \"site\"\n");
  const Outcome r = run("score " + quoted(workspace) + " --profile " + quoted(profile) + " --format csv -o -");
  EXPECT_EQ(r.code, 4) << r.out;
  EXPECT_NE(r.out.find("candidates.source"), std::string::npos) << r.out;
}

// ---- exclusions within a distance, and the layers checked when the profile is used -----

// Parcels within 4.5 km of the zone are excluded with its name and distance, and only those:
// the reference is SpatiaLite measuring the parcels' distance to the fixture's polygons. The
// zone covers Lille's parcels; Roubaix's nearest lie about 4 km from it, Tourcoing's 4.8 km.
TEST_F(UserLayers, ExclusionWithinDistance) {
  const fs::path workspace = copy_of_clean("within.gpkg");
  Outcome r = run("layer add " + quoted(workspace) + " zone " + quoted(fixtures / "zone.geojson"));
  ASSERT_EQ(r.code, 0) << r.out;
  const fs::path profile = write_profile(
      dir / "within_test.toml", gigafactory_variant("within_test") + "\n[[constraints.exclusions]]\nlayer = \"zone\"\nwithin_m = 4500\n");
  std::set<std::string> ours;
  for (const auto& [id, row] : scored_rows(workspace, profile)) {
    if (row.at("excluded_code") == "near_layer" && row.at("excluded_detail") == "zone, within 4500 m") ours.insert(id);
  }
  auto parcels_where = [&](const std::string& condition) {
    std::set<std::string> ids;
    for (const auto& row : zanplan::test_support::csv_rows(zanplan::test_support::command_output(
             "ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) + " -dialect sqlite -sql \"SELECT p.id FROM parcels p WHERE " +
             "p.area_m2 <= 1500000 AND " + condition + "\" 2>/dev/null"))) {
      ids.insert(row.at("id"));
    }
    return ids;
  };
  const std::string zone = std::string("ST_Transform(ST_GeomFromText('") + zone_wkt + "', 4326), 2154)";
  const std::string far = std::string("ST_Transform(ST_GeomFromText('") + far_wkt + "', 4326), 2154)";
  const std::set<std::string> theirs =
      parcels_where("(ST_Distance(p.geom, " + zone + ") <= 4500 OR ST_Distance(p.geom, " + far + ") <= 4500)");
  const std::set<std::string> inside = parcels_where("(ST_Intersects(p.geom, " + zone + ") OR ST_Intersects(p.geom, " + far + "))");
  EXPECT_GT(theirs.size(), inside.size()) << "4.5 km reach parcels outside the zone";
  const std::set<std::string> all = parcels_where("1");
  EXPECT_LT(theirs.size(), all.size()) << "and not every parcel";
  EXPECT_EQ(ours, theirs);
}

// A layer the workspace does not have, or one of points, stops score before anything is
// measured with a config error naming the profile's line and key.
TEST_F(UserLayers, ExclusionLayersAreCheckedAgainstTheWorkspace) {
  const fs::path workspace = copy_of_clean("exclusion-checks.gpkg");
  Outcome r = run("layer add " + quoted(workspace) + " points " + quoted(fixtures / "candidate-points.geojson"));
  ASSERT_EQ(r.code, 0) << r.out;
  struct Case {
    std::string constraints;
    std::string key;
    std::string message;
  };
  const Case cases[] = {
      {"[constraints]\nexclusion_layers = [\"ppri\"]\n", "constraints.exclusion_layers[0]", "no layer 'ppri'"},
      {"[[constraints.exclusions]]\nlayer = \"points\"\nwithin_m = 100\n", "constraints.exclusions[0].layer", "holds POINT"},
  };
  for (const Case& c : cases) {
    const std::string profile = gigafactory_variant("checks_test") + "\n" + c.constraints;
    const fs::path profile_path = write_profile(dir / "checks_test.toml", profile);
    // The layer is named on the line after the table header.
    const long header = static_cast<long>(std::count(profile.begin(), profile.end(), '\n')) -
                        static_cast<long>(std::count(c.constraints.begin(), c.constraints.end(), '\n')) + 1;
    r = run("score " + quoted(workspace) + " --profile " + quoted(profile_path) + " --format csv -o -");
    EXPECT_EQ(r.code, 4) << r.out;
    EXPECT_NE(r.out.find("checks_test.toml, line " + std::to_string(header + 1)), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.key), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << r.out;
  }
}

// ---- a layer as a criterion ---------------------------------------------------------

// The gigafactory's weights halved, and half the weight on the criteria in `criteria`
// (`weights` lists them: "zone_km = 0.5\n").
std::string with_criteria(std::string profile, const std::string& criteria, const std::string& weights) {
  profile = std::regex_replace(profile, std::regex("\\[weights\\][^\\[]*"),
                               "[weights]\npower_distance_km = 0.175\nmotorway_distance_km = 0.05\nlogistics = 0.10\n"
                               "enaf_ha = 0.10\nenvelope_share = 0.075\n" + weights + "\n");
  return profile + "\n" + criteria;
}

// A copy of the clean workspace with the five planner sites (offered) and the zone added.
fs::path with_offered_sites_and_zone(const fs::path& copy) {
  for (const auto& [name, file] : {std::pair{"offered", "candidate-sites.geojson"}, std::pair{"zone", "zone.geojson"}}) {
    const Outcome r = run("layer add " + quoted(copy) + " " + name + " " + quoted(fixtures / file));
    EXPECT_EQ(r.code, 0) << r.out;
  }
  return copy;
}

// The fixture's zone (both its polygons) in Lambert-93, as SpatiaLite reprojects it.
const std::string zone_l93 = std::string("ST_Union(ST_Transform(ST_GeomFromText('") + zone_wkt +
                             "', 4326), 2154), ST_Transform(ST_GeomFromText('" + far_wkt + "', 4326), 2154))";

// The zone as a "distance to" criterion, "more is better" (linear: 0 inside it, 1 from 5 km),
// with half the weight. The five planner sites are scored with and without it; the new score
// of every site is worked out here from the first run's score and SpatiaLite's distance:
// 0.5 × old score + 0.5 × min(1, d / 5 km), and the new ranking must be the order of those.
TEST_F(UserLayers, DistanceCriterionChangesRanksAsAHandComputationPredicts) {
  const fs::path workspace = with_offered_sites_and_zone(copy_of_clean("criterion.gpkg"));
  const fs::path base = user_sites_profile(dir, "criterion_base", "source = \"user:offered\"\nid_field = \"site\"\n");
  const fs::path with_zone = write_profile(
      dir / "criterion_zone.toml",
      with_criteria(read(base), "[criteria.zone_km]\nlayer = \"zone\"\nmeasure = \"distance_km\"\nfunction = \"linear\"\n"
                                "ideal = 5.0\nunacceptable = 0.0\n",
                    "zone_km = 0.5\n"));
  const auto before = scored_rows(workspace, base);
  const auto after = scored_rows(workspace, with_zone);
  ASSERT_EQ(before.size(), candidate_wkt.size());
  ASSERT_EQ(after.size(), candidate_wkt.size());

  std::vector<std::pair<double, std::string>> predicted;  // score, id
  for (const auto& [id, wkt] : candidate_wkt) {
    const auto& old_row = before.at(id);
    const auto& new_row = after.at(id);
    const double d_km = spatialite_number(workspace, "SELECT ST_Distance(ST_GeomFromText('" + wkt + "', 2154), " + zone_l93 + ") AS v") / 1000;
    ASSERT_FALSE(std::isnan(d_km)) << id;
    EXPECT_NEAR(std::stod(new_row.at("raw_zone_km")), d_km, 0.001) << id;
    const double sub = std::min(1.0, d_km / 5.0);
    EXPECT_NEAR(std::stod(new_row.at("s_zone_km")), sub, 1e-4) << id;
    EXPECT_EQ(old_row.at("excluded_code"), new_row.at("excluded_code")) << id;
    if (old_row.at("rank").empty()) continue;
    const double expected = 0.5 * std::stod(old_row.at("score")) + 0.5 * sub;
    EXPECT_NEAR(std::stod(new_row.at("score")), expected, 2e-4) << id;
    predicted.emplace_back(expected, id);
  }
  ASSERT_GE(predicted.size(), 3U) << "enough sites ranked to compare orders";
  std::sort(predicted.begin(), predicted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> order_before(predicted.size()), order_after(predicted.size()), order_predicted;
  for (const auto& [expected, id] : predicted) {
    order_predicted.push_back(id);
    order_before.at(std::stoul(before.at(id).at("rank")) - 1) = id;
    order_after.at(std::stoul(after.at(id).at("rank")) - 1) = id;
  }
  for (std::size_t i = 1; i < predicted.size(); ++i) {
    ASSERT_GT(predicted[i - 1].first - predicted[i].first, 1e-3) << "no near tie that rounding could swap";
  }
  EXPECT_EQ(order_after, order_predicted);
  EXPECT_NE(order_after, order_before) << "the criterion changes the ranking";

  // explain shows the measure, its value function and its weighted term.
  const Outcome r = run("explain " + quoted(workspace) + " --profile " + quoted(with_zone) + " " + order_after.front());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Distance to layer zone (km)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("zone_km"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("weight 0.500"), std::string::npos) << r.out;
}

// The share of each site the zone covers, and the `alea` of the zone polygon covering most
// of it (0 where none does), against SpatiaLite's intersections of the fixture's polygons;
// without `missing`, a site no polygon covers is not ranked.
TEST_F(UserLayers, ShareAndAttributeCriteriaMeasureAsSpatiaLiteDoes) {
  const fs::path workspace = with_offered_sites_and_zone(copy_of_clean("share.gpkg"));
  const fs::path base = user_sites_profile(dir, "share_base", "source = \"user:offered\"\nid_field = \"site\"\n");
  const std::string criteria =
      "[criteria.zone_share]\nlayer = \"zone\"\nmeasure = \"share_covered\"\nfunction = \"linear\"\nideal = 0.0\nunacceptable = 1.0\n"
      "[criteria.zone_alea]\nlayer = \"zone\"\nmeasure = \"attribute\"\nfield = \"alea\"\nMISSING"
      "function = \"step\"\nthresholds = [0.0, 2.0]\nscores = [1.0, 0.5, 0.0]\n";
  const fs::path with_missing = write_profile(
      dir / "share_missing.toml",
      with_criteria(read(base), std::regex_replace(criteria, std::regex("MISSING"), "missing = 0\n"), "zone_share = 0.25\nzone_alea = 0.25\n"));
  const fs::path without_missing = write_profile(
      dir / "share_strict.toml", with_criteria(read(base), std::regex_replace(criteria, std::regex("MISSING"), ""),
                                               "zone_share = 0.25\nzone_alea = 0.25\n"));
  const auto lenient = scored_rows(workspace, with_missing);
  const auto strict = scored_rows(workspace, without_missing);
  ASSERT_EQ(lenient.size(), candidate_wkt.size());
  std::size_t covered = 0, uncovered = 0;
  for (const auto& [id, wkt] : candidate_wkt) {
    const std::string site = "ST_GeomFromText('" + wkt + "', 2154)";
    const double share = spatialite_number(workspace, "SELECT coalesce(ST_Area(ST_Intersection(" + site + ", " + zone_l93 +
                                                          ")), 0) / ST_Area(" + site + ") AS v");
    EXPECT_NEAR(std::stod(lenient.at(id).at("raw_zone_share")), share, 1e-4) << id;
    // The fixture's zone polygon has alea 3; the far triangle (alea 1) covers none of the sites.
    const bool inside = share > 0;
    EXPECT_EQ(std::stod(lenient.at(id).at("raw_zone_alea")), inside ? 3.0 : 0.0) << id;
    // step: 1 up to 0, 0.5 up to 2, 0 above.
    EXPECT_NEAR(std::stod(lenient.at(id).at("s_zone_alea")), inside ? 0.0 : 1.0, 1e-9) << id;
    if (inside) {
      ++covered;
      EXPECT_EQ(strict.at(id).at("raw_zone_alea"), "3") << id;
    } else {
      ++uncovered;
      EXPECT_EQ(strict.at(id).at("excluded_code"), "unmeasured") << id;
      EXPECT_EQ(strict.at(id).at("excluded_detail"), "zone_alea") << id;
      EXPECT_EQ(strict.at(id).at("raw_zone_alea"), "") << id;
    }
  }
  EXPECT_GT(covered, 0U) << "the zone covers a Lille site";
  EXPECT_GT(uncovered, 0U) << "and leaves others";
}

// A criterion's layer or field that the workspace lacks or cannot serve, and criteria a
// profile cannot use, are config errors (exit 4) naming the profile's line and key.
TEST_F(UserLayers, CriterionLayersAreCheckedAgainstTheWorkspace) {
  const fs::path workspace = copy_of_clean("criterion-checks.gpkg");
  Outcome r = run("layer add " + quoted(workspace) + " zone " + quoted(fixtures / "zone.geojson"));
  ASSERT_EQ(r.code, 0) << r.out;
  struct Case {
    std::string criterion;  // the [criteria.c] table's keys
    std::string key;
    std::string message;
  };
  const Case cases[] = {
      {"layer = \"ppri\"\nmeasure = \"distance_km\"\n", "criteria.c.layer", "no layer 'ppri'"},
      {"layer = \"substations\"\nmeasure = \"share_covered\"\n", "criteria.c.layer", "holds POINT"},
      {"layer = \"zone\"\nmeasure = \"attribute\"\nfield = \"depth\"\n", "criteria.c.field", "has no field 'depth'"},
      {"layer = \"zone\"\nmeasure = \"attribute\"\nfield = \"nom\"\n", "criteria.c.field", "is not numeric"},
      {"layer = \"zone\"\nmeasure = \"area\"\n", "criteria.c.measure", "must be \"distance_km\""},
      {"layer = \"zone\"\nmeasure = \"distance_km\"\nfield = \"alea\"\n", "criteria.c.field", "attribute\" only"},
  };
  for (const Case& c : cases) {
    std::string profile = gigafactory_variant("criterion_checks");
    const std::string table = "[criteria.c]\n" + c.criterion + "function = \"linear\"\nideal = 0.0\nunacceptable = 1.0\n";
    profile = with_criteria(profile, table, "c = 0.5\n");
    const fs::path profile_path = write_profile(dir / "criterion_checks.toml", profile);
    // The line of the key at fault, counted in the text written.
    const std::string wanted = c.key.substr(c.key.rfind('.') + 1) + " = ";
    const std::size_t at = profile.find(wanted, profile.find("[criteria.c]"));
    ASSERT_NE(at, std::string::npos);
    const long line = static_cast<long>(std::count(profile.begin(), profile.begin() + static_cast<long>(at), '\n')) + 1;
    r = run("score " + quoted(workspace) + " --profile " + quoted(profile_path) + " --format csv -o -");
    EXPECT_EQ(r.code, 4) << c.criterion << r.out;
    EXPECT_NE(r.out.find("criterion_checks.toml, line " + std::to_string(line)), std::string::npos) << c.criterion << r.out;
    EXPECT_NE(r.out.find(c.key), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << r.out;
  }
}

}  // namespace
