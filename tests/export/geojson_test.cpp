// GeoJSON export checked by parsing the file with nlohmann-json: RFC 7946 structure,
// coordinates against cs2cs, ring orientation by signed areas computed here.
#include <numbers>

#include <nlohmann/json.hpp>

#include "sample_table.hpp"

using namespace zanplan;
using export_test::ExportTest;
using nlohmann::json;

namespace {

json parse(const std::filesystem::path& path) { return json::parse(export_test::file_bytes(path)); }

// Shoelace formula: positive for a counter-clockwise ring (lon east, lat north).
double signed_area(const json& ring) {
  double twice = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    twice += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
             ring[i + 1][0].get<double>() * ring[i][1].get<double>();
  }
  return twice / 2;
}

bool has_vertex(const json& ring, double lon, double lat, double tolerance) {
  for (const auto& position : ring) {
    if (std::fabs(position[0].get<double>() - lon) <= tolerance && std::fabs(position[1].get<double>() - lat) <= tolerance) {
      return true;
    }
  }
  return false;
}

// `echo 704000 7059000 | cs2cs EPSG:2154 EPSG:4326 -f %.7f` → 50.6279746 3.0564359
constexpr double corner_a_lon = 3.0564359, corner_a_lat = 50.6279746;
// `echo 706000 7061000 | cs2cs EPSG:2154 EPSG:4326 -f %.7f` → 50.6459070 3.0846841
constexpr double point_lon = 3.0846841, point_lat = 50.6459070;
constexpr double one_last_digit = 1.5e-7;  // both sides round to 7 decimals

}  // namespace

class GeoJson : public ExportTest {};

TEST_F(GeoJson, IsAnRfc7946FeatureCollectionWithMetadata) {
  const auto path = in_directory("sites.geojson");
  write_geojson(export_test::sample_table(), path);
  const json document = parse(path);
  EXPECT_EQ(document.at("type"), "FeatureCollection");
  EXPECT_FALSE(document.contains("crs"));
  EXPECT_FALSE(document.contains("bbox"));
  EXPECT_EQ(document.at("name"), "sites_test");
  EXPECT_EQ(document.at("zanplan").at("profile"), "gigafactory");
  EXPECT_EQ(document.at("zanplan").at("synthetic_inputs"), "parcels, enaf_consumption");
  ASSERT_EQ(document.at("features").size(), 3U);
  for (const auto& feature : document.at("features")) {
    EXPECT_EQ(feature.at("type"), "Feature");
    EXPECT_FALSE(feature.at("geometry").contains("bbox"));
  }
}

TEST_F(GeoJson, CoordinatesAreLonLatMatchingCs2cs) {
  const auto path = in_directory("sites.geojson");
  write_geojson(export_test::sample_table(), path);
  const json features = parse(path).at("features");
  const json& polygon = features[0].at("geometry");
  ASSERT_EQ(polygon.at("type"), "Polygon");
  EXPECT_TRUE(has_vertex(polygon.at("coordinates")[0], corner_a_lon, corner_a_lat, one_last_digit));
  const json& point = features[2].at("geometry");
  ASSERT_EQ(point.at("type"), "Point");
  EXPECT_NEAR(point.at("coordinates")[0].get<double>(), point_lon, one_last_digit);
  EXPECT_NEAR(point.at("coordinates")[1].get<double>(), point_lat, one_last_digit);
  for (const auto& feature : features) {
    const std::string text = feature.at("geometry").at("coordinates").dump();
    // At most 7 decimals: no number in the text has an 8th digit after the point.
    for (std::size_t dot = text.find('.'); dot != std::string::npos; dot = text.find('.', dot + 1)) {
      std::size_t digits = 0;
      while (dot + 1 + digits < text.size() && std::isdigit(static_cast<unsigned char>(text[dot + 1 + digits]))) ++digits;
      EXPECT_LE(digits, 7U) << text;
    }
  }
}

