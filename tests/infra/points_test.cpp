// Rail points, ports and brownfields.
// Fixtures: tests/fixtures/infra/liste-des-gares-sample.geojson (4 features of
// data/region-32/real/transport/sncf-liste-des-gares.geojson, properties unchanged) and
// tests/fixtures/infra/friches-standard-sample.csv (the header and 7 rows of the
// Cartofriches file, rewritten by Python's csv module: values unchanged).
#include <gtest/gtest.h>

#include "infra/infra_import.hpp"
#include "infra_harness.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;
using namespace zanplan::importer::infra;

namespace {

const auto gares = test::infra_fixture("liste-des-gares-sample.geojson");
const auto friches = test::infra_fixture("friches-standard-sample.csv");

// A workspace `communes` layer with one square commune around Lille-Flandres station
// (705087.57, 7059984.96 in Lambert-93).
void add_lille_commune(workspace::Builder& builder) {
  OGRLayer& layer = builder.create_layer("communes", wkbMultiPolygon, {{"code"}});
  OGRLinearRing ring;
  for (const auto& [x, y] : {std::pair{704000.0, 7059000.0},
                             {706000.0, 7059000.0},
                             {706000.0, 7061000.0},
                             {704000.0, 7061000.0},
                             {704000.0, 7059000.0}}) {
    ring.addPoint(x, y);
  }
  OGRPolygon square;
  square.addRing(&ring);
  OGRMultiPolygon shape;
  shape.addGeometry(&square);
  OGRFeature feature(layer.GetLayerDefn());
  feature.SetField("code", "59350");
  feature.SetGeometry(&shape);
  workspace::add_feature(layer, feature);
}

}  // namespace

// La Défense (Hauts-de-Seine) is dropped; Dunkerque, Eu (Seine-Maritime, within 2 km of the
// outline: 633 m, by the distance test of expected_counts.py) and Lille-Flandres are kept;
// La Défense is 28.7 km away.
TEST(RailPoints, RegionPointsWithFlagsAndCommune) {
  test::InfraHarness harness;
  harness.add_entry("rail_points", gares);
  harness.run(import_rail_points, add_lille_commune);
  auto rows = harness.features("rail_points", "libelle");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_FALSE(rows.contains("La Défense"));
  EXPECT_EQ(rows.at("Dunkerque")->GetFieldAsInteger("fret"), 1);
  EXPECT_EQ(rows.at("Eu")->GetFieldAsInteger("fret"), 0);
  EXPECT_EQ(rows.at("Eu")->GetFieldAsInteger("voyageurs"), 1);
  EXPECT_STREQ(rows.at("Lille-Flandres")->GetFieldAsString("code_uic"), "87286005");
  EXPECT_STREQ(rows.at("Lille-Flandres")->GetFieldAsString("commune"), "59350");
  EXPECT_TRUE(rows.at("Eu")->IsFieldNull(rows.at("Eu")->GetFieldIndex("commune")));
  // The file's own x_l93/y_l93 for Lille-Flandres, equal to
  // `echo 50.63680600009029 3.071793000654148 | cs2cs -f %.4f EPSG:4326 EPSG:2154`.
  const OGRPoint* point = rows.at("Lille-Flandres")->GetGeometryRef()->toPoint();
  EXPECT_NEAR(point->getX(), 705087.5686, 0.01);
  EXPECT_NEAR(point->getY(), 7059984.9622, 0.01);
}

TEST(RailPoints, BadFlagNamesFeatureAndKey) {
  test::InfraHarness harness;
  const auto file =
      harness.add_text("rail_points", "gares.geojson",
                       test::replaced(test::read_bytes(gares), "\"fret\": \"N\"", "\"fret\": \"?\""));
  try {
    harness.run(import_rail_points);
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, file.string());
    EXPECT_EQ(e.context().feature, 0);  // La Défense, the first feature
    EXPECT_EQ(e.context().key, "fret");
  }
}

// Inside a 10 km band (expected_counts.py): Boulogne-sur-Mer 56 m, Calais 0 m and Dunkerque
// 215 m from the outline; Dieppe 26 km, Oostende 31 km, Dover 33 km and Gent 57 km away.
// Calais: `echo 50.96583333 1.850176678 | cs2cs -f %.4f EPSG:4269 EPSG:2154` → 619055.3137
// 7097244.7180 (the same with EPSG:4326).
TEST(Ports, CoastalPortsKeptNeighboursDropped) {
  test::InfraHarness harness;
  harness.add_entry("ports", test::real_file("transport/ne_10m_ports.geojson"));
  harness.run(import_ports);
  auto rows = harness.features("ports", "name");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_TRUE(rows.contains("Dunkerque"));
  EXPECT_TRUE(rows.contains("Calais"));
  EXPECT_TRUE(rows.contains("Boulogne-sur-Mer"));
  EXPECT_EQ(rows.at("Calais")->GetFieldAsInteger64("ne_id"), 1730089135);
  EXPECT_EQ(rows.at("Calais")->GetFieldAsInteger("scalerank"), 5);
  const OGRPoint* calais = rows.at("Calais")->GetGeometryRef()->toPoint();
  EXPECT_NEAR(calais->getX(), 619055.3137, 0.01);
  EXPECT_NEAR(calais->getY(), 7097244.7180, 0.01);
  EXPECT_NE(harness.notes("ports").find("Boulogne-sur-Mer, Calais, Dunkerque"), std::string::npos)
      << harness.notes("ports");
}

