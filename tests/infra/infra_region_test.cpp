// The infrastructure stage on the real Hauts-de-France inputs (data/region-32), run once
// for the suite after the admin stage, as `zanplan import` does. Every expected number
// comes from the source files through an independent script:
//     /usr/bin/python3 tests/infra/expected_counts.py
// (GDAL Python bindings, csv/json modules; distance-to-outline tests instead of buffers,
// hand-written zero-padding, the region's communes straight from the Etalab JSON).
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "admin/admin_import.hpp"
#include "import/context.hpp"
#include "import/region.hpp"
#include "infra/infra_import.hpp"
#include "ogr/handles.hpp"
#include "workspace/builder.hpp"
#include "zanplan/sources.hpp"

using namespace zanplan;

class InfraRegion : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    workspace_ = std::filesystem::temp_directory_path() /
                 ("zanplan_infra_region_" + std::to_string(::getpid()) + ".gpkg");
    const auto manifest =
        load_sources(std::filesystem::path(ZANPLAN_DATA_DIR) / "region-32" / "sources.toml");
    workspace::Builder builder(workspace_, manifest.region_code, manifest.region_name);
    importer::Context context{.sources = manifest, .builder = builder};
    importer::load_region_outline(context);
    importer::import_admin(context);
    importer::import_infrastructure(context);
    builder.commit();
    dataset_ = ogr::open_vector(workspace_.string()).release();
  }

  static void TearDownTestSuite() {
    ogr::DatasetPtr closing(dataset_);
    dataset_ = nullptr;
    std::error_code ignored;
    std::filesystem::remove(workspace_, ignored);
  }

  static OGRLayer& layer(const char* name) {
    OGRLayer* found = dataset_->GetLayerByName(name);
    if (found == nullptr) throw std::runtime_error(std::string("no layer ") + name);
    found->SetAttributeFilter(nullptr);
    return *found;
  }

  static GIntBig count(const char* name, const char* where = nullptr) {
    OGRLayer& l = layer(name);
    l.SetAttributeFilter(where);
    const GIntBig n = l.GetFeatureCount(TRUE);
    l.SetAttributeFilter(nullptr);
    return n;
  }

  static ogr::FeaturePtr first(const char* name, const char* where) {
    OGRLayer& l = layer(name);
    l.SetAttributeFilter(where);
    l.ResetReading();
    ogr::FeaturePtr f(l.GetNextFeature());
    l.SetAttributeFilter(nullptr);
    return f;
  }

  static std::string notes(const char* name) {
    auto f = first("zanplan_layers", (std::string("layer = '") + name + "'").c_str());
    return f ? f->GetFieldAsString("notes") : std::string("<no provenance row>");
  }

  static inline std::filesystem::path workspace_;
  static inline GDALDataset* dataset_ = nullptr;
};

// expected_counts.py: "substations 404 connectable 332 tap points 62 kv 0 6 of 5079".
TEST_F(InfraRegion, Substations) {
  EXPECT_EQ(count("substations"), 404);
  EXPECT_EQ(count("substations", "connectable = 1"), 332);
  EXPECT_EQ(count("substations", "fonction = 'Point de piquage'"), 62);
  EXPECT_EQ(count("substations", "tension_kv = 0"), 6);
  EXPECT_EQ(count("substations", "fonction = 'Point de piquage' AND connectable = 1"), 0);
  EXPECT_NE(notes("substations").find("kept the 404 of 5079 rows"), std::string::npos)
      << notes("substations");
}

// expected_counts.py: "motorway_segments 492 without tmja 391 without ratio 393
// motorway_access 202". (The source description's 484 counts depPrD only.)
TEST_F(InfraRegion, Motorways) {
  EXPECT_EQ(count("motorway_segments"), 492);
  EXPECT_EQ(count("motorway_segments", "tmja IS NULL"), 391);
  EXPECT_EQ(count("motorway_segments", "ratio_pl IS NULL"), 393);
  EXPECT_EQ(count("motorway_segments", "departement = '2'"), 0);  // always zero-padded
  EXPECT_EQ(count("motorway_access"), 202);
  EXPECT_EQ(count("motorway_access", "route NOT LIKE 'A%'"), 0);
}

