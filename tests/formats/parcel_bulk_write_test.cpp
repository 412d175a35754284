// The parcels import's own writer (rows through one prepared statement, the R-tree
// bulk-loaded) and its one-pass reader, against GDAL: GDAL's reading of the same files gives
// the same parcels (ids, attributes, areas and geometries to the bit), SQLite building the
// R-tree itself from the stored geometries gives the same entries, and the file is a sound
// GeoPackage.
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "../synthetic/tiny_workspace.hpp"
#include "formats/cadastre.hpp"
#include "formats/formats_import.hpp"
#include "import_harness.hpp"
#include "zanplan/synthetic.hpp"

using namespace zanplan;

namespace {

std::string sql_text(GDALDataset& dataset, const std::string& sql) {
  OGRLayer* result = dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (result == nullptr) return "(no result)";
  ogr::FeaturePtr row(result->GetNextFeature());
  std::string value = row ? row->GetFieldAsString(0) : "(no row)";
  dataset.ReleaseResultSet(result);
  return value;
}

std::vector<unsigned char> wkb(const OGRGeometry& geometry) {
  std::vector<unsigned char> bytes(static_cast<std::size_t>(geometry.WkbSize()));
  geometry.exportToWkb(wkbNDR, bytes.data(), wkbVariantIso);
  return bytes;
}

void import_parcels(importer::Context& context) { importer::import_parcels(context); }

class ParcelBulkWrite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>("zanplan-parcel-bulk");
    const auto workspace = dir_->path() / "tiny.gpkg";
    test::build_tiny_workspace(workspace, "98");
    (void)generate_synthetic(workspace, {.seed = 11, .density = 0.3, .output_dir = dir_->path() / "set"});
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static inline std::unique_ptr<test::TempDir> dir_;
};

}  // namespace