// Sample rows (comm_insee as published): 50419 (Manche), 59350 (Lille), 6088 (Nice, 06088),
// 80021 (Amiens), 2305 (Aisne, 02305), 8081 (Ardennes, 08081), 51250 (Fismes, Marne,
// 1955 m outside the outline).
TEST(Brownfields, CommuneFilterRestoresLeadingZeros) {
  test::InfraHarness harness;
  harness.add_entry("brownfields", friches);
  // 60xxx/80xxx communes exist in the region: "6088" must not be read as one of them.
  harness.set_communes({"02305", "59350", "60088", "80021", "80081"});
  harness.run(import_brownfields);
  auto rows = harness.features("brownfields", "site_id");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_STREQ(rows.at("02305_11344")->GetFieldAsString("commune"), "02305");
  EXPECT_STREQ(rows.at("59350_19942")->GetFieldAsString("commune"), "59350");
  EXPECT_STREQ(rows.at("80021_21480")->GetFieldAsString("commune"), "80021");
  EXPECT_DOUBLE_EQ(rows.at("59350_19942")->GetFieldAsDouble("surface_m2"), 4502.0);
  EXPECT_STREQ(rows.at("02305_11344")->GetFieldAsString("site_nom"), "Dépôt d'OM La Fonderie");
  EXPECT_STREQ(rows.at("80021_21480")->GetFieldAsString("site_statut"), "friche sans projet");
  // `echo 50.62238 3.068339 | cs2cs -f %.4f EPSG:4326 EPSG:2154` → 704844.1942 7058377.2705
  const OGRPoint* lille = rows.at("59350_19942")->GetGeometryRef()->toPoint();
  EXPECT_NEAR(lille->getX(), 704844.1942, 0.01);
  EXPECT_NEAR(lille->getY(), 7058377.2705, 0.01);
  EXPECT_NE(harness.notes("brownfields").find("leading zero in 1 kept rows"), std::string::npos)
      << harness.notes("brownfields");
}

TEST(Brownfields, OldCodesAreRemapped) {
  test::InfraHarness harness;
  harness.add_entry("brownfields", friches);
  harness.set_communes({"59350"}, {{"80021", "59350"}});  // pretend Amiens merged into Lille
  harness.run(import_brownfields);
  auto rows = harness.features("brownfields", "site_id");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_STREQ(rows.at("80021_21480")->GetFieldAsString("commune"), "59350");
}

// Without the commune list, the point decides: Lille, Amiens, Aisne and Fismes (1955 m out).
TEST(Brownfields, PointFilterWhenCommunesAreUnknown) {
  test::InfraHarness harness;
  harness.add_entry("brownfields", friches);
  harness.run(import_brownfields);
  auto rows = harness.features("brownfields", "site_id");
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_TRUE(rows.contains("51250_28312"));
  EXPECT_STREQ(rows.at("02305_11344")->GetFieldAsString("commune"), "02305");
}

TEST(Brownfields, NotAvailableSurfaceIsNull) {
  test::InfraHarness harness;
  harness.add_text("brownfields", "friches.csv", test::replaced(test::read_bytes(friches), ";4502;", ";NA;"));
  harness.set_communes({"59350"});
  harness.run(import_brownfields);
  auto rows = harness.features("brownfields", "site_id");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_TRUE(rows.at("59350_19942")->IsFieldNull(rows.at("59350_19942")->GetFieldIndex("surface_m2")));
}

TEST(Brownfields, MalformedPointNamesFileLineAndColumn) {
  test::InfraHarness harness;
  // The Aisne row is on line 6.
  const auto file = harness.add_text(
      "brownfields", "friches.csv",
      test::replaced(test::read_bytes(friches), "POINT (3.521363 49.2055)", "POINT (3.521363,49.2055)"));
  try {
    harness.run(import_brownfields);
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, file.string());
    EXPECT_EQ(e.context().line, 6);
    EXPECT_EQ(e.context().key, "geompoint");
  }
}

TEST(Brownfields, BadSurfaceNamesLineAndColumn) {
  test::InfraHarness harness;
  harness.add_text("brownfields", "friches.csv",
                   test::replaced(test::read_bytes(friches), ";4502;", ";45O2;"));
  try {
    harness.run(import_brownfields);
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.context().line, 3);
    EXPECT_EQ(e.context().key, "unite_fonciere_surface");
  }
}
