// The parcels import stage: the real 91216 fixture, gzip input, land cover, bad inputs.
#include <cmath>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cpl_vsi.h>

#include "formats/cadastre.hpp"
#include "formats/formats_import.hpp"
#include "import_harness.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;

namespace {

const auto epinay = test::fixture("cadastre/cadastre-91216-parcelles.json");

void import_parcels(importer::Context& context) { importer::import_parcels(context); }

ogr::FeaturePtr parcel_by_id(GDALDataset& dataset, const std::string& id) {
  OGRLayer* layer = dataset.GetLayerByName("parcels");
  layer->SetAttributeFilter(("id = '" + id + "'").c_str());
  layer->ResetReading();
  ogr::FeaturePtr feature(layer->GetNextFeature());
  layer->SetAttributeFilter(nullptr);
  return feature;
}

// A Feature in the Etalab layout; `properties` is the JSON inside {…}.
std::string feature(const std::string& properties, const std::string& ring) {
  return R"({"type":"Feature","geometry":{"type":"Polygon","coordinates":[)" + ring + R"(]},"properties":{)" +
         properties + "}}";
}

std::string properties(const std::string& id, const std::string& numero = R"("numero":"1",)") {
  return R"("id":")" + id + R"(","commune":"99001","prefixe":"000","section":"AA",)" + numero +
         R"("contenance":12345,"arpente":false,"created":"2020-01-01","updated":"2020-01-01")";
}

std::string collection(const std::vector<std::string>& features) {
  std::string text = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) text += (i > 0 ? ",\n" : "\n") + features[i];
  return text + "]}\n";
}

const std::string square = "[[2.30,48.70],[2.302,48.70],[2.302,48.701],[2.30,48.701],[2.30,48.70]]";
const std::string bowtie = "[[2.30,48.70],[2.302,48.701],[2.302,48.70],[2.30,48.701],[2.30,48.70]]";
const std::string collapsed = "[[2.30,48.70],[2.301,48.70],[2.30,48.70],[2.301,48.70],[2.30,48.70]]";

Error import_error(test::ImportHarness& harness, const std::filesystem::path& parcels) {
  harness.add_entry("parcels", parcels);
  harness.set_communes({"99001"});
  try {
    harness.run(import_parcels);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return Error(ErrorKind::internal, "none");
}

}  // namespace

