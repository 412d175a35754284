// Logistics areas, business parks and farmland: point-on-surface filtering, MultiPolygon
// output, duplicates between vintages or extracts, geometry repair and zipped GeoPackages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include <cpl_conv.h>

#include "infra/infra_import.hpp"
#include "infra_harness.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;
using namespace zanplan::importer::infra;

namespace {

struct Parcel {
  std::string id;
  std::string wkt;  // Lambert-93
};

// A GeoPackage with one RPG-like layer; field names in upper or lower case.
void write_parcels(const std::filesystem::path& path, const std::string& layer_name, bool upper_case,
                   const std::vector<Parcel>& parcels) {
  ogr::ensure_drivers_registered();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  ogr::DatasetPtr dataset(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  ASSERT_TRUE(dataset);
  OGRSpatialReference l93 = ogr::lambert93();
  OGRLayer* layer = dataset->CreateLayer(layer_name.c_str(), &l93, wkbMultiPolygon, nullptr);
  auto name = [&](const char* lower) {
    std::string out = lower;
    if (upper_case)
      std::transform(out.begin(), out.end(), out.begin(),
                     [](char c) { return static_cast<char>(std::toupper(c)); });
    return out;
  };
  for (const char* field : {"id_parcel", "code_cultu", "code_group"}) {
    OGRFieldDefn definition(name(field).c_str(), OFTString);
    layer->CreateField(&definition);
  }
  OGRFieldDefn surface(name("surf_parc").c_str(), OFTReal);
  layer->CreateField(&surface);
  for (const auto& parcel : parcels) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField(name("id_parcel").c_str(), parcel.id.c_str());
    feature.SetField(name("code_cultu").c_str(), "BTH");
    feature.SetField(name("code_group").c_str(), "1");
    feature.SetField(name("surf_parc").c_str(), 1.25);
    OGRGeometry* geometry = nullptr;
    ASSERT_EQ(OGRGeometryFactory::createFromWkt(parcel.wkt.c_str(), nullptr, &geometry), OGRERR_NONE);
    feature.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(geometry));
    ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
  }
}

// Zips `file` as the single member `member` of `zip`.
void zip_file(const std::filesystem::path& file, const std::filesystem::path& zip,
              const std::string& member) {
  const std::string bytes = test::read_bytes(file);
  void* handle = CPLCreateZip(zip.string().c_str(), nullptr);
  ASSERT_NE(handle, nullptr);
  ASSERT_EQ(CPLCreateFileInZip(handle, member.c_str(), nullptr), CE_None);
  ASSERT_EQ(CPLWriteFileInZip(handle, bytes.data(), static_cast<int>(bytes.size())), CE_None);
  CPLCloseFileInZip(handle);
  CPLCloseZip(handle);
}

// Squares near Lille (inside the region) and one near Lyon (outside).
const std::string lille_square =
    "MULTIPOLYGON (((704000 7059000,704100 7059000,704100 7059100,704000 7059100,704000 7059000)))";
const std::string lille_square_2 =
    "POLYGON ((705000 7059000,705100 7059000,705100 7059100,705000 7059100,705000 7059000))";
const std::string bow_tie =
    "POLYGON ((706000 7059000,706100 7059100,706100 7059000,706000 7059100,706000 7059000))";
const std::string lyon_square =
    "POLYGON ((842000 6519000,842100 6519000,842100 6519100,842000 6519100,842000 6519000))";
const std::string flat = "POLYGON ((707000 7059000,707100 7059000,707200 7059000,707000 7059000))";

}  // namespace

