// Site facts on hand-drawn geometries: every expected distance is worked out by hand from the
// coordinates in this file (metres, Lambert-93-like), not taken from the code.
#include "zanplan/sites.hpp"

#include <cmath>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "support/temporary.hpp"

#include "workspace/builder.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;

namespace {

constexpr double X0 = 700'000, Y0 = 7'000'000;

void add(OGRLayer& layer, const std::string& wkt, const std::vector<std::pair<const char*, std::string>>& fields) {
  OGRFeature f(layer.GetLayerDefn());
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
  f.SetGeometryDirectly(g);
  for (const auto& [k, v] : fields) f.SetField(k, v.c_str());
  workspace::add_feature(layer, f);
}

std::string pt(double dx, double dy) { return "POINT (" + std::to_string(X0 + dx) + " " + std::to_string(Y0 + dy) + ")"; }
std::string rect(double x1, double y1, double x2, double y2) {
  auto c = [](double x, double y) { return std::to_string(X0 + x) + " " + std::to_string(Y0 + y); };
  return "POLYGON ((" + c(x1, y1) + "," + c(x2, y1) + "," + c(x2, y2) + "," + c(x1, y2) + "," + c(x1, y1) + "))";
}

std::filesystem::path workspace_for_facts() {
  const auto path = zanplan::test_support::temporary("zanplan_facts_test.gpkg");
  workspace::Builder b(path, "99", "Testland");
  auto& parcels = b.create_layer("parcels", wkbPolygon,
                                 {{"id"}, {"commune"}, {"area_m2", OFTReal}, {"land_class"}, {"enaf_m2", OFTReal}, {"synthetic", OFTInteger}});
  // A: 1 km square (100 ha), all ENAF. B: 4000 m × 100 m strip (40 ha), far to the east.
  add(parcels, rect(0, 0, 1000, 1000), {{"id", "A"}, {"commune", "99001"}, {"area_m2", "1000000"}, {"land_class", "enaf"}, {"enaf_m2", "1000000"}, {"synthetic", "1"}});
  add(parcels, rect(50'000, 0, 54'000, 100), {{"id", "B"}, {"commune", "99001"}, {"area_m2", "400000"}, {"land_class", "brownfield"}, {"enaf_m2", "0"}, {"synthetic", "1"}});
  // C: 1 ha, outside any area range used below.
  add(parcels, rect(20'000, 0, 20'100, 100), {{"id", "C"}, {"commune", "99002"}, {"area_m2", "10000"}, {"land_class", "enaf"}, {"enaf_m2", "10000"}, {"synthetic", "1"}});

  auto& subs = b.create_layer("substations", wkbPoint, {{"code"}, {"nom"}, {"tension_kv", OFTInteger}, {"connectable", OFTInteger}});
  add(subs, pt(4000, 500), {{"code", "S225"}, {"nom", "East 225"}, {"tension_kv", "225"}, {"connectable", "1"}});   // 3 km from A's east edge
  add(subs, pt(-1000, 500), {{"code", "S63"}, {"nom", "West 63"}, {"tension_kv", "63"}, {"connectable", "1"}});     // 1 km, too low
  add(subs, pt(500, 1500), {{"code", "P400"}, {"nom", "Piquage"}, {"tension_kv", "400"}, {"connectable", "0"}});    // 0.5 km, not connectable
  // For B: centroid (52000, 50). N400 at (52000, 1600): 1550 m from the centroid, 1500 m from
  // the edge. E400 at (54400, 50): 2400 m from the centroid but only 400 m from the edge.
  add(subs, pt(52'000, 1600), {{"code", "N400"}, {"nom", "North 400"}, {"tension_kv", "400"}, {"connectable", "1"}});
  add(subs, pt(54'400, 50), {{"code", "E400"}, {"nom", "East 400"}, {"tension_kv", "400"}, {"connectable", "1"}});

  auto& rail = b.create_layer("rail_points", wkbPoint, {{"code_uic"}, {"libelle"}, {"fret", OFTInteger}});
  add(rail, pt(1100, 1000), {{"code_uic", "R0"}, {"libelle", "Passengers only"}, {"fret", "0"}});
  add(rail, pt(4000, 5000), {{"code_uic", "R1"}, {"libelle", "Freight"}, {"fret", "1"}});  // 3-4-5: 5 km from A's corner

  auto& ports = b.create_layer("ports", wkbPoint, {{"ne_id"}, {"name"}});
  add(ports, pt(500, 500), {{"ne_id", "P1"}, {"name", "Inside A"}});
  b.create_layer("motorway_access", wkbPoint, {{"route"}, {"pr"}});  // empty on purpose

  auto& protectedl = b.create_layer("protected", wkbPolygon, {{"name"}});
  add(protectedl, rect(999, 999, 1500, 1500), {{"name", "touches A's corner"}});
  // A layer whose name holds a double quote and SQL: legal in a GeoPackage, must be quoted.
  auto& quoted_name = b.create_layer("wet\"lands\" WHERE 0 --", wkbPolygon, {{"name"}});
  add(quoted_name, rect(49'000, -100, 50'001, 0), {{"name", "touches B's west end"}});
  // A table SQLite knows but the GeoPackage does not list in gpkg_contents.
  b.write_directly([](sqlite3& db) {
    ASSERT_EQ(sqlite3_exec(&db, "CREATE TABLE unlisted (fid INTEGER PRIMARY KEY, geom BLOB)", nullptr, nullptr, nullptr), SQLITE_OK);
  });
  b.commit();
  return path;
}

const SiteFacts& by_id(const std::vector<SiteFacts>& sites, const std::string& id) {
  for (const auto& s : sites) if (s.id == id) return s;
  throw std::runtime_error("no site " + id);
}

}  // namespace

TEST(SiteFacts, DistancesFromTheSiteEdgeToTheRightFeatures) {
  const auto measured = gather_site_facts(workspace_for_facts(),
                                          {.min_voltage_kv = 225, .exclusion_layers = {{"protected"}}, .min_area_ha = 20, .max_area_ha = 150});
  EXPECT_EQ(measured.source, "parcels");  // no assembled sites in this workspace
  EXPECT_EQ(measured.candidates_total, 3U);
  EXPECT_EQ(measured.outside_area_range, 1U);  // C
  const auto& sites = measured.sites;
  ASSERT_EQ(sites.size(), 2U);
  const auto& a = by_id(sites, "A");
  EXPECT_DOUBLE_EQ(a.area_ha, 100.0);
  EXPECT_DOUBLE_EQ(a.enaf_ha, 100.0);
  EXPECT_EQ(a.substation.code, "S225");
  EXPECT_EQ(a.substation.voltage_kv, 225);
  EXPECT_NEAR(a.substation.distance_km, 3.0, 1e-9);
  EXPECT_EQ(a.rail.code, "R1");
  EXPECT_NEAR(a.rail.distance_km, 5.0, 1e-9);
  EXPECT_EQ(a.port.name, "Inside A");
  EXPECT_DOUBLE_EQ(a.port.distance_km, 0.0);
  EXPECT_TRUE(std::isinf(a.motorway.distance_km));
  EXPECT_EQ(a.inside_exclusion, "protected");
  EXPECT_NEAR(a.centroid_x, X0 + 500, 1e-6);

  const auto& b = by_id(sites, "B");
  EXPECT_EQ(b.substation.code, "E400") << "the nearest to the edge, not to the centroid";
  EXPECT_NEAR(b.substation.distance_km, 0.4, 1e-9);
  EXPECT_TRUE(b.inside_exclusion.empty());
  EXPECT_THROW((void)by_id(sites, "C"), std::runtime_error) << "outside the area range: not measured";
}

TEST(SiteFacts, OneCandidateByIdAndUnknownIds) {
  const auto path = workspace_for_facts();
  const auto one = gather_site_facts(path, {.min_voltage_kv = 63, .only_id = std::string("C")}).sites;
  ASSERT_EQ(one.size(), 1U);
  // A single candidate is measured whatever its area. C's nearest corner is (20000, 100):
  // S225 at (4000, 500) is √(16000² + 400²) m away; S63 at (−1000, 500) is √(21000² + 400²).
  EXPECT_EQ(one[0].substation.code, "S225");
  EXPECT_NEAR(one[0].substation.distance_km, std::sqrt(16000.0 * 16000.0 + 400.0 * 400.0) / 1000.0, 1e-9);
  EXPECT_THROW((void)gather_site_facts(path, {.only_id = std::string("nope")}), Error);
  // An id is a bound value, never SQL: a quote or an injected condition finds nothing.
  EXPECT_THROW((void)gather_site_facts(path, {.only_id = std::string("x' OR '1'='1")}), Error);
  EXPECT_THROW((void)gather_site_facts(path, {.only_id = std::string("C'")}), Error);
}

TEST(SiteFacts, MissingLayerIsAWorkspaceError) {
  const auto path = zanplan::test_support::temporary("zanplan_facts_empty.gpkg");
  {
    workspace::Builder b(path, "99", "Testland");
    b.commit();
  }
  try {
    (void)gather_site_facts(path, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::workspace);
    EXPECT_EQ(e.context().layer, "substations");
  }
}

// Layer names come from profiles: quoted when the workspace lists them, refused (input error
// naming the layer) when it does not, never spliced into SQL.
TEST(SiteFacts, LayerNamesAreCheckedAndQuoted) {
  const auto path = workspace_for_facts();
  const std::string odd = "wet\"lands\" WHERE 0 --";
  const auto measured = gather_site_facts(path, {.min_voltage_kv = 225, .exclusion_layers = {{odd}}, .min_area_ha = 20, .max_area_ha = 150});
  // Spliced raw, the WHERE 0 would have emptied the layer and excluded nothing.
  EXPECT_EQ(by_id(measured.sites, "B").inside_exclusion, odd);
  EXPECT_TRUE(by_id(measured.sites, "A").inside_exclusion.empty());

  for (const std::string hostile : {"protected\" WHERE 0 --", "protected'; DROP TABLE parcels; --", "unlisted", "sqlite_master"}) {
    try {
      (void)gather_site_facts(path, {.exclusion_layers = {{hostile}}});
      ADD_FAILURE() << hostile << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::input) << hostile << ": " << e.what();
      EXPECT_EQ(e.context().layer, hostile);
      EXPECT_NE(e.message().find("not a layer of the workspace"), std::string::npos) << e.message();
    }
  }
  // Nothing was dropped: the parcels are all still there.
  EXPECT_EQ(gather_site_facts(path, {.min_area_ha = 0, .max_area_ha = 1000}).candidates_total, 3U);
}