TEST_F(GeoJson, RingsFollowTheRightHandRule) {
  const auto path = in_directory("sites.geojson");
  write_geojson(export_test::sample_table(), path);
  const json features = parse(path).at("features");
  const json& with_hole = features[0].at("geometry").at("coordinates");
  ASSERT_EQ(with_hole.size(), 2U);
  EXPECT_GT(signed_area(with_hole[0]), 0) << "exterior must be counter-clockwise";
  EXPECT_LT(signed_area(with_hole[1]), 0) << "hole must be clockwise (it was given counter-clockwise)";
  const json& given_clockwise = features[1].at("geometry").at("coordinates");
  ASSERT_EQ(given_clockwise.size(), 1U);
  EXPECT_GT(signed_area(given_clockwise[0]), 0) << "the clockwise input must be reoriented";
  // 100 m × 100 m at 50.6°N: about 0.0014198° of longitude × 0.0008993° of latitude.
  EXPECT_NEAR(signed_area(given_clockwise[0]), 100.0 / (111'320.0 * std::cos(50.637 * std::numbers::pi / 180)) * (100.0 / 111'200.0), 2e-8);
}

TEST_F(GeoJson, PropertiesKeepTheirTypes) {
  const auto path = in_directory("sites.geojson");
  write_geojson(export_test::sample_table(), path);
  const json features = parse(path).at("features");
  const json& first = features[0].at("properties");
  EXPECT_TRUE(first.at("id").is_number_integer());
  EXPECT_EQ(first.at("id"), 1);
  EXPECT_EQ(first.at("name"), "Site \"A\", Lille\nnord");
  EXPECT_TRUE(first.at("score").is_number_float());
  EXPECT_DOUBLE_EQ(first.at("score").get<double>(), 87.5);
  EXPECT_TRUE(first.at("connectable").is_boolean());
  EXPECT_EQ(first.at("connectable"), true);
  EXPECT_TRUE(first.at("note").is_null());
  const json& second = features[1].at("properties");
  EXPECT_EQ(second.at("connectable"), false);
  EXPECT_EQ(second.at("note"), "");
  const json& third = features[2].at("properties");
  EXPECT_TRUE(third.at("connectable").is_null());
  EXPECT_TRUE(third.at("area_m2").is_null()) << "NaN is written as null";
  EXPECT_EQ(third.at("note"), "\xc3\xa9t\xc3\xa9");
}

TEST_F(GeoJson, AttributeOnlyTableHasNullGeometries) {
  ExportTable table = export_test::sample_table();
  table.geometries_wkb.clear();
  table.metadata.clear();
  const auto path = in_directory("budget.geojson");
  write_geojson(table, path);
  const json document = parse(path);
  EXPECT_FALSE(document.contains("zanplan"));
  for (const auto& feature : document.at("features")) EXPECT_TRUE(feature.at("geometry").is_null());
}

TEST_F(GeoJson, TwoWritesAreByteIdentical) {
  const auto first = in_directory("first.geojson");
  const auto second = in_directory("second.geojson");
  write_geojson(export_test::sample_table(), first);
  write_geojson(export_test::sample_table(), second);
  const std::string bytes = export_test::file_bytes(first);
  EXPECT_FALSE(bytes.empty());
  EXPECT_EQ(bytes, export_test::file_bytes(second));
  write_geojson(export_test::sample_table(), first);  // over the earlier file
  EXPECT_EQ(bytes, export_test::file_bytes(first));
}

TEST_F(GeoJson, OgrinfoReadsItWithoutWarnings) {
  if (!export_test::have_ogrinfo()) GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
  const auto path = in_directory("sites.geojson");
  write_geojson(export_test::sample_table(), path);
  const std::string summary = export_test::ogrinfo_summary(path);
  EXPECT_NE(summary.find("Feature Count: 3"), std::string::npos) << summary;
  EXPECT_FALSE(export_test::has_gdal_diagnostics(summary)) << summary;
}

