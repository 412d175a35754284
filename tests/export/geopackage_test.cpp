// GeoPackage export read back through GDAL: the Lambert-93 layer, its metadata, the QGIS
// layer_styles row, determinism and what ogrinfo says about the file.
#include <cpl_minixml.h>

#include "export/qgis_style.hpp"
#include "sample_table.hpp"

using namespace zanplan;
using export_test::ExportTest;

namespace {

GraduatedStyle score_style() {
  return {.field = "score", .breaks = {0, 25, 50, 100}, .colours = {"#d73027", "#FEE08B", "#1a9850"},
          .title = "Score gigafactory"};
}

ogr::DatasetPtr open(const std::filesystem::path& path) { return ogr::open_vector(path.string()); }

// The single value of a one-row SQL query, as text.
std::string query_text(GDALDataset& dataset, const std::string& sql) {
  OGRLayer* result = dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (result == nullptr) return "<no result>";
  ogr::FeaturePtr feature(result->GetNextFeature());
  std::string text = feature ? feature->GetFieldAsString(0) : "<no row>";
  dataset.ReleaseResultSet(result);
  return text;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

}  // namespace

class GeoPackage : public ExportTest {};

TEST_F(GeoPackage, LayerIsLambert93WithTheTableContents) {
  const auto path = in_directory("sites.gpkg");
  write_geopackage(export_test::sample_table(), path, std::nullopt);
  auto dataset = open(path);
  ASSERT_EQ(dataset->GetLayerCount(), 1);
  OGRLayer& layer = *dataset->GetLayer(0);
  EXPECT_STREQ(layer.GetName(), "sites_test");
  ASSERT_NE(layer.GetSpatialRef(), nullptr);
  EXPECT_STREQ(layer.GetSpatialRef()->GetAuthorityCode(nullptr), "2154");
  EXPECT_EQ(layer.GetGeomType(), wkbUnknown) << "polygons and a point share no single type";
  EXPECT_STREQ(layer.GetGeometryColumn(), "geom");
  EXPECT_STREQ(layer.GetMetadataItem("synthetic_inputs"), "parcels, enaf_consumption");
  const OGRFeatureDefn& definition = *layer.GetLayerDefn();
  EXPECT_EQ(definition.GetFieldDefn(definition.GetFieldIndex("id"))->GetType(), OFTInteger64);
  EXPECT_EQ(definition.GetFieldDefn(definition.GetFieldIndex("score"))->GetType(), OFTReal);
  EXPECT_EQ(definition.GetFieldDefn(definition.GetFieldIndex("connectable"))->GetSubType(), OFSTBoolean);
  ASSERT_EQ(layer.GetFeatureCount(), 3);

  ogr::FeaturePtr first(layer.GetFeature(1));
  ASSERT_TRUE(first);
  EXPECT_STREQ(first->GetFieldAsString("name"), "Site \"A\", Lille\nnord");
  EXPECT_TRUE(first->IsFieldNull(first->GetFieldIndex("note")));
  EXPECT_EQ(first->GetFieldAsInteger("connectable"), 1);
  // Lambert-93 kept as given: area of the square minus its hole, 200² − 50².
  EXPECT_DOUBLE_EQ(first->GetGeometryRef()->toPolygon()->get_Area(), 37'500.0);
  ogr::FeaturePtr third(layer.GetFeature(3));
  ASSERT_TRUE(third);
  const OGRPoint* point = third->GetGeometryRef()->toPoint();
  EXPECT_DOUBLE_EQ(point->getX(), 706000.0);
  EXPECT_DOUBLE_EQ(point->getY(), 7061000.0);
  EXPECT_TRUE(third->IsFieldNull(third->GetFieldIndex("area_m2")));
}

TEST_F(GeoPackage, PolygonsAndMultiPolygonsMakeAMultiPolygonLayer) {
  ExportTable table = export_test::sample_table();
  table.geometries_wkb[1] = export_test::wkb("MULTIPOLYGON(((705000 7060000,705000 7060100,705100 7060100,705000 7060000)))");
  table.geometries_wkb[2] = {};  // no geometry
  const auto path = in_directory("multi.gpkg");
  write_geopackage(table, path, std::nullopt);
  auto dataset = open(path);
  OGRLayer& layer = *dataset->GetLayer(0);
  EXPECT_EQ(layer.GetGeomType(), wkbMultiPolygon);
  ogr::FeaturePtr first(layer.GetFeature(1));
  EXPECT_EQ(wkbFlatten(first->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);
  ogr::FeaturePtr third(layer.GetFeature(3));
  EXPECT_EQ(third->GetGeometryRef(), nullptr);
}

TEST_F(GeoPackage, LayerStylesRowIsTheDefaultGraduatedStyle) {
  const auto path = in_directory("sites.gpkg");
  write_geopackage(export_test::sample_table(), path, score_style());
  auto dataset = open(path);
  EXPECT_EQ(query_text(*dataset, "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'"), "attributes");
  EXPECT_EQ(query_text(*dataset, "SELECT last_change || '' FROM gpkg_contents WHERE table_name = 'sites_test'"),
            "2026-11-26T20:30:00.000Z");
  OGRLayer* styles = dataset->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  ASSERT_EQ(styles->GetFeatureCount(), 1);
  ogr::FeaturePtr row(styles->GetNextFeature());
  EXPECT_EQ(row->GetFieldAsInteger("useAsDefault"), 1);
  EXPECT_STREQ(row->GetFieldAsString("f_table_name"), "sites_test");
  EXPECT_STREQ(row->GetFieldAsString("f_table_schema"), "");
  EXPECT_STREQ(row->GetFieldAsString("f_geometry_column"), "geom");
  EXPECT_STREQ(row->GetFieldAsString("description"), "Score gigafactory");
  const std::string qml = row->GetFieldAsString("styleQML");
  EXPECT_NE(qml.find("type=\"graduatedSymbol\""), std::string::npos);
  EXPECT_NE(qml.find("attr=\"score\""), std::string::npos);
  EXPECT_EQ(occurrences(qml, "<range "), 3U);
  EXPECT_NE(qml.find("lower=\"25\" upper=\"50\""), std::string::npos);
  // #d73027 = (215, 48, 39), #FEE08B = (254, 224, 139), #1a9850 = (26, 152, 80)
  EXPECT_NE(qml.find("value=\"215,48,39,255\""), std::string::npos);
  EXPECT_NE(qml.find("value=\"254,224,139,255\""), std::string::npos);
  EXPECT_NE(qml.find("value=\"26,152,80,255\""), std::string::npos);
  EXPECT_EQ(occurrences(qml, "<symbol type=\"fill\""), 3U);
}

TEST(QgisStyle, QmlIsWellFormedWithMarkersForPoints) {
  const GraduatedStyle style{.field = "a&b", .breaks = {0.5, 1.25, 1000}, .colours = {"#000000", "#ffffff"}, .title = ""};
  const std::string qml = exporter::graduated_qml(style, wkbPoint);
  CPLXMLNode* root = CPLParseXMLString(qml.c_str());
  ASSERT_NE(root, nullptr) << qml;
  const CPLXMLNode* renderer = CPLGetXMLNode(root, "=qgis.renderer-v2");
  ASSERT_NE(renderer, nullptr);
  EXPECT_STREQ(CPLGetXMLValue(renderer, "type", ""), "graduatedSymbol");
  EXPECT_STREQ(CPLGetXMLValue(renderer, "attr", ""), "a&b");
  const CPLXMLNode* range = CPLGetXMLNode(renderer, "ranges.range");
  ASSERT_NE(range, nullptr);
  EXPECT_STREQ(CPLGetXMLValue(range, "lower", ""), "0.5");
  EXPECT_STREQ(CPLGetXMLValue(range, "upper", ""), "1.25");
  EXPECT_STREQ(CPLGetXMLValue(range, "label", ""), "0.5 – 1.25");
  EXPECT_STREQ(CPLGetXMLValue(renderer, "symbols.symbol.type", ""), "marker");
  EXPECT_STREQ(CPLGetXMLValue(root, "=qgis.layerGeometryType", ""), "0");
  CPLDestroyXMLNode(root);
}

TEST_F(GeoPackage, TwoWritesAreByteIdentical) {
  const auto first = in_directory("first.gpkg");
  const auto second = in_directory("second.gpkg");
  write_geopackage(export_test::sample_table(), first, score_style());
  write_geopackage(export_test::sample_table(), second, score_style());
  const std::string bytes = export_test::file_bytes(first);
  EXPECT_GT(bytes.size(), 4096U);
  EXPECT_TRUE(bytes == export_test::file_bytes(second)) << "GeoPackages differ";
}

TEST_F(GeoPackage, AnExistingFileIsReplaced) {
  const auto path = in_directory("sites.gpkg");
  write_geopackage(export_test::sample_table(), path, score_style());
  ExportTable other = export_test::sample_table();
  other.layer_name = "budgets";
  write_geopackage(other, path, std::nullopt);
  auto dataset = open(path);
  ASSERT_EQ(dataset->GetLayerCount(), 1);
  EXPECT_STREQ(dataset->GetLayer(0)->GetName(), "budgets");
  EXPECT_EQ(export_test::directory_listing(directory_), std::vector<std::string>{"sites.gpkg"});
}

TEST_F(GeoPackage, OgrinfoReadsItWithoutWarnings) {
  if (!export_test::have_ogrinfo()) GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
  const auto path = in_directory("sites.gpkg");
  write_geopackage(export_test::sample_table(), path, score_style());
  const std::string summary = export_test::ogrinfo_summary(path);
  EXPECT_NE(summary.find("Layer name: sites_test"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Layer name: layer_styles"), std::string::npos) << summary;
  EXPECT_FALSE(export_test::has_gdal_diagnostics(summary)) << summary;
}

TEST_F(GeoPackage, StyleMustFitTheTable) {
  const auto path = in_directory("sites.gpkg");
  GraduatedStyle style = score_style();
  style.colours.pop_back();
  try {
    write_geopackage(export_test::sample_table(), path, style);
    FAIL() << "expected an output error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::output);
    EXPECT_EQ(e.context().file, path.string());
    EXPECT_EQ(e.context().key, "score");
  }
  style = score_style();
  style.field = "name";
  EXPECT_THROW(write_geopackage(export_test::sample_table(), path, style), Error);
  style = score_style();
  style.colours[0] = "red";
  EXPECT_THROW(write_geopackage(export_test::sample_table(), path, style), Error);
  style = score_style();
  style.breaks = {0, 50, 25, 100};
  EXPECT_THROW(write_geopackage(export_test::sample_table(), path, style), Error);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(GeoPackage, CreatedAtMustBeIso8601Utc) {
  ExportTable table = export_test::sample_table();
  table.metadata["created_at"] = "26/11/2026";
  try {
    write_geopackage(table, in_directory("sites.gpkg"), std::nullopt);
    FAIL() << "expected an output error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::output);
    EXPECT_EQ(e.context().key, "created_at");
  }
}
