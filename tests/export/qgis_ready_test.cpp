// What QGIS and GDAL make of the exports: codes kept as text in the CSV (with and without
// its .csvt), reals rounded per column, no all-null GeoJSON column typed String, French
// aliases, the layer's title and abstract, and the grey class for rows without a score —
// all read back through GDAL, never through the writers.
#include <cpl_minixml.h>

#include <cstdlib>
#include <map>
#include <regex>

#include "export/qgis_style.hpp"
#include "sample_table.hpp"

using namespace zanplan;
using export_test::ExportTest;

namespace {

// INSEE codes with a leading zero (Aisne), numbers, booleans, an all-NA column.
ExportTable coded_table() {
  ExportTable table;
  table.layer_name = "sites_codes";
  table.columns = {{"commune", ColumnType::text, -1, "Code INSEE de la commune"},
                   {"area_ha", ColumnType::real, decimals::hectares, "Surface (ha)"},
                   {"substation_km", ColumnType::real, decimals::kilometres, "Distance au poste (km)"},
                   {"score", ColumnType::real, decimals::score, "Note"},
                   {"parcels", ColumnType::integer, -1, "Nombre de parcelles"},
                   {"pareto", ColumnType::boolean, -1, "Optimum de Pareto"},
                   {"stability", ColumnType::real, decimals::share, "Stabilité"}};
  const std::monostate na;
  table.rows = {{std::string("02304"), 37.126, 1.23449999, 0.99999999999999989, std::int64_t{12}, true, na},
                {std::string("02691"), 0.005, 12.0, 0.123456, std::int64_t{3}, false, na},
                {std::string("59350"), 150.0, 0.0004, na, std::int64_t{40}, false, na}};
  table.geometries_wkb = {export_test::wkb(export_test::polygon_a), export_test::wkb(export_test::polygon_b),
                          export_test::wkb(export_test::point)};
  table.title = "Sites candidats — test";
  table.abstract = "Trois sites écrits à la main.";
  return table;
}

ogr::DatasetPtr open_csv(const std::filesystem::path& path, std::vector<const char*> options) {
  options.push_back(nullptr);
  return ogr::DatasetPtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR, nullptr, options.data(), nullptr));
}

OGRFieldType type_of(OGRLayer& layer, const char* field) {
  const OGRFeatureDefn& d = *layer.GetLayerDefn();
  const int i = d.GetFieldIndex(field);
  return i < 0 ? OFTMaxType : d.GetFieldDefn(i)->GetType();
}

void expect_codes_kept(GDALDataset& dataset, const char* how) {
  OGRLayer& layer = *dataset.GetLayer(0);
  EXPECT_EQ(type_of(layer, "commune"), OFTString) << how;
  EXPECT_EQ(type_of(layer, "area_ha"), OFTReal) << how;
  EXPECT_EQ(type_of(layer, "score"), OFTReal) << how;
  const OGRFieldType parcels = type_of(layer, "parcels");
  EXPECT_TRUE(parcels == OFTInteger || parcels == OFTInteger64) << how;
  ogr::FeaturePtr first(layer.GetNextFeature());
  ASSERT_TRUE(first) << how;
  EXPECT_STREQ(first->GetFieldAsString("commune"), "02304") << how;
  EXPECT_DOUBLE_EQ(first->GetFieldAsDouble("area_ha"), 37.13) << how;
  EXPECT_EQ(first->GetFieldAsInteger64("parcels"), 12) << how;
}

// Every `"name":number` of a GeoJSON, as (name, text of the number).
std::vector<std::pair<std::string, std::string>> json_numbers(const std::string& json) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::regex pair("\"([a-z_]+)\":(-?[0-9][0-9.eE+-]*)");
  for (auto it = std::sregex_iterator(json.begin(), json.end(), pair); it != std::sregex_iterator(); ++it) {
    out.emplace_back((*it)[1].str(), (*it)[2].str());
  }
  return out;
}