TEST_F(ParcelBulkWrite, SameParcelsAsGdalReadingTheFilesAndSameRTreeAsSqlite) {
  test::ImportHarness harness("zanplan-parcel-bulk-import");
  harness.add_entry("parcels", dir_->path() / "set" / "cadastre-*-parcelles.json.gz", "synthetic");
  harness.add_entry("land_cover", dir_->path() / "set" / "occupation-*-parcelles.csv", "synthetic");
  harness.set_communes({"99001", "99002", "99003"});
  harness.set_threads(2);
  harness.run(import_parcels);

  auto dataset = ogr::open_vector(harness.workspace().string(), true);  // the reference R-tree is added
  OGRLayer* parcels = dataset->GetLayerByName("parcels");
  ASSERT_NE(parcels, nullptr);
  std::map<std::string, ogr::FeaturePtr> stored;
  for (auto& f : *parcels) stored.emplace(f->GetFieldAsString("id"), ogr::FeaturePtr(f->Clone()));
  ASSERT_GT(stored.size(), 100U);

  // GDAL reads each département's file on its own.
  auto transform = ogr::make_transform(ogr::wgs84(), ogr::lambert93(), "test");
  std::size_t compared = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir_->path() / "set")) {
    if (file.path().extension() != ".gz") continue;
    auto source = ogr::open_vector("/vsigzip/" + file.path().string());
    for (auto& f : *source->GetLayer(0)) {
      const std::string id = f->GetFieldAsString("id");
      const auto it = stored.find(id);
      ASSERT_NE(it, stored.end()) << id;
      OGRFeature& row = *it->second;
      for (const char* field : {"commune", "prefixe", "section", "numero"})
        EXPECT_STREQ(row.GetFieldAsString(field), f->GetFieldAsString(field)) << id << " " << field;
      EXPECT_EQ(row.GetFieldAsInteger64("contenance"), f->GetFieldAsInteger64("contenance")) << id;
      ogr::GeometryPtr g(f->GetGeometryRef()->clone());
      ASSERT_EQ(g->transform(transform.get()), OGRERR_NONE);
      ASSERT_EQ(wkbFlatten(g->getGeometryType()), wkbPolygon) << id;
      ASSERT_TRUE(g->IsValid()) << id;
      EXPECT_EQ(row.GetFieldAsDouble("area_m2"), g->toPolygon()->get_Area()) << id;
      EXPECT_EQ(wkb(*row.GetGeometryRef()), wkb(*g)) << id;
      ++compared;
    }
  }
  EXPECT_EQ(compared, stored.size());

  // The GeoPackage is sound, its R-tree well formed and searchable through GDAL.
  EXPECT_EQ(sql_text(*dataset, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sql_text(*dataset, "SELECT rtreecheck('rtree_parcels_geom')"), "ok");
  EXPECT_EQ(sql_text(*dataset, "SELECT HasSpatialIndex('parcels', 'geom')"), "1");
  EXPECT_EQ(sql_text(*dataset, "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'parcels'"),
            std::to_string(stored.size()));
  // Every trigger of the table is back (the R-tree's and the feature count's).
  EXPECT_EQ(sql_text(*dataset, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'parcels'"),
            "8");

  // SQLite's own one-at-a-time build from the stored geometries gives the same entries.
  dataset->ReleaseResultSet(dataset->ExecuteSQL(
      "CREATE VIRTUAL TABLE reference_rtree USING rtree(id, minx, maxx, miny, maxy)", nullptr, nullptr));
  dataset->ReleaseResultSet(dataset->ExecuteSQL(
      "INSERT INTO reference_rtree SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) "
      "FROM parcels",
      nullptr, nullptr));
  EXPECT_EQ(sql_text(*dataset, "SELECT count(*) FROM reference_rtree"), std::to_string(stored.size()));
  EXPECT_EQ(sql_text(*dataset, "SELECT count(*) FROM rtree_parcels_geom"), std::to_string(stored.size()));
  EXPECT_EQ(sql_text(*dataset,
                     "SELECT count(*) FROM reference_rtree a JOIN rtree_parcels_geom b ON a.id = b.id "
                     "AND a.minx = b.minx AND a.maxx = b.maxx AND a.miny = b.miny AND a.maxy = b.maxy"),
            std::to_string(stored.size()));

  // A window query through the index finds what a scan of the envelopes finds.
  OGREnvelope extent;
  ASSERT_EQ(parcels->GetExtent(&extent, TRUE), OGRERR_NONE);
  const double mid_x = (extent.MinX + extent.MaxX) / 2;
  const double mid_y = (extent.MinY + extent.MaxY) / 2;
  const double half = (extent.MaxX - extent.MinX) / 10;
  std::size_t scanned = 0;
  for (const auto& [id, row] : stored) {
    OGREnvelope e;
    row->GetGeometryRef()->getEnvelope(&e);
    scanned += e.MaxX >= mid_x - half && e.MinX <= mid_x + half && e.MaxY >= mid_y - half && e.MinY <= mid_y + half;
  }
  EXPECT_GT(scanned, 0U);
  EXPECT_EQ(sql_text(*dataset, fmt::format("SELECT count(*) FROM rtree_parcels_geom WHERE maxx >= {} AND minx <= {} "
                                           "AND maxy >= {} AND miny <= {}",
                                           mid_x - half, mid_x + half, mid_y - half, mid_y + half)),
            std::to_string(scanned));
}

// A file the one-pass reader does not take to the end (an escaped character in feature 3)
// is read by GDAL from there on: every parcel is there, decoded as GDAL decodes it.
TEST(ParcelStream, FeatureOutsideThePlainLayoutIsReadByGdal) {
  auto feature = [](const std::string& id, const std::string& section, const std::string& geometry) {
    return R"({"type":"Feature","id":")" + id + R"(","geometry":)" + geometry + R"(,"properties":{"id":")" + id +
           R"(","commune":"99001","prefixe":"000","section":")" + section +
           R"(","numero":"1","contenance":100,"arpente":false}})";
  };
  auto square = [](double x) {
    return fmt::format(R"({{"type":"Polygon","coordinates":[[[{0},48.7],[{1},48.7],[{1},48.701],[{0},48.701],[{0},48.7]]]}})",
                       x, x + 0.001);
  };
  const std::string multi =
      R"({"type":"MultiPolygon","coordinates":[[[[2.31,48.7],[2.311,48.7],[2.311,48.701],[2.31,48.7]]],)"
      R"([[[2.32,48.7],[2.3205,48.7],[2.3205,48.7005],[2.32,48.7]]]]})";
  std::string text = R"({"type":"FeatureCollection","features":[)";
  text += feature("99001000AA0001", "AA", square(2.300)) + ",\n";
  text += feature("99001000AA0002", "AA", multi) + ",\n";
  text += feature("99001000AA0003", R"(A\u0041)", square(2.302)) + ",\n";
  text += feature("99001000AA0004", "AA", square(2.304)) + "]}\n";

  test::ImportHarness harness("zanplan-parcel-stream-fallback");
  harness.add_entry("parcels", harness.dir().write("cadastre-99-parcelles.json", text));
  harness.set_communes({"99001"});
  harness.run(import_parcels);

  auto dataset = harness.open();
  OGRLayer* layer = dataset->GetLayerByName("parcels");
  std::vector<std::string> ids;
  for (auto& f : *layer) {
    ids.emplace_back(f->GetFieldAsString("id"));
    EXPECT_STREQ(f->GetFieldAsString("section"), "AA") << ids.back();
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"99001000AA0001", "99001000AA0002", "99001000AA0003", "99001000AA0004"}));
  EXPECT_NE(harness.provenance("parcels")[2].find("1 multi-part parcels"), std::string::npos);
  EXPECT_EQ(sql_text(*dataset, "SELECT rtreecheck('rtree_parcels_geom')"), "ok");
  EXPECT_EQ(sql_text(*dataset, "SELECT count(*) FROM rtree_parcels_geom"), "4");

  // The reader itself: the stream takes the first two features, GDAL the rest.
  formats::ParcelReader reader(harness.dir().path() / "cadastre-99-parcelles.json");
  EXPECT_TRUE(reader.streaming());
  ASSERT_TRUE(reader.next());
  ASSERT_TRUE(reader.next());
  EXPECT_TRUE(reader.streaming());
  auto third = reader.next();
  ASSERT_TRUE(third);
  EXPECT_FALSE(reader.streaming());
  EXPECT_EQ(third->index, 2);
  EXPECT_EQ(third->section, "AA");
  ASSERT_TRUE(reader.next());
  EXPECT_FALSE(reader.next());
}