TEST(ParcelsImport, RealFixtureWithLandCover) {
  test::ImportHarness harness("zanplan-parcels-real");
  const auto cover = harness.dir().write("occupation.csv",
                                         "id;land_class;enaf_share\n"
                                         "91216000AB0037;enaf;1\n"
                                         "91216000AB0026;brownfield;0\n"
                                         "91216000ZE0235;artificialised;0.25\n"
                                         "91216999ZZ9999;enaf;1\n");
  harness.add_entry("parcels", epinay);
  harness.add_entry("land_cover", cover, "synthetic");
  harness.set_communes({"91216"});
  harness.run(import_parcels);

  auto dataset = harness.open();
  OGRLayer* layer = dataset->GetLayerByName("parcels");
  ASSERT_NE(layer, nullptr);
  EXPECT_EQ(layer->GetFeatureCount(), 4241);  // ogrinfo -so: Feature Count: 4241
  EXPECT_EQ(wkbFlatten(layer->GetGeomType()), wkbPolygon);
  EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "2154");

  auto first = parcel_by_id(*dataset, "91216000AB0037");
  ASSERT_TRUE(first);
  EXPECT_STREQ(first->GetFieldAsString("commune"), "91216");
  EXPECT_STREQ(first->GetFieldAsString("section"), "AB");
  EXPECT_STREQ(first->GetFieldAsString("numero"), "37");
  EXPECT_EQ(first->GetFieldAsInteger64("contenance"), 254881);
  EXPECT_NEAR(first->GetFieldAsDouble("area_m2"), 256969.403,
              1e-3);  // ogrinfo ST_Area, see cadastre_area_test
  EXPECT_STREQ(first->GetFieldAsString("land_class"), "enaf");
  EXPECT_NEAR(first->GetFieldAsDouble("enaf_m2"), 256969.403, 1e-3);
  EXPECT_EQ(first->GetFieldAsInteger("synthetic"), 1);  // the land classes are synthetic
  OGREnvelope box;
  first->GetGeometryRef()->getEnvelope(&box);
  EXPECT_GT(box.MinX, 640'000);  // Lambert-93 metres around 2.32 E
  EXPECT_LT(box.MaxX, 660'000);

  auto brownfield = parcel_by_id(*dataset, "91216000AB0026");
  EXPECT_STREQ(brownfield->GetFieldAsString("land_class"), "brownfield");
  EXPECT_EQ(brownfield->GetFieldAsDouble("enaf_m2"), 0.0);
  auto mixed = parcel_by_id(*dataset, "91216000ZE0235");
  EXPECT_NEAR(mixed->GetFieldAsDouble("enaf_m2"), 0.25 * 213.799954882401, 1e-3);
  auto without_contenance = parcel_by_id(*dataset, "91216000AC0389");
  EXPECT_FALSE(without_contenance->IsFieldSetAndNotNull(without_contenance->GetFieldIndex("contenance")));
  EXPECT_STREQ(without_contenance->GetFieldAsString("land_class"), "unknown");

  const auto [provenance, source_file, notes] = harness.provenance("parcels");
  EXPECT_EQ(provenance, "synthetic");
  EXPECT_EQ(source_file, "cadastre-91216-parcelles.json;occupation.csv");
  EXPECT_NE(notes.find("1 parcels without contenance"), std::string::npos) << notes;
  EXPECT_NE(notes.find("4238 parcels without a land-cover row"), std::string::npos) << notes;
  EXPECT_NE(notes.find("1 land-cover rows match no parcel"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("repaired"), std::string::npos) << notes;
}

TEST(ParcelsImport, GzipInputAndCommunesOutsideTheRegion) {
  test::ImportHarness harness("zanplan-parcels-gz");
  const auto gz = harness.dir().path() / "cadastre-91216-parcelles.json.gz";
  const std::string text = test::read_text(epinay);
  VSILFILE* out = VSIFOpenL(("/vsigzip/" + gz.string()).c_str(), "wb");
  ASSERT_NE(out, nullptr);
  ASSERT_EQ(VSIFWriteL(text.data(), 1, text.size(), out), text.size());
  VSIFCloseL(out);

  harness.add_entry("parcels", gz);
  harness.set_communes({"91215"});  // 91216 is not in this region
  harness.run(import_parcels);
  auto dataset = harness.open();
  EXPECT_EQ(dataset->GetLayerByName("parcels")->GetFeatureCount(), 0);
  const auto [provenance, source_file, notes] = harness.provenance("parcels");
  EXPECT_EQ(provenance, "real");
  EXPECT_NE(notes.find("4241 parcels of communes outside the region skipped"), std::string::npos) << notes;
  EXPECT_NE(notes.find("no land_cover entry"), std::string::npos) << notes;
}

TEST(ParcelsImport, InvalidGeometryIsRepairedAndCounted) {
  test::ImportHarness harness("zanplan-parcels-repair");
  const auto file =
      harness.dir().write("parcels.json", collection({feature(properties("99001000AA0001"), square),
                                                      feature(properties("99001000AA0002"), bowtie)}));
  harness.add_entry("parcels", file);
  harness.set_communes({"99001"});
  harness.run(import_parcels);
  auto dataset = harness.open();
  const double square_area = parcel_by_id(*dataset, "99001000AA0001")->GetFieldAsDouble("area_m2");
  auto repaired = parcel_by_id(*dataset, "99001000AA0002");
  // The bow-tie's two triangles cover half of the square with the same corners; the stored
  // geometry is one of them (a quarter).
  EXPECT_NEAR(repaired->GetFieldAsDouble("area_m2"), square_area / 2, square_area * 1e-3);
  EXPECT_NEAR(repaired->GetGeometryRef()->toPolygon()->get_Area(), square_area / 4, square_area * 1e-3);
  const auto notes = harness.provenance("parcels")[2];
  EXPECT_NE(notes.find("1 invalid geometries repaired with MakeValid"), std::string::npos) << notes;
  EXPECT_NE(notes.find("1 multi-part parcels stored as their largest part"), std::string::npos) << notes;
}

TEST(ParcelsImport, MissingPropertyNamesFileFeatureAndKey) {
  test::ImportHarness harness("zanplan-parcels-missing");
  const auto file =
      harness.dir().write("parcels.json", collection({feature(properties("99001000AA0001"), square),
                                                      feature(properties("99001000AA0002", ""), square)}));
  const Error e = import_error(harness, file);
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().file, file.string());
  EXPECT_EQ(e.context().feature, 1);
  EXPECT_EQ(e.context().key, "numero");
  EXPECT_FALSE(std::filesystem::exists(harness.workspace()));
}

TEST(ParcelsImport, MissingContenanceColumnIsAnError) {
  test::ImportHarness harness("zanplan-parcels-nocontenance");
  std::string props = properties("99001000AA0001");
  props = test::replace_once(props, R"("contenance":12345,)", "");
  const auto file = harness.dir().write("parcels.json", collection({feature(props, square)}));
  const Error e = import_error(harness, file);
  EXPECT_EQ(e.context().file, file.string());
  EXPECT_EQ(e.context().key, "contenance");
}

TEST(ParcelsImport, ShortIdIsAnError) {
  test::ImportHarness harness("zanplan-parcels-id");
  const auto file =
      harness.dir().write("parcels.json", collection({feature(properties("99001AA1"), square)}));
  const Error e = import_error(harness, file);
  EXPECT_EQ(e.context().feature, 0);
  EXPECT_EQ(e.context().key, "id");
}

TEST(ParcelsImport, UnrepairableGeometryNamesTheFeature) {
  test::ImportHarness harness("zanplan-parcels-collapsed");
  const auto file =
      harness.dir().write("parcels.json", collection({feature(properties("99001000AA0001"), square),
                                                      feature(properties("99001000AA0002"), square),
                                                      feature(properties("99001000AA0003"), collapsed)}));
  const Error e = import_error(harness, file);
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().file, file.string());
  EXPECT_EQ(e.context().feature, 2);
  EXPECT_EQ(e.context().key, "geometry");
  EXPECT_NE(e.message().find("99001000AA0003"), std::string::npos) << e.message();
}