// expected_counts.py: "rail_points 489 fret 228"; inside the outline itself 473 / 221, the
// source description's numbers; the 16 others are stations of neighbouring départements
// (Eu, Persan-Beaumont, ...) within 2 km. The same 16 fall in no commune of the region.
// Communes by point in polygon over communes-hauts-de-france.geojson, old codes remapped.
TEST_F(InfraRegion, RailPoints) {
  EXPECT_EQ(count("rail_points"), 489);
  EXPECT_EQ(count("rail_points", "fret = 1"), 228);
  EXPECT_EQ(count("rail_points", "commune IS NULL"), 16);
  auto lille = first("rail_points", "libelle = 'Lille-Flandres'");
  ASSERT_TRUE(lille);
  EXPECT_STREQ(lille->GetFieldAsString("commune"), "59350");
  auto amiens = first("rail_points", "libelle = 'Amiens'");
  ASSERT_TRUE(amiens);
  EXPECT_STREQ(amiens->GetFieldAsString("commune"), "80021");
}

TEST_F(InfraRegion, Ports) {
  EXPECT_EQ(count("ports"), 3);
  EXPECT_EQ(count("ports", "name IN ('Dunkerque', 'Calais', 'Boulogne-sur-Mer')"), 3);
}

// expected_counts.py: "logistics dense 60 extended 39".
TEST_F(InfraRegion, LogisticsAreas) {
  EXPECT_EQ(count("logistics_areas", "kind = 'dense'"), 60);
  EXPECT_EQ(count("logistics_areas", "kind = 'extended'"), 39);
}

// expected_counts.py: "brownfields by code 331 {59: 206, 62: 49, 60: 41, 80: 24, 02: 11}
// padded 11 naive prefix count 329". The source description's 329 took the first two
// characters of unpadded codes: it counted 9 rows of 06/08 ("6088" Nice, "8081") as 60/80
// and missed the 11 Aisne rows written "2xxx".
TEST_F(InfraRegion, Brownfields) {
  EXPECT_EQ(count("brownfields"), 331);
  EXPECT_EQ(count("brownfields", "commune LIKE '02%'"), 11);
  EXPECT_EQ(count("brownfields", "commune LIKE '59%'"), 206);
  EXPECT_EQ(count("brownfields", "commune LIKE '60%'"), 41);
  EXPECT_EQ(count("brownfields", "commune LIKE '80%'"), 24);
  EXPECT_EQ(count("brownfields", "commune LIKE '62%'"), 49);
}

// expected_counts.py: "business parks 2015 57 2014 70 2014 ids also in 2015 40 total 87".
// 80799AA (2015, no CODE_INSEE) lies in 80799 by point in polygon (same method as above);
// 76507CA's point on surface is the only one in no commune of the region (Seine-Maritime).
TEST_F(InfraRegion, BusinessParks) {
  EXPECT_EQ(count("business_parks"), 87);
  EXPECT_EQ(count("business_parks", "vintage = 2014"), 30);
  EXPECT_EQ(count("business_parks", "commune IS NULL"), 1);
  auto site = first("business_parks", "site_id = '80799AA'");
  ASSERT_TRUE(site);
  EXPECT_STREQ(site->GetFieldAsString("commune"), "80799");
  EXPECT_NE(notes("business_parks").find("40 duplicates dropped"), std::string::npos)
      << notes("business_parks");
}

// expected_counts.py: "farmland 59 4605 62 5387 ids of 62 already in 59 1 total 9991".
TEST_F(InfraRegion, Farmland) {
  EXPECT_EQ(count("farmland"), 9991);
  EXPECT_NE(notes("farmland").find("1 duplicates"), std::string::npos) << notes("farmland");
}

TEST_F(InfraRegion, EveryLayerIsLambert93WithProvenance) {
  for (const char* name : {"substations", "motorway_segments", "motorway_access", "rail_points", "ports",
                           "logistics_areas", "brownfields", "business_parks", "farmland"}) {
    SCOPED_TRACE(name);
    const OGRSpatialReference* srs = layer(name).GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "2154");
    auto row = first("zanplan_layers", (std::string("layer = '") + name + "'").c_str());
    ASSERT_TRUE(row);
    EXPECT_STREQ(row->GetFieldAsString("provenance"), "real");
    EXPECT_EQ(row->GetFieldAsInteger64("feature_count"), count(name));
    EXPECT_GT(std::string(row->GetFieldAsString("notes")).size(), 40U);
  }
}
