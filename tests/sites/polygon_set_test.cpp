// Reading GeoPackage geometry blobs into flat arrays: areas, centroids and perimeters worked
// out by hand; blobs as GDAL writes them and as built byte by byte here.
#include "workspace/polygon_set.hpp"

#include <cstring>

#include <gtest/gtest.h>

#include "ogr/handles.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;
using workspace::PolygonSet;

namespace {

// A GeoPackage blob: "GP", version 0, flags (byte order of the header, no envelope), SRS id,
// then the geometry's WKB in the requested byte order.
std::vector<unsigned char> blob(const std::string& wkt, OGRwkbByteOrder order = wkbNDR) {
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
  ogr::GeometryPtr owned(g);
  std::vector<unsigned char> out{'G', 'P', 0, 0x01, 0x6A, 0x08, 0, 0};  // SRS 2154, little-endian header
  std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
  g->exportToWkb(order, wkb.data(), wkbVariantIso);
  out.insert(out.end(), wkb.begin(), wkb.end());
  return out;
}

}  // namespace

TEST(PolygonSet, AnLShapeByHand) {
  PolygonSet set;
  set.append_gpkg(blob("POLYGON ((0 0,30 0,30 10,10 10,10 20,0 20,0 0))"));
  ASSERT_EQ(set.size(), 1U);
  const auto m = set.moments(0);
  // 30 × 10 + 10 × 10 = 400 m²; centroid (300·15 + 100·5)/400 = 12.5, (300·5 + 100·15)/400 = 7.5.
  EXPECT_DOUBLE_EQ(m.area, 400.0);
  EXPECT_DOUBLE_EQ(m.x, 12.5);
  EXPECT_DOUBLE_EQ(m.y, 7.5);
  EXPECT_DOUBLE_EQ(set.perimeter(0), 100.0);
  const auto box = set.box(0);
  EXPECT_DOUBLE_EQ(box.max_x, 30.0);
  EXPECT_DOUBLE_EQ(box.max_y, 20.0);
}

TEST(PolygonSet, HolesAndPartsWhateverTheWindingAndByteOrder) {
  PolygonSet set;
  // A clockwise shell with a counter-clockwise hole, big-endian: 10,000 − 400 m².
  set.append_gpkg(blob("POLYGON ((0 0,0 100,100 100,100 0,0 0),(40 40,60 40,60 60,40 60,40 40))", wkbXDR));
  set.append_gpkg(blob("MULTIPOLYGON (((0 0,10 0,10 10,0 10,0 0)),((20 0,30 0,30 10,20 10,20 0)))"));
  EXPECT_DOUBLE_EQ(set.moments(0).area, 9600.0);
  EXPECT_DOUBLE_EQ(set.moments(0).x, 50.0);
  EXPECT_DOUBLE_EQ(set.perimeter(0), 480.0);
  EXPECT_DOUBLE_EQ(set.moments(1).area, 200.0);
  EXPECT_DOUBLE_EQ(set.moments(1).x, 15.0);
  EXPECT_EQ(set.end_ring(1) - set.first_ring(1), 2U);
  EXPECT_TRUE(set.is_shell(set.first_ring(1) + 1));
}

TEST(PolygonSet, ABrokenBlobIsAnErrorAndLeavesTheSetAsItWas) {
  PolygonSet set;
  set.append_gpkg(blob("POLYGON ((0 0,1 0,1 1,0 0))"));
  auto truncated = blob("POLYGON ((0 0,30 0,30 10,10 10,10 20,0 20,0 0))");
  truncated.resize(truncated.size() - 9);
  EXPECT_THROW(set.append_gpkg(truncated), Error);
  EXPECT_THROW(set.append_gpkg(blob("POINT (1 2)")), Error);
  std::vector<unsigned char> not_gpkg{'X', 'Y', 0, 1, 0, 0, 0, 0};
  EXPECT_THROW(set.append_gpkg(not_gpkg), Error);
  EXPECT_EQ(set.size(), 1U);
  EXPECT_EQ(set.vertex_count(), 4U);
  set.pop_back();
  EXPECT_EQ(set.size(), 0U);
  EXPECT_EQ(set.vertex_count(), 0U);
}