std::size_t decimals_in(const std::string& number) {
  const auto point = number.find('.');
  return point == std::string::npos ? 0 : number.size() - point - 1;
}

}  // namespace

class QgisReady : public ExportTest {};

TEST_F(QgisReady, CsvCodesStayTextWithTheCsvtAndWithQuotedFieldsAsStrings) {
  const auto path = in_directory("sites.csv");
  write_csv(coded_table(), path);
  // The type file, as GDAL documents it: one quoted type per column, then the point's X and Y.
  EXPECT_EQ(export_test::file_bytes(in_directory("sites.csvt")),
            "\"String\",\"Real\",\"Real\",\"Real\",\"Integer64\",\"Integer(Boolean)\",\"Real\",\"CoordX\",\"CoordY\"\r\n");
  {
    auto with_csvt = open_csv(path, {"AUTODETECT_TYPE=YES"});
    ASSERT_TRUE(with_csvt);
    expect_codes_kept(*with_csvt, "with the .csvt");
    OGRLayer& layer = *with_csvt->GetLayer(0);
    layer.ResetReading();
    ogr::FeaturePtr first(layer.GetNextFeature());
    ASSERT_TRUE(first && first->GetGeometryRef() != nullptr) << "CoordX/CoordY make a point";
    EXPECT_EQ(wkbFlatten(first->GetGeometryRef()->getGeometryType()), wkbPoint);
    EXPECT_TRUE(first->GetFieldAsInteger("pareto") == 1);
  }
  std::filesystem::remove(in_directory("sites.csvt"));
  {
    // Without the type file GDAL's detection would read 02304 as the integer 2304 unless
    // quoted fields are taken as strings: every text field is quoted for that.
    auto detected = open_csv(path, {"AUTODETECT_TYPE=YES", "QUOTED_FIELDS_AS_STRING=YES"});
    ASSERT_TRUE(detected);
    expect_codes_kept(*detected, "detected");
  }
}

TEST_F(QgisReady, NumbersAreRoundedPerColumnInEveryFormat) {
  // The precision table written out here, independently of zanplan::decimals.
  const std::map<std::string, std::size_t> expected{
      {"area_ha", 2}, {"substation_km", 3}, {"score", 4}, {"stability", 4}, {"parcels", 0}};
  const auto json_path = in_directory("sites.geojson");
  const auto csv_path = in_directory("sites.csv");
  const auto gpkg_path = in_directory("sites.gpkg");
  write_exports(coded_table(),
                {{ExportFormat::geojson, json_path}, {ExportFormat::csv, csv_path}, {ExportFormat::geopackage, gpkg_path}},
                std::nullopt);
  const std::string json = export_test::file_bytes(json_path);
  std::size_t checked = 0;
  for (const auto& [name, number] : json_numbers(json)) {
    if (name == "coordinates") continue;
    ASSERT_TRUE(expected.count(name) != 0) << name;
    EXPECT_LE(decimals_in(number), expected.at(name)) << name << " = " << number;
    ++checked;
  }
  EXPECT_EQ(checked, 11U) << "3 rows × 4 numbers, less the missing score";
  EXPECT_EQ(json.find("0.99999999999999989"), std::string::npos);
  // Hand-rounded: 37.126 → 37.13, 1.23449999 → 1.234, 0.99999999999999989 → 1.0, 0.0004 km → 0.0.
  EXPECT_NE(json.find("\"area_ha\":37.13,"), std::string::npos);
  EXPECT_NE(json.find("\"substation_km\":1.234,"), std::string::npos);
  EXPECT_NE(json.find("\"score\":1.0,"), std::string::npos);
  EXPECT_NE(json.find("\"substation_km\":0.0,"), std::string::npos);
  EXPECT_NE(json.find("\"area_ha\":0.01,"), std::string::npos) << "0.005 rounds to even on its binary value, above half";

  const std::string csv = export_test::file_bytes(csv_path);
  EXPECT_NE(csv.find("\"02304\",37.13,1.234,1,12,true,,"), std::string::npos) << csv;

  auto package = ogr::open_vector(gpkg_path.string());
  OGRLayer& layer = *package->GetLayer(0);
  ogr::FeaturePtr first(layer.GetFeature(1));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->GetFieldAsDouble("area_ha"), 37.13);
  EXPECT_EQ(first->GetFieldAsDouble("substation_km"), 1.234);
  EXPECT_EQ(first->GetFieldAsDouble("score"), 1.0);
}