TEST(ParcelsImport, BadLandClassNamesFileAndLine) {
  test::ImportHarness harness("zanplan-parcels-cover");
  const auto cover = harness.dir().write("occupation.csv",
                                         "id;land_class;enaf_share\n"
                                         "91216000AB0037;enaf;1\n"
                                         "91216000AB0026;forest;1\n");
  harness.add_entry("land_cover", cover, "synthetic");
  const Error e = import_error(harness, epinay);
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().file, cover.string());
  EXPECT_EQ(e.context().line, 3);
  EXPECT_EQ(e.context().key, "land_class");
}

TEST(ParcelsImport, LandCoverShareOutOfRangeAndDuplicates) {
  test::TempDir dir("zanplan-cover");
  const auto share = dir.write("a.csv", "id;land_class;enaf_share\nX;enaf;1.5\n");
  try {
    (void)formats::read_land_cover(share);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.context().line, 2);
    EXPECT_EQ(e.context().key, "enaf_share");
  }
  const auto duplicate = dir.write("b.csv", "id;land_class;enaf_share\nX;enaf;1\nY;enaf;1\nX;enaf;0\n");
  try {
    (void)formats::read_land_cover(duplicate);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.context().line, 4);
    EXPECT_EQ(e.context().key, "id");
  }
}