// Expected from expected_counts.py (point on surface within 2000 m of the outline):
// 60 dense and 39 extended areas.
TEST(LogisticsAreas, RealAreasNearTheRegion) {
  test::InfraHarness harness;
  harness.add_entry("logistics_dense",
                    test::real_file("transport/aires_logistiques/Aires_logistiques_denses.shp"));
  harness.add_entry("logistics_extended",
                    test::real_file("transport/aires_logistiques/Aires_logistiques_elargies.shp"));
  harness.run(import_logistics_areas);
  auto dataset = harness.open();
  OGRLayer* layer = dataset->GetLayerByName("logistics_areas");
  layer->SetAttributeFilter("kind = 'dense'");
  EXPECT_EQ(layer->GetFeatureCount(), 60);
  layer->SetAttributeFilter("kind = 'extended'");
  EXPECT_EQ(layer->GetFeatureCount(), 39);
  // Dense area e1 = 28 (Dunkerque): the shapefile's first vertex, from
  // `ogrinfo -al -q Aires_logistiques_denses.shp -where e1=28`, is unchanged by the
  // IGNF:LAMB93 → EPSG:2154 transformation.
  layer->SetAttributeFilter("kind = 'dense' AND area_id = '28'");
  ogr::FeaturePtr area(layer->GetNextFeature());
  ASSERT_TRUE(area);
  const OGRGeometry* geometry = area->GetGeometryRef();
  ASSERT_EQ(wkbFlatten(geometry->getGeometryType()), wkbMultiPolygon);
  const OGRLinearRing* ring = geometry->toMultiPolygon()->getGeometryRef(0)->getExteriorRing();
  EXPECT_NEAR(ring->getX(0), 653161.57, 0.001);
  EXPECT_NEAR(ring->getY(0), 7100918.7, 0.001);
  EXPECT_NE(harness.notes("logistics_areas").find("60 of 382 dense and 39 of 343 extended"),
            std::string::npos)
      << harness.notes("logistics_areas");
}

// expected_counts.py: 57 sites of 2015 and 70 of 2014 lie within 2 km; 40 idsite of 2014
// reappear in 2015, so 57 + 30 = 87 sites. Values below read with
// `ogrinfo -al -q za_simi2014.geojson -where "idsite='60409AA'"` etc.
TEST(BusinessParks, NewestVintageWinsAndPolygonsBecomeMultiPolygons) {
  test::InfraHarness harness;
  harness.add_entry("business_parks_2015", test::real_file("business_parks/za_simi2015.geojson"));
  harness.add_entry("business_parks_2014", test::real_file("business_parks/za_simi2014.geojson"));
  harness.run(import_business_parks);
  auto rows = harness.features("business_parks", "site_id");
  ASSERT_EQ(rows.size(), 87U);
  int of_2014 = 0;
  for (const auto& [id, f] : rows) {
    of_2014 += f->GetFieldAsInteger("vintage") == 2014 ? 1 : 0;
    EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbMultiPolygon) << id;
  }
  EXPECT_EQ(of_2014, 30);
  // In both files: the 2015 record is kept (its name is spelt differently there).
  EXPECT_EQ(rows.at("80523AA")->GetFieldAsInteger("vintage"), 2015);
  EXPECT_STREQ(rows.at("80523AA")->GetFieldAsString("site_nom"), "ZAC du Coquelicot");
  // Only in 2014, with CODE_INSEE 60409 and surf_brt 107799.
  EXPECT_EQ(rows.at("60409AA")->GetFieldAsInteger("vintage"), 2014);
  EXPECT_STREQ(rows.at("60409AA")->GetFieldAsString("commune"), "60409");
  EXPECT_DOUBLE_EQ(rows.at("60409AA")->GetFieldAsDouble("surface_brute_m2"), 107799.0);
  // surf_brt 0 means "not measured": stored as null.
  EXPECT_TRUE(rows.at("60471AA")->IsFieldNull(rows.at("60471AA")->GetFieldIndex("surface_brute_m2")));
  // 2015 record (no CODE_INSEE) and no workspace communes layer: no commune.
  EXPECT_TRUE(rows.at("80799AA")->IsFieldNull(rows.at("80799AA")->GetFieldIndex("commune")));
  EXPECT_DOUBLE_EQ(rows.at("80799AA")->GetFieldAsDouble("surface_brute_m2"), 831835.0);
  EXPECT_NE(harness.notes("business_parks").find("40 duplicates dropped"), std::string::npos)
      << harness.notes("business_parks");
}

