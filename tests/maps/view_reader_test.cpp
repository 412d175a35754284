// MapLayerReader, the per-view reader of large layers: on a GeoPackage written here (small
// squares, and long thin diagonal strips whose boxes meet many views their geometry does not),
// each read returns exactly the features whose stored boxes meet the box, as a brute-force
// filter over every feature finds them, through the R-tree.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

#include "zanplan/map_data.hpp"

namespace fs = std::filesystem;
using zanplan::MapBounds;

namespace {

struct Written {
  fs::path path;
  std::vector<std::pair<std::string, MapBounds>> boxes;  // every feature's id and Lambert-93 box
};

// 3,000 features around Amiens in Lambert-93: squares of 20–200 m and, every tenth, a
// diagonal strip 5 km long and 10 m wide.
Written write_workspace() {
  GDALAllRegister();
  Written out;
  out.path = fs::temp_directory_path() / ("zanplan-view-reader-" + std::to_string(getpid()) + ".gpkg");
  fs::remove(out.path);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDataset* dataset = driver->Create(out.path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  OGRSpatialReference lambert;
  lambert.importFromEPSG(2154);
  OGRLayer* layer = dataset->CreateLayer("parcels", &lambert, wkbPolygon, nullptr);
  OGRFieldDefn id("id", OFTString);
  layer->CreateField(&id);
  OGRFieldDefn label("land_class", OFTString);
  layer->CreateField(&label);
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> ux(640000, 660000), uy(6970000, 6990000), side(20, 200);
  EXPECT_EQ(layer->StartTransaction(), OGRERR_NONE);
  for (int i = 0; i < 3000; ++i) {
    const double x = ux(random), y = uy(random);
    OGRLinearRing ring;
    if (i % 10 == 0) {
      ring.addPoint(x, y);
      ring.addPoint(x + 10, y);
      ring.addPoint(x + 3510, y + 3500);
      ring.addPoint(x + 3500, y + 3500);
    } else {
      const double s = side(random);
      ring.addPoint(x, y);
      ring.addPoint(x + s, y);
      ring.addPoint(x + s, y + s);
      ring.addPoint(x, y + s);
    }
    ring.closeRings();
    OGRPolygon polygon;
    polygon.addRing(&ring);
    OGREnvelope e;
    polygon.getEnvelope(&e);
    MapBounds b;
    b.add(e.MinX, e.MinY);
    b.add(e.MaxX, e.MaxY);
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("id", ("p" + std::to_string(i)).c_str());
    feature.SetField("land_class", i % 3 == 0 ? "enaf" : "artificialised");
    feature.SetGeometry(&polygon);
    EXPECT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
    out.boxes.emplace_back("p" + std::to_string(i), b);
  }
  EXPECT_EQ(layer->CommitTransaction(), OGRERR_NONE);
  GDALClose(dataset);
  return out;
}

struct RemovedAtExit {
  Written written = write_workspace();
  ~RemovedAtExit() {
    std::error_code ignored;
    fs::remove(written.path, ignored);
  }
};

const Written& workspace() {
  static const RemovedAtExit file;
  return file.written;
}

std::set<std::string> ids_of(const zanplan::MapLayerData& data) {
  std::set<std::string> ids;
  for (const auto& f : data.features) ids.insert(f.id);
  return ids;
}

}  // namespace

TEST(MapLayerReader, ReturnsExactlyTheFeaturesWhoseBoxesMeetTheBox) {
  const Written& w = workspace();
  zanplan::MapLayerReader reader(w.path, {"parcels", "id", "", "land_class", "", std::nullopt});
  ASSERT_TRUE(reader.uses_rtree());
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> ux(635000, 665000), uy(6965000, 6995000), size(50, 8000);
  std::size_t some_strip_box_only = 0;
  for (int round = 0; round < 40; ++round) {
    MapBounds box;
    const double x = ux(random), y = uy(random);
    box.add(x, y);
    box.add(x + size(random), y + size(random));
    std::set<std::string> expected;
    for (const auto& [id, b] : w.boxes) {
      if (b.intersects(box)) expected.insert(id);
    }
    const auto data = reader.read(box);
    EXPECT_EQ(ids_of(data), expected) << "round " << round;
    EXPECT_EQ(data.features.size(), expected.size()) << "a feature read twice";
    // OGR's own spatial filter tests the geometries: a subset, smaller where a strip's box
    // meets the box but the strip does not.
    zanplan::MapLayerRequest filtered{"parcels", "id", "", "", "", box};
    const auto exact = ids_of(zanplan::read_map_layer(w.path, filtered));
    EXPECT_TRUE(std::includes(expected.begin(), expected.end(), exact.begin(), exact.end()));
    some_strip_box_only += expected.size() - exact.size();
  }
  EXPECT_GT(some_strip_box_only, 0U) << "the scenes never tell box from geometry";
}

TEST(MapLayerReader, ReadsGeometriesInWebMercatorWithTheirLabels) {
  const Written& w = workspace();
  zanplan::MapLayerReader reader(w.path, {"parcels", "id", "", "land_class", "", std::nullopt});
  MapBounds all;
  all.add(600000, 6900000);
  all.add(700000, 7100000);
  const auto data = reader.read(all);
  ASSERT_EQ(data.features.size(), w.boxes.size());
  const auto whole = zanplan::read_map_layer(w.path, {"parcels", "id", "", "land_class", "", std::nullopt});
  ASSERT_EQ(whole.features.size(), data.features.size());
  for (std::size_t i = 0; i < whole.features.size(); ++i) {
    EXPECT_EQ(data.features[i].id, whole.features[i].id);
    EXPECT_EQ(data.features[i].label, whole.features[i].label);
    EXPECT_EQ(data.features[i].xy, whole.features[i].xy);
  }
  // The Web Mercator box of a Lambert-93 box, converted back, holds it.
  const MapBounds view = whole.bounds;
  const MapBounds back = zanplan::web_mercator_box_to_lambert93(view);
  std::set<std::string> every;
  for (const auto& [id, b] : w.boxes) every.insert(id);
  EXPECT_EQ(ids_of(reader.read(back)), every);
}

TEST(MapLayerReader, ACancelledReadStopsEarly) {
  const Written& w = workspace();
  zanplan::MapLayerReader reader(w.path, {"parcels", "id", "", "", "", std::nullopt});
  MapBounds all;
  all.add(600000, 6900000);
  all.add(700000, 7100000);
  std::atomic<bool> cancel{true};
  EXPECT_LT(reader.read(all, &cancel).features.size(), w.boxes.size());
  EXPECT_TRUE(reader.read(MapBounds()).features.empty());
}

TEST(MapLayerReader, AMissingFieldFailsWhenOpening) {
  EXPECT_THROW(zanplan::MapLayerReader(workspace().path, {"parcels", "nope", "", "", "", std::nullopt}), std::exception);
}