// ---- a crs member after the features -------------------------------------------------

namespace {

std::string crs_member(const std::string& name) {
  return R"("crs":{"type":"name","properties":{"name":")" + name + R"("}})";
}

// Two parcels; `before` and `after` are top-level members put before and after the
// features (each with its comma when not empty).
std::string collection_with(const std::string& before, const std::vector<std::string>& rings,
                            const std::string& after) {
  std::string text = R"({"type":"FeatureCollection",)" + before + R"("features":[)";
  for (std::size_t i = 0; i < rings.size(); ++i) {
    text += (i > 0 ? ",\n" : "\n") + feature(properties(fmt::format("99001000AA{:04d}", i + 1)), rings[i]);
  }
  return text + "]" + after + "}\n";
}

// Lambert-93 squares of 100 m × 100 m near Évry.
const std::string l93_square = "[[652000,6862000],[652100,6862000],[652100,6862100],[652000,6862100],[652000,6862000]]";
const std::string l93_square2 = "[[652200,6862000],[652300,6862000],[652300,6862100],[652200,6862100],[652200,6862000]]";
// Web Mercator metres small enough to pass for degrees: read as WGS84, they would not fail.
const std::string mercator_square = "[[100,45],[101,45],[101,46],[100,46],[100,45]]";
const std::string mercator_square2 = "[[102,45],[103,45],[103,46],[102,46],[102,45]]";

bool workspace_left(const test::ImportHarness& harness) {
  for (const auto& entry : std::filesystem::directory_iterator(harness.dir().path())) {
    if (entry.path().filename().string().starts_with(harness.workspace().filename().string())) return true;
  }
  return false;
}

}  // namespace

// The features before a crs member have been read (and handed to the writer) as WGS84: a
// projected crs after them is refused, naming the file and the member, and no workspace is
// left behind.
TEST(ParcelsImport, CrsAfterTheFeaturesInAProjectedCrsIsRefused) {
  test::ImportHarness harness("zanplan-parcels-late-crs");
  const auto file = harness.dir().write(
      "cadastre-99-parcelles.json",
      collection_with("", {mercator_square, mercator_square2}, "," + crs_member("urn:ogc:def:crs:EPSG::3857")));
  const Error e = import_error(harness, file);
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().file, file.string());
  EXPECT_EQ(e.context().key, "crs");
  EXPECT_NE(e.message().find("WGS 84 / Pseudo-Mercator"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("before \"features\""), std::string::npos) << e.message();
  EXPECT_FALSE(workspace_left(harness));
}