TEST(Farmland, ZippedAndPlainGeoPackagesWithRepairAndDuplicates) {
  test::InfraHarness harness;
  const auto first = harness.dir() / "first.gpkg";
  write_parcels(first, "rpg_upper", true, {{"A1", lille_square}, {"B2", bow_tie}, {"C3", lyon_square}});
  // The member's name differs from the zip's: the importer must look it up.
  const auto zip = harness.dir() / "extract-59.zip";
  zip_file(first, zip, "parcelles_2021.gpkg");
  const auto second = harness.dir() / "second.gpkg";
  write_parcels(second, "rpg_lower", false, {{"A1", lille_square_2}, {"D4", lille_square_2}});
  harness.add_entry("farmland_a", zip);
  harness.add_entry("farmland_b", second);
  harness.run(import_farmland);

  auto rows = harness.features("farmland", "id_parcel");
  ASSERT_EQ(rows.size(), 3U);  // A1 (from the zip), B2 (repaired), D4; C3 is near Lyon
  EXPECT_FALSE(rows.contains("C3"));
  EXPECT_STREQ(rows.at("D4")->GetFieldAsString("code_cultu"), "BTH");
  EXPECT_STREQ(rows.at("D4")->GetFieldAsString("code_group"), "1");
  EXPECT_DOUBLE_EQ(rows.at("D4")->GetFieldAsDouble("surf_parc_ha"), 1.25);
  // A1 comes from the first entry: its square starts at x = 704000.
  OGREnvelope envelope;
  rows.at("A1")->GetGeometryRef()->getEnvelope(&envelope);
  EXPECT_DOUBLE_EQ(envelope.MinX, 704000.0);
  // The bow tie becomes two triangles of 2500 m² each.
  const OGRGeometry* repaired = rows.at("B2")->GetGeometryRef();
  EXPECT_TRUE(repaired->IsValid());
  EXPECT_EQ(repaired->toMultiPolygon()->getNumGeometries(), 2);
  EXPECT_NEAR(repaired->toMultiPolygon()->get_Area(), 5000.0, 1e-6);

  const std::string notes = harness.notes("farmland");
  EXPECT_NE(notes.find("1 duplicates"), std::string::npos) << notes;
  EXPECT_NE(notes.find("MakeValid: 1"), std::string::npos) << notes;
}

TEST(Farmland, UnrepairableGeometryNamesFileLayerAndFeature) {
  test::InfraHarness harness;
  const auto file = harness.dir() / "bad.gpkg";
  write_parcels(file, "rpg", true, {{"A1", lille_square}, {"F1", flat}});
  const auto zip = harness.dir() / "bad.zip";
  zip_file(file, zip, "bad.gpkg");
  harness.add_entry("farmland_bad", zip);
  try {
    harness.run(import_farmland);
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, zip.string());
    EXPECT_EQ(e.context().layer, "rpg");
    EXPECT_EQ(e.context().feature, 2);  // GeoPackage FIDs start at 1
  }
}

TEST(Farmland, MissingFieldIsNamed) {
  test::InfraHarness harness;
  const auto file = harness.dir() / "nofield.gpkg";
  {
    ogr::ensure_drivers_registered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    ogr::DatasetPtr dataset(driver->Create(file.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference l93 = ogr::lambert93();
    OGRLayer* layer = dataset->CreateLayer("rpg", &l93, wkbMultiPolygon, nullptr);
    OGRFieldDefn id("ID_PARCEL", OFTString);
    layer->CreateField(&id);
  }
  harness.add_entry("farmland_x", file);
  try {
    harness.run(import_farmland);
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, file.string());
    EXPECT_EQ(e.context().key, "code_cultu");
  }
}