TEST_F(QgisReady, AnAllNullColumnIsLeftOutOfTheGeoJsonNotTypedString) {
  const auto path = in_directory("sites.geojson");
  write_geojson(coded_table(), path);
  EXPECT_EQ(export_test::file_bytes(path).find("\"stability\""), std::string::npos);
  auto dataset = ogr::open_vector(path.string());
  OGRLayer& layer = *dataset->GetLayer(0);
  EXPECT_EQ(type_of(layer, "stability"), OFTMaxType) << "absent, rather than a String column";
  EXPECT_EQ(type_of(layer, "score"), OFTReal) << "a column null in some rows only stays Real";
  EXPECT_EQ(type_of(layer, "commune"), OFTString);
}

TEST_F(QgisReady, GeoPackageHasFrenchAliasesTitleAbstractAndAGreyNoValueClass) {
  const auto path = in_directory("sites.gpkg");
  const GraduatedStyle style{.field = "score", .breaks = {0.1, 0.5, 1.0}, .colours = {"#ffffcc", "#006837"},
                             .title = "Note", .no_value_label = "exclu", .no_value_colour = "#b0b0b0"};
  write_geopackage(coded_table(), path, style);
  auto dataset = ogr::open_vector(path.string());
  OGRLayer& layer = *dataset->GetLayerByName("sites_codes");
  const OGRFeatureDefn& d = *layer.GetLayerDefn();
  ASSERT_GE(d.GetFieldIndex("commune"), 0);
  EXPECT_STREQ(layer.GetMetadataItem("IDENTIFIER"), "Sites candidats — test");
  EXPECT_STREQ(layer.GetMetadataItem("DESCRIPTION"), "Trois sites écrits à la main.");

  // The GeoPackage tables themselves, through SQL.
  auto sql_text = [&](const char* sql) {
    OGRLayer* result = dataset->ExecuteSQL(sql, nullptr, nullptr);
    if (result == nullptr) return std::string("<no result>");
    ogr::FeaturePtr f(result->GetNextFeature());
    std::string text = f ? f->GetFieldAsString(0) : "<no row>";
    dataset->ReleaseResultSet(result);
    return text;
  };
  EXPECT_EQ(sql_text("SELECT name FROM gpkg_data_columns WHERE table_name = 'sites_codes' AND column_name = 'area_ha'"),
            "Surface (ha)");
  EXPECT_EQ(sql_text("SELECT name FROM gpkg_data_columns WHERE table_name = 'sites_codes' AND column_name = 'stability'"),
            "Stabilité");
  EXPECT_EQ(sql_text("SELECT count(*) FROM gpkg_data_columns"), "7");
  EXPECT_EQ(sql_text("SELECT scope FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'"), "read-write");
  if (export_test::have_ogrinfo()) {
    const std::string summary = export_test::ogrinfo_summary(path);
    EXPECT_FALSE(export_test::has_gdal_diagnostics(summary)) << summary;
  }
  EXPECT_EQ(sql_text("SELECT identifier FROM gpkg_contents WHERE table_name = 'sites_codes'"), "Sites candidats — test");
  const std::string qml = sql_text("SELECT styleQML FROM layer_styles");

  CPLXMLNode* root = CPLParseXMLString(qml.c_str());
  ASSERT_NE(root, nullptr);
  const CPLXMLNode* renderer = CPLGetXMLNode(root, "=qgis.renderer-v2");
  ASSERT_NE(renderer, nullptr);
  EXPECT_STREQ(CPLGetXMLValue(renderer, "type", ""), "RuleRenderer");
  std::vector<std::pair<std::string, std::string>> rules;  // filter, symbol
  for (const CPLXMLNode* n = CPLGetXMLNode(renderer, "rules")->psChild; n != nullptr; n = n->psNext) {
    if (n->eType == CXT_Element && std::string(n->pszValue) == "rule") {
      rules.emplace_back(CPLGetXMLValue(n, "filter", ""), CPLGetXMLValue(n, "symbol", ""));
    }
  }
  ASSERT_EQ(rules.size(), 3U);
  EXPECT_EQ(rules[0].first, "\"score\" >= 0.1 AND \"score\" <= 0.5");
  EXPECT_EQ(rules[1].first, "\"score\" > 0.5 AND \"score\" <= 1");
  EXPECT_EQ(rules[2].first, "ELSE");
  // The ELSE rule's symbol is grey: #b0b0b0 = 176,176,176.
  std::string else_colour;
  for (const CPLXMLNode* n = CPLGetXMLNode(renderer, "symbols")->psChild; n != nullptr; n = n->psNext) {
    if (n->eType != CXT_Element || rules[2].second != CPLGetXMLValue(n, "name", "")) continue;
    for (const CPLXMLNode* p = CPLGetXMLNode(n, "layer")->psChild; p != nullptr; p = p->psNext) {
      if (p->eType == CXT_Element && std::string(p->pszValue) == "prop" && std::string(CPLGetXMLValue(p, "k", "")) == "color") {
        else_colour = CPLGetXMLValue(p, "v", "");
      }
    }
  }
  EXPECT_EQ(else_colour, "176,176,176,255");
  const CPLXMLNode* alias = CPLGetXMLNode(root, "=qgis.aliases.alias");
  ASSERT_NE(alias, nullptr);
  EXPECT_STREQ(CPLGetXMLValue(alias, "field", ""), "commune");
  EXPECT_STREQ(CPLGetXMLValue(alias, "name", ""), "Code INSEE de la commune");
  CPLDestroyXMLNode(root);
}