namespace {

// The same features written by GDAL's own GeoJSON driver in RFC 7946 mode, 7 decimals: the
// independent reference for the reprojection, the rounding and the ring orientation.
json gdal_rfc7946(const ExportTable& table, const std::filesystem::path& path) {
  ogr::ensure_drivers_registered();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GeoJSON");
  ogr::DatasetPtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  char** options = nullptr;
  options = CSLSetNameValue(options, "RFC7946", "YES");
  options = CSLSetNameValue(options, "COORDINATE_PRECISION", "7");
  OGRSpatialReference l93 = ogr::lambert93();
  OGRLayer* layer = dataset->CreateLayer("reference", &l93, wkbUnknown, options);
  CSLDestroy(options);
  for (const std::string& bytes : table.geometries_wkb) {
    OGRFeature feature(layer->GetLayerDefn());
    OGRGeometry* raw = nullptr;
    OGRGeometryFactory::createFromWkb(bytes.data(), nullptr, &raw, bytes.size());
    feature.SetGeometryDirectly(raw);
    EXPECT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
  }
  dataset.reset();
  return parse(path);
}

// Every number of two coordinate trees, in order, within `tolerance`.
void expect_same_coordinates(const json& ours, const json& theirs, double tolerance, const std::string& where) {
  ASSERT_EQ(ours.is_array(), theirs.is_array()) << where;
  if (!ours.is_array()) {
    EXPECT_NEAR(ours.get<double>(), theirs.get<double>(), tolerance) << where;
    return;
  }
  ASSERT_EQ(ours.size(), theirs.size()) << where;
  for (std::size_t i = 0; i < ours.size(); ++i) expect_same_coordinates(ours[i], theirs[i], tolerance, where + "/" + std::to_string(i));
}

}  // namespace

TEST_F(GeoJson, GeometriesMatchGdalsRfc7946Writer) {
  ExportTable table = export_test::sample_table();
  table.rows.push_back(table.rows[0]);
  table.rows.push_back(table.rows[1]);
  // Two parts, the first clockwise with a clockwise hole; and a line string.
  table.geometries_wkb.push_back(export_test::wkb(
      "MULTIPOLYGON(((650000 7000000,650000 7000400,650300 7000400,650300 7000000,650000 7000000),"
      "(650100 7000100,650100 7000200,650200 7000200,650200 7000100,650100 7000100)),"
      "((651000 7000000,651250 7000000,651100 7000333.333,651000 7000000)))"));
  table.geometries_wkb.push_back(export_test::wkb("LINESTRING(600000 6950000,600123.456 6950987.654,601000 6951000)"));
  const auto path = in_directory("ours.geojson");
  write_geojson(table, path);
  const json ours = parse(path).at("features");
  const json theirs = gdal_rfc7946(table, in_directory("gdal.geojson")).at("features");
  ASSERT_EQ(ours.size(), theirs.size());
  for (std::size_t i = 0; i < ours.size(); ++i) {
    const json& a = ours[i].at("geometry");
    const json& b = theirs[i].at("geometry");
    EXPECT_EQ(a.at("type"), b.at("type")) << "feature " << i;
    expect_same_coordinates(a.at("coordinates"), b.at("coordinates"), 1.01e-7, "feature " + std::to_string(i));
  }
}

TEST_F(GeoJson, RealsReadBackExactlyAndStayReals) {
  ExportTable table = export_test::sample_table();
  table.rows[0][2] = 0.0;
  table.rows[1][2] = 0.1 + 0.2;
  table.rows[2][2] = 1e300;
  const auto path = in_directory("reals.geojson");
  write_geojson(table, path);
  const json features = parse(path).at("features");
  EXPECT_TRUE(features[0].at("properties").at("score").is_number_float());
  EXPECT_EQ(features[0].at("properties").at("score").get<double>(), 0.0);
  EXPECT_EQ(features[1].at("properties").at("score").get<double>(), 0.1 + 0.2);
  EXPECT_EQ(features[2].at("properties").at("score").get<double>(), 1e300);
}