// Lambert-93 metres cannot be read as WGS84: the first parcel already goes to GDAL, which
// honours the crs wherever it is.
TEST(ParcelsImport, CrsAfterTheFeaturesIsHonouredWhenTheFirstParcelFailsAsWgs84) {
  test::ImportHarness harness("zanplan-parcels-late-l93");
  harness.add_entry("parcels", harness.dir().write("cadastre-99-parcelles.json",
                                                   collection_with("", {l93_square, l93_square2},
                                                                   "," + crs_member("urn:ogc:def:crs:EPSG::2154"))));
  harness.set_communes({"99001"});
  harness.run(import_parcels);
  auto dataset = harness.open();
  EXPECT_EQ(dataset->GetLayerByName("parcels")->GetFeatureCount(), 2);
  const auto first = parcel_by_id(*dataset, "99001000AA0001");
  ASSERT_TRUE(first);
  EXPECT_NEAR(first->GetFieldAsDouble("area_m2"), 10'000.0, 1e-6);
}

// The same parcels with the crs before the features: GDAL reads the file, in Lambert-93.
TEST(ParcelsImport, CrsBeforeTheFeaturesIsHonoured) {
  test::ImportHarness harness("zanplan-parcels-early-crs");
  harness.add_entry("parcels", harness.dir().write("cadastre-99-parcelles.json",
                                                   collection_with(crs_member("urn:ogc:def:crs:EPSG::2154") + ",",
                                                                   {l93_square, l93_square2}, "")));
  harness.set_communes({"99001"});
  harness.run(import_parcels);
  auto dataset = harness.open();
  const auto first = parcel_by_id(*dataset, "99001000AA0001");
  ASSERT_TRUE(first);
  EXPECT_NEAR(first->GetFieldAsDouble("area_m2"), 10'000.0, 1e-6);
  OGREnvelope box;
  first->GetGeometryRef()->getEnvelope(&box);
  EXPECT_NEAR(box.MinX, 652'000, 1e-6);
  EXPECT_NEAR(box.MaxY, 6'862'100, 1e-6);
}

// A late crs that says WGS84 (RFC 7946's CRS84, or EPSG:4326 read longitude first as GDAL
// does) changes nothing: the parcels are those of the file without it.
TEST(ParcelsImport, CrsAfterTheFeaturesInWgs84IsAccepted) {
  for (const char* name : {"urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326"}) {
    test::ImportHarness harness("zanplan-parcels-late-wgs84");
    harness.add_entry("parcels", harness.dir().write("cadastre-99-parcelles.json",
                                                     collection_with("", {square, bowtie}, "," + crs_member(name))));
    harness.set_communes({"99001"});
    harness.run(import_parcels);
    auto dataset = harness.open();
    EXPECT_EQ(dataset->GetLayerByName("parcels")->GetFeatureCount(), 2) << name;
    const auto first = parcel_by_id(*dataset, "99001000AA0001");
    ASSERT_TRUE(first) << name;
    EXPECT_GT(first->GetFieldAsDouble("area_m2"), 10'000.0) << name;  // 0.002° × 0.001° near 48.7° N
  }
}

// The reader on its own, with coordinates that read as WGS84 without failing: every parcel
// is handed out before the crs is met, so the reader fails then rather than end quietly
// with wrong parcels. The same when GDAL takes over from the stream mid-file.
TEST(ParcelsImport, ReaderRefusesALateProjectedCrsItCouldMisread) {
  const std::string escaped = R"("section":"A\u0041")";
  const std::string late = "," + crs_member("urn:ogc:def:crs:EPSG::3857");
  std::string with_escape = collection_with("", {mercator_square, mercator_square2}, late);
  with_escape.replace(with_escape.rfind(R"("section":"AA")"), 14, escaped);
  for (const auto& [name, text, streamed] :
       {std::tuple{"cadastre-99-parcelles.json", collection_with("", {mercator_square, mercator_square2}, late), 2},
        std::tuple{"cadastre-98-parcelles.json", with_escape, 1}}) {
    test::TempDir dir("zanplan-parcels-late-crs-reader");
    const auto file = dir.write(name, text);
    formats::ParcelReader reader(file);
    for (int i = 0; i < streamed; ++i) ASSERT_TRUE(reader.next()) << name;
    try {
      (void)reader.next();
      ADD_FAILURE() << name << ": no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::input) << name;
      EXPECT_EQ(e.context().key, "crs") << name;
      EXPECT_NE(e.message().find("Pseudo-Mercator"), std::string::npos) << e.message();
    }
  }
}

// A second features member after the first: which features the file holds is not clear.
TEST(ParcelsImport, SecondFeaturesMemberIsRefused) {
  test::ImportHarness harness("zanplan-parcels-second-features");
  const auto file =
      harness.dir().write("cadastre-99-parcelles.json", collection_with("", {square, bowtie}, R"(,"features":[])"));
  const Error e = import_error(harness, file);
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().file, file.string());
  EXPECT_EQ(e.context().key, "features");
  EXPECT_FALSE(workspace_left(harness));
}