// QGIS itself, headless: the excluded rows (no score) get the grey symbol, the others the
// class colours, and the fields show their French aliases. Skipped without PyQGIS.
TEST_F(QgisReady, QgisDrawsRowsWithoutScoreInGreyAndShowsTheAliases) {
  const auto script = std::filesystem::path(ZANPLAN_FIXTURES_DIR).parent_path() / "export" / "qgis_check.py";
  // PyQGIS is a Debian package of the system Python, which another python3 on the PATH hides.
  const std::string python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  if (std::system((python + " -c 'import qgis.core' > /dev/null 2>&1").c_str()) != 0) {
    GTEST_SKIP() << "PyQGIS (python3-qgis) is not installed: QGIS's own reading is not checked";
  }
  const auto path = in_directory("sites.gpkg");
  // Breaks by hand: 0.1234 (row 2), 0.5, 1 (row 1); row 3 has no score.
  const GraduatedStyle style{.field = "score", .breaks = {0.1234, 0.5, 1.0}, .colours = {"#ffffcc", "#006837"},
                             .title = "Note", .no_value_label = "exclu", .no_value_colour = "#b0b0b0"};
  write_geopackage(coded_table(), path, style);
  const std::string command = python + " '" + script.string() + "' '" + path.string() + "' sites_codes score 2>&1";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  ASSERT_EQ(status, 0) << output;
  EXPECT_NE(output.find("renderer RuleRenderer"), std::string::npos) << output;
  EXPECT_NE(output.find("feature 1 1.0 #006837"), std::string::npos) << output;
  EXPECT_NE(output.find("feature 2 0.1235 #ffffcc"), std::string::npos) << output;
  EXPECT_NE(output.find("feature 3 NULL #b0b0b0"), std::string::npos) << output;
  EXPECT_NE(output.find("alias commune=Code INSEE de la commune"), std::string::npos) << output;
  EXPECT_NE(output.find("alias area_ha=Surface (ha)"), std::string::npos) << output;
}
