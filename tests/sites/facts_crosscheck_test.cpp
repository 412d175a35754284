// Cross-check of site distances against an independent computation: SpatiaLite's
// ST_Distance, run by GDAL's SQLite dialect over the same workspace, on seeded random
// parcels and substations.
#include <cmath>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "support/temporary.hpp"

#include "ogr/handles.hpp"
#include "workspace/builder.hpp"
#include "zanplan/sites.hpp"

using namespace zanplan;

namespace {

std::filesystem::path random_workspace() {
  const auto path = zanplan::test_support::temporary("zanplan_facts_crosscheck.gpkg");
  workspace::Builder b(path, "99", "Testland");
  std::mt19937_64 random(42);
  auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(random() >> 11) * 0x1.0p-53; };

  auto& parcels = b.create_layer("parcels", wkbPolygon,
                                 {{"id"}, {"commune"}, {"area_m2", OFTReal}, {"land_class"}, {"enaf_m2", OFTReal}, {"synthetic", OFTInteger}});
  for (int i = 0; i < 300; ++i) {
    // Irregular quadrilaterals of 100 m to 2 km across, in a 100 km square.
    const double cx = uniform(600'000, 700'000), cy = uniform(6'900'000, 7'000'000), r = uniform(100, 1000);
    OGRLinearRing ring;
    for (int k = 0; k < 4; ++k) {
      const double angle = k * M_PI / 2 + uniform(-0.4, 0.4);
      ring.addPoint(cx + r * uniform(0.5, 1.0) * std::cos(angle), cy + r * uniform(0.5, 1.0) * std::sin(angle));
    }
    ring.closeRings();
    OGRPolygon polygon;
    polygon.addRing(&ring);
    OGRFeature f(parcels.GetLayerDefn());
    f.SetField("id", ("P" + std::to_string(1000 + i)).c_str());
    f.SetField("area_m2", polygon.get_Area());
    f.SetField("synthetic", 1);
    f.SetGeometry(&polygon);
    workspace::add_feature(parcels, f);
  }
  auto& subs = b.create_layer("substations", wkbPoint, {{"code"}, {"nom"}, {"tension_kv", OFTInteger}, {"connectable", OFTInteger}});
  for (int i = 0; i < 60; ++i) {
    OGRFeature f(subs.GetLayerDefn());
    OGRPoint p(uniform(590'000, 710'000), uniform(6'890'000, 7'010'000));
    f.SetGeometry(&p);
    f.SetField("code", ("S" + std::to_string(i)).c_str());
    f.SetField("nom", "s");
    f.SetField("tension_kv", i % 3 == 0 ? 63 : 225);
    f.SetField("connectable", i % 7 == 0 ? 0 : 1);
    workspace::add_feature(subs, f);
  }
  b.create_layer("rail_points", wkbPoint, {{"code_uic"}, {"libelle"}, {"fret", OFTInteger}});
  b.create_layer("ports", wkbPoint, {{"ne_id"}, {"name"}});
  b.create_layer("motorway_access", wkbPoint, {{"route"}, {"pr"}});
  b.commit();
  return path;
}

}  // namespace

TEST(SiteFactsCrossCheck, SubstationDistancesAgreeWithSpatiaLite) {
  const auto path = random_workspace();
  const auto sites = gather_site_facts(path, {.min_voltage_kv = 225}).sites;

  auto dataset = ogr::open_vector(path.string());
  OGRLayer* result = dataset->ExecuteSQL(
      "SELECT p.id AS id, MIN(ST_Distance(p.geom, s.geom)) AS d FROM parcels p, substations s "
      "WHERE s.connectable = 1 AND s.tension_kv >= 225 GROUP BY p.id",
      nullptr, "SQLITE");
  ASSERT_NE(result, nullptr);
  std::map<std::string, double> expected;
  for (auto& f : *result) expected[f->GetFieldAsString("id")] = f->GetFieldAsDouble("d");
  dataset->ReleaseResultSet(result);

  ASSERT_EQ(expected.size(), sites.size());
  for (const auto& site : sites) {
    // Both are exact Euclidean distances in the plane; 1 mm covers floating-point noise.
    EXPECT_NEAR(site.substation.distance_km * 1000.0, expected.at(site.id), 1e-3) << site.id;
  }
}
