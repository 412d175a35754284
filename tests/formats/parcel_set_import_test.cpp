// The parcels import over a set of gzip files, one per département, against the same
// parcels imported from one plain file and against GDAL's own reading of the files.
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "../synthetic/tiny_workspace.hpp"
#include "formats/cadastre.hpp"
#include "formats/formats_import.hpp"
#include "import_harness.hpp"
#include "zanplan/error.hpp"
#include "zanplan/synthetic.hpp"

using namespace zanplan;

namespace {

struct Row {
  std::string commune;
  std::string land_class;
  double area_m2 = 0.0;
  double enaf_m2 = 0.0;
  std::int64_t contenance = 0;
};

std::map<std::string, Row> parcels_of(const test::ImportHarness& harness) {
  auto dataset = harness.open();
  std::map<std::string, Row> rows;
  for (auto& f : *dataset->GetLayerByName("parcels")) {
    rows[f->GetFieldAsString("id")] = {f->GetFieldAsString("commune"), f->GetFieldAsString("land_class"),
                                       f->GetFieldAsDouble("area_m2"), f->GetFieldAsDouble("enaf_m2"),
                                       f->GetFieldAsInteger64("contenance")};
  }
  return rows;
}

std::int64_t sql_count(GDALDataset& dataset, const std::string& sql) {
  OGRLayer* result = dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (result == nullptr) return -1;
  ogr::FeaturePtr row(result->GetNextFeature());
  const std::int64_t value = row ? row->GetFieldAsInteger64(0) : -1;
  dataset.ReleaseResultSet(result);
  return value;
}

class ParcelSet : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>("zanplan-parcel-set");
    const auto workspace = dir_->path() / "tiny.gpkg";
    test::build_tiny_workspace(workspace, "98");
    (void)generate_synthetic(workspace, {.seed = 5, .density = 0.3, .output_dir = dir_->path() / "set"});
    (void)generate_synthetic(workspace, {.seed = 5,
                                         .density = 0.3,
                                         .output_dir = dir_->path() / "one",
                                         .parcels_name = "all.json",
                                         .land_cover_name = "all.csv"});
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static inline std::unique_ptr<test::TempDir> dir_;
};

void import_parcels(importer::Context& context) { importer::import_parcels(context); }

}  // namespace

TEST_F(ParcelSet, GzipSetGivesTheParcelsOfOnePlainFile) {
  test::ImportHarness set("zanplan-parcel-set-gz");
  set.add_entry("parcels", dir_->path() / "set" / "cadastre-*-parcelles.json.gz", "synthetic");
  set.add_entry("land_cover", dir_->path() / "set" / "occupation-*-parcelles.csv", "synthetic");
  set.set_communes({"99001", "99002", "99003"});
  set.set_threads(2);
  set.run(import_parcels);

  test::ImportHarness one("zanplan-parcel-set-one");
  one.add_entry("parcels", dir_->path() / "one" / "all.json", "synthetic");
  one.add_entry("land_cover", dir_->path() / "one" / "all.csv", "synthetic");
  one.set_communes({"99001", "99002", "99003"});
  one.set_threads(1);
  one.run(import_parcels);

  const auto from_set = parcels_of(set);
  const auto from_one = parcels_of(one);
  ASSERT_GT(from_set.size(), 1000U);
  ASSERT_EQ(from_set.size(), from_one.size());
  for (const auto& [id, row] : from_one) {
    const auto it = from_set.find(id);
    ASSERT_NE(it, from_set.end()) << id;
    EXPECT_EQ(it->second.commune, row.commune) << id;
    EXPECT_EQ(it->second.land_class, row.land_class) << id;
    EXPECT_EQ(it->second.area_m2, row.area_m2) << id;
    EXPECT_EQ(it->second.enaf_m2, row.enaf_m2) << id;
    EXPECT_EQ(it->second.contenance, row.contenance) << id;
  }

  // GDAL reads the gzip files on its own; its Lambert-93 areas are the importer's.
  auto transform = ogr::make_transform(ogr::wgs84(), ogr::lambert93(), "test");
  std::size_t checked = 0;
  for (const char* departement : {"98", "99"}) {
    const auto file = dir_->path() / "set" / (std::string("cadastre-") + departement + "-parcelles.json.gz");
    auto dataset = ogr::open_vector("/vsigzip/" + file.string());
    for (auto& f : *dataset->GetLayer(0)) {
      ogr::GeometryPtr g(f->GetGeometryRef()->clone());
      ASSERT_EQ(g->transform(transform.get()), OGRERR_NONE);
      const double area = g->toPolygon()->get_Area();
      const auto& row = from_set.at(f->GetFieldAsString("id"));
      EXPECT_NEAR(row.area_m2, area, 1e-6 * area) << f->GetFieldAsString("id");
      EXPECT_EQ(row.land_class == "enaf" ? row.area_m2 : 0.0, row.enaf_m2);
      ++checked;
    }
  }
  EXPECT_EQ(checked, from_set.size());

  // The R-tree, built once at the end, holds every parcel.
  auto dataset = set.open();
  EXPECT_EQ(sql_count(*dataset, "SELECT HasSpatialIndex('parcels', 'geom')"), 1);
  EXPECT_EQ(sql_count(*dataset, "SELECT COUNT(*) FROM rtree_parcels_geom"), static_cast<std::int64_t>(checked));
  const auto notes = set.provenance("parcels")[2];
  EXPECT_NE(notes.find("2 files"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("without"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("match no parcel"), std::string::npos) << notes;
}

TEST_F(ParcelSet, TruncatedGzipFileIsNamed) {
  test::ImportHarness harness("zanplan-parcel-set-truncated");
  const std::string bytes = test::read_text(dir_->path() / "set" / "cadastre-99-parcelles.json.gz");
  const auto bad = harness.dir().write("cadastre-99-parcelles.json.gz", bytes.substr(0, bytes.size() / 2));
  (void)harness.dir().write("cadastre-98-parcelles.json.gz",
                            test::read_text(dir_->path() / "set" / "cadastre-98-parcelles.json.gz"));
  harness.add_entry("parcels", harness.dir().path() / "cadastre-*-parcelles.json.gz", "synthetic");
  harness.set_communes({"99001", "99002", "99003"});
  harness.set_threads(2);
  try {
    harness.run(import_parcels);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, bad.string()) << e.describe();
  }
  EXPECT_FALSE(std::filesystem::exists(harness.workspace()));
}

TEST_F(ParcelSet, NoFileMatchingThePatternIsAnError) {
  test::ImportHarness harness("zanplan-parcel-set-none");
  harness.add_entry("parcels", harness.dir().path() / "cadastre-*-parcelles.json.gz", "synthetic");
  harness.set_communes({"99001"});
  try {
    harness.run(import_parcels);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_NE(e.context().file.find("cadastre-*-parcelles.json.gz"), std::string::npos);
  }
}
