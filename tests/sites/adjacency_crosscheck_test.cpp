// Adjacency on the real Etalab cadastre of commune 91216 (tests/fixtures/cadastre), checked
// against SpatiaLite (GEOS through GDAL's SQLite dialect) measuring the same thing its own
// way: the length of one parcel's boundary inside a buffer of the other's boundary.
#include "sites/adjacency.hpp"

#include <cmath>
#include <map>
#include <iostream>
#include <set>

#include <gtest/gtest.h>

#include "support/temporary.hpp"

#include "ogr/handles.hpp"
#include "workspace/builder.hpp"
#include "workspace/polygon_set.hpp"

using namespace zanplan;

namespace {

constexpr double tolerance = 0.5, min_shared = 5.0;

std::vector<unsigned char> gpkg_blob(const OGRGeometry& g) {
  std::vector<unsigned char> out{'G', 'P', 0, 0x01, 0x6A, 0x08, 0, 0};
  std::vector<unsigned char> wkb(static_cast<std::size_t>(g.WkbSize()));
  g.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  out.insert(out.end(), wkb.begin(), wkb.end());
  return out;
}

}  // namespace

TEST(AdjacencyCrossCheck, RealCadastreAgreesWithSpatiaLite) {
  // The fixture in Lambert-93, in a GeoPackage that SpatiaLite's SQL can read.
  const auto path = test_support::temporary("zanplan_adjacency_91216.gpkg");
  workspace::PolygonSet shapes;
  std::vector<std::string> ids;
  {
    workspace::Builder b(path, "11", "Test");
    auto& parcels = b.create_layer("parcels", wkbMultiPolygon, {{"id"}});
    const std::string source = std::string(ZANPLAN_FIXTURES_DIR) + "/cadastre/cadastre-91216-parcelles.json";
    auto input = ogr::open_vector(source);
    OGRLayer& layer = ogr::layer_of(*input, source);
    OGRSpatialReference wgs84 = ogr::wgs84();
    auto transform = ogr::make_transform(wgs84, ogr::lambert93(), source);
    for (auto& f : layer) {
      OGRGeometry* g = f->GetGeometryRef();
      ASSERT_NE(g, nullptr);
      ASSERT_EQ(g->transform(transform.get()), OGRERR_NONE);
      OGRFeature out(parcels.GetLayerDefn());
      out.SetField("id", f->GetFieldAsString("id"));
      out.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g->clone()));
      workspace::add_feature(parcels, out);
      shapes.append_gpkg(gpkg_blob(*g));
      ids.emplace_back(f->GetFieldAsString("id"));
    }
    b.commit();
  }
  ASSERT_EQ(shapes.size(), 4241U);

  // SpatiaLite's shared boundary of every pair whose boxes meet: one boundary inside a 1 mm
  // buffer of the other (the exact intersection of the two boundaries misses stretches that
  // run within a millimetre without a common vertex), and the same with a 0.5 m buffer.
  auto dataset = ogr::open_vector(path.string());
  const std::string sql =
      "SELECT a.id AS a, b.id AS b, ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Buffer(ST_Boundary(b.geom), 0.001))) AS exact, "
      "ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Buffer(ST_Boundary(b.geom), 0.5))) AS buffered "
      "FROM parcels a JOIN parcels b ON a.fid < b.fid AND a.fid IN (SELECT id FROM rtree_parcels_geom r WHERE "
      "r.minx <= MbrMaxX(b.geom) + 0.5 AND r.maxx >= MbrMinX(b.geom) - 0.5 AND "
      "r.miny <= MbrMaxY(b.geom) + 0.5 AND r.maxy >= MbrMinY(b.geom) - 0.5)";
  OGRLayer* result = dataset->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
  ASSERT_NE(result, nullptr);
  std::map<std::pair<std::string, std::string>, std::pair<double, double>> spatialite;
  for (auto& f : *result) {
    std::string a = f->GetFieldAsString("a"), b = f->GetFieldAsString("b");
    if (b < a) std::swap(a, b);
    spatialite[{a, b}] = {f->GetFieldAsDouble("exact"), f->GetFieldAsDouble("buffered")};
  }
  dataset->ReleaseResultSet(result);

  auto edges_of = [&](double snap) {
    const auto graph = sites::build_adjacency(shapes, {.snap_tolerance_m = snap, .min_shared_m = min_shared});
    std::map<std::pair<std::string, std::string>, double> out;
    for (std::size_t i = 0; i < graph.node_count(); ++i) {
      for (std::size_t k = 0; k < graph.of(i).size(); ++k) {
        std::string a = ids[i], b = ids[graph.of(i)[k]];
        if (b < a) std::swap(a, b);
        out[{a, b}] = graph.shared_of(i)[k];
      }
    }
    return out;
  };

  // 1. With a 1 mm tolerance both measure the shared boundary: the same edges, the same
  //    lengths (to a centimetre; ours are stored as float).
  const auto exact = edges_of(0.001);
  std::size_t spatialite_exact = 0;
  for (const auto& [pair, lengths] : spatialite) {
    const bool theirs = lengths.first >= min_shared;
    spatialite_exact += theirs ? 1 : 0;
    auto it = exact.find(pair);
    if (theirs != (it != exact.end())) {
      EXPECT_NEAR(lengths.first, min_shared, 0.01) << pair.first << " – " << pair.second;
    } else if (theirs) {
      EXPECT_NEAR(it->second, lengths.first, 0.01) << pair.first << " – " << pair.second;
    }
  }
  EXPECT_NEAR(static_cast<double>(exact.size()), static_cast<double>(spatialite_exact), 2.0);

  // 2. With the 0.5 m tolerance, snapping only adds neighbours, never more than the buffered
  //    measure finds (which also counts a boundary turning away within 0.5 m of the other).
  const auto snapped = edges_of(tolerance);
  for (const auto& [pair, length] : exact) EXPECT_TRUE(snapped.contains(pair)) << pair.first << " – " << pair.second;
  for (const auto& [pair, length] : snapped) {
    ASSERT_TRUE(spatialite.contains(pair));
    EXPECT_LE(length, spatialite.at(pair).second + 0.01) << pair.first << " – " << pair.second;
  }
  std::size_t spatialite_buffered = 0;
  for (const auto& [pair, lengths] : spatialite) spatialite_buffered += lengths.second >= min_shared ? 1 : 0;
  EXPECT_EQ(spatialite_buffered, 7048U);
  EXPECT_GT(snapped.size(), exact.size());
  EXPECT_LE(snapped.size(), spatialite_buffered);
  std::cout << "91216: " << spatialite_exact << " edges within 1 mm (SpatiaLite), " << exact.size() << " (zanplan), " << snapped.size() << " with 0.5 m snapping, "
            << spatialite_buffered << " by the buffered measure\n";
}
