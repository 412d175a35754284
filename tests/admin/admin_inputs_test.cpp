// The admin readers on tiny hand-written inputs: remapping, unions, SCoT resolution and
// precedence, target joins, and the errors for bad input.
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "admin/admin_import.hpp"
#include "admin/geometry.hpp"
#include "admin/json_input.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;
using namespace zanplan::importer::admin;

namespace {

class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("zanplan_admin_" + std::to_string(::getpid()) + "_" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& name, const std::string& content) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Runs `call`, expecting an input error; returns it for inspection.
template <class Call>
Error input_error(Call&& call) {
  try {
    call();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input) << e.what();
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorKind::internal, "none");
}

// Two communes of region 99: 99001 absorbed the old commune 99002; 99003 is separate.
// 11001 belongs to another region.
const char* commune_list_json = R"([
  {"code": "99001", "nom": "Neuville", "type": "commune-actuelle", "region": "99", "departement": "99",
   "population": 1200, "anciensCodes": ["99002"]},
  {"code": "99003", "nom": "Ailleurs", "type": "commune-actuelle", "region": "99", "departement": "99"},
  {"code": "99002", "nom": "Ancienne", "type": "commune-deleguee", "region": "99", "departement": "99"},
  {"code": "11001", "nom": "Loin", "type": "commune-actuelle", "region": "11", "departement": "75",
   "population": 5}
])";

// A GeoJSON in Lambert-93 (old-style crs member) so that areas can be worked out by hand.
std::string geojson_l93(const std::string& features) {
  return R"({"type": "FeatureCollection",
  "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},
  "features": [)" + features + "]}";
}

std::string square_feature(const std::string& code, double x0, double y0, double side) {
  const auto x1 = std::to_string(x0 + side);
  const auto y1 = std::to_string(y0 + side);
  const auto xs = std::to_string(x0);
  const auto ys = std::to_string(y0);
  return R"({"type": "Feature", "properties": {"code": ")" + code +
         R"("}, "geometry": {"type": "Polygon", "coordinates": [[[)" + xs + "," + ys + "],[" + x1 + "," + ys +
         "],[" + x1 + "," + y1 + "],[" + xs + "," + y1 + "],[" + xs + "," + ys + "]]]}}";
}

}  // namespace

// ---- JSON input ------------------------------------------------------------------------

TEST(AdminJson, LineOfByte) {
  const std::string text = "ab\ncd\nef";
  EXPECT_EQ(line_of_byte(text, 1), 1);
  EXPECT_EQ(line_of_byte(text, 3), 1);  // the newline itself ends line 1
  EXPECT_EQ(line_of_byte(text, 4), 2);
  EXPECT_EQ(line_of_byte(text, 8), 3);
}

TEST(AdminJson, MalformedJsonNamesFileAndLine) {
  TempDir dir;
  const auto file = dir.write("broken.json", "[\n  {\"code\": \"1\",\n   \"nom\": }\n]\n");
  const auto error = input_error([&] { (void)read_json_file(file); });
  EXPECT_EQ(error.context().file, file.string());
  EXPECT_EQ(error.context().line, 3);
}

TEST(AdminJson, MissingFileNamesTheFile) {
  TempDir dir;
  const auto missing = dir.path() / "absent.json";
  const auto error = input_error([&] { (void)read_commune_list(missing, "99"); });
  EXPECT_EQ(error.context().file, missing.string());
}

// ---- communes --------------------------------------------------------------------------

TEST(AdminCommunes, ListKeepsCurrentCommunesOfTheRegionAndMapsOldCodes) {
  TempDir dir;
  const auto list = read_commune_list(dir.write("communes.json", commune_list_json), "99");
  ASSERT_EQ(list.communes.size(), 2U);
  EXPECT_EQ(list.communes[0].code, "99001");
  EXPECT_EQ(list.communes[0].population, 1200);
  EXPECT_FALSE(list.communes[1].population.has_value());
  EXPECT_EQ(list.without_population, 1);
  EXPECT_EQ(list.current_code.at("99002"), "99001");
  EXPECT_EQ(list.current_code.at("99003"), "99003");
  EXPECT_EQ(list.current_code.count("11001"), 0U);
}

TEST(AdminCommunes, MissingPropertyNamesKeyAndRecord) {
  TempDir dir;
  const auto file = dir.write("communes.json", R"([
    {"code": "99001", "nom": "A", "type": "commune-actuelle", "region": "99", "departement": "99"},
    {"code": "99003", "type": "commune-actuelle", "region": "99", "departement": "99"}])");
  const auto error = input_error([&] { (void)read_commune_list(file, "99"); });
  EXPECT_EQ(error.context().file, file.string());
  EXPECT_EQ(error.context().feature, 1);
  EXPECT_EQ(error.context().key, "nom");
}

TEST(AdminCommunes, PiecesOfMergedCommunesAreUnioned) {
  TempDir dir;
  const auto list = read_commune_list(dir.write("communes.json", commune_list_json), "99");
  // 99001 and its old part 99002 are adjacent 1 km squares; 99003 is a 2 km square.
  const auto polygons = dir.write(
      "communes.geojson", geojson_l93(square_feature("99001", 700000, 7000000, 1000) + "," +
                                      square_feature("99002", 701000, 7000000, 1000) + "," +
                                      square_feature("99003", 710000, 7000000, 2000)));
  const auto shapes = read_commune_shapes(polygons, list);
  ASSERT_EQ(shapes.by_code.size(), 2U);
  auto& context = geos::Context::current();
  const auto& merged = *shapes.by_code.at("99001");
  EXPECT_NEAR(area_of(context, merged), 2'000'000.0, 1.0);
  EXPECT_EQ(GEOSGetNumGeometries_r(context.handle(), &merged), 1);  // one polygon, not two
  EXPECT_NEAR(area_of(context, *shapes.by_code.at("99003")), 4'000'000.0, 1.0);
  ASSERT_EQ(shapes.remapped.size(), 1U);
  EXPECT_EQ(shapes.remapped[0], "99002→99001");
  EXPECT_EQ(shapes.repaired, 0);
}

TEST(AdminCommunes, UnknownCodeNamesFileFeatureAndCode) {
  TempDir dir;
  const auto list = read_commune_list(dir.write("communes.json", commune_list_json), "99");
  const auto polygons = dir.write("communes.geojson", geojson_l93(square_feature("99001", 700000, 7000000, 1000) +
                                                                 "," + square_feature("11001", 0, 0, 10)));
  const auto error = input_error([&] { (void)read_commune_shapes(polygons, list); });
  EXPECT_EQ(error.context().file, polygons.string());
  EXPECT_EQ(error.context().feature, 1);
  EXPECT_EQ(error.context().key, "code");
  EXPECT_NE(error.message().find("11001"), std::string::npos);
}

TEST(AdminCommunes, CommuneWithoutPolygonIsAnError) {
  TempDir dir;
  const auto list = read_commune_list(dir.write("communes.json", commune_list_json), "99");
  const auto polygons = dir.write("communes.geojson", geojson_l93(square_feature("99001", 700000, 7000000, 1000)));
  const auto error = input_error([&] { (void)read_commune_shapes(polygons, list); });
  EXPECT_EQ(error.context().file, polygons.string());
  EXPECT_NE(error.message().find("99003"), std::string::npos);
}

TEST(AdminCommunes, MissingCodeAttributeNamesTheKey) {
  TempDir dir;
  const auto list = read_commune_list(dir.write("communes.json", commune_list_json), "99");
  const auto polygons = dir.write(
      "communes.geojson",
      geojson_l93(R"({"type": "Feature", "properties": {"insee": "99001"}, "geometry": {"type": "Polygon",
                  "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}})"));
  const auto error = input_error([&] { (void)read_commune_shapes(polygons, list); });
  EXPECT_EQ(error.context().file, polygons.string());
  EXPECT_EQ(error.context().key, "code");
}

// A bow-tie (self-intersecting ring) over a 2 km square: GEOSMakeValid splits it into two
// triangles of 1 km² each.
TEST(AdminCommunes, InvalidGeometryIsRepairedAndCounted) {
  TempDir dir;
  const auto list = read_commune_list(dir.write("communes.json", commune_list_json), "99");
  const std::string bow_tie = R"({"type": "Feature", "properties": {"code": "99003"}, "geometry": {"type":
      "Polygon", "coordinates": [[[710000,7000000],[712000,7002000],[712000,7000000],[710000,7002000],
      [710000,7000000]]]}})";
  const auto polygons = dir.write("communes.geojson",
                                  geojson_l93(square_feature("99001", 700000, 7000000, 1000) + "," + bow_tie));
  const auto shapes = read_commune_shapes(polygons, list);
  EXPECT_EQ(shapes.repaired, 1);
  auto& context = geos::Context::current();
  const auto& repaired = *shapes.by_code.at("99003");
  EXPECT_EQ(GEOSisValid_r(context.handle(), &repaired), 1);
  EXPECT_NEAR(area_of(context, repaired), 2'000'000.0, 1.0);
}

// A ring whose points are collinear has no area: GEOSMakeValid turns it into a line, which
// no commune can be.
TEST(AdminCommunes, UnrepairableGeometryNamesFileAndFeature) {
  TempDir dir;
  const auto list = read_commune_list(dir.write("communes.json", commune_list_json), "99");
  const std::string flat = R"({"type": "Feature", "properties": {"code": "99003"}, "geometry": {"type":
      "Polygon", "coordinates": [[[710000,7000000],[711000,7000000],[712000,7000000],[710000,7000000]]]}})";
  const auto polygons = dir.write("communes.geojson",
                                  geojson_l93(square_feature("99001", 700000, 7000000, 1000) + "," + flat));
  const auto error = input_error([&] { (void)read_commune_shapes(polygons, list); });
  EXPECT_EQ(error.context().file, polygons.string());
  EXPECT_EQ(error.context().feature, 1);
}

TEST(AdminCommunes, MalformedGeoJsonNamesTheLine) {
  TempDir dir;
  const auto list = read_commune_list(dir.write("communes.json", commune_list_json), "99");
  const auto polygons = dir.write("communes.geojson", "{\"type\": \"FeatureCollection\",\n\"features\": [\n{,}\n]}");
  const auto error = input_error([&] { (void)read_commune_shapes(polygons, list); });
  EXPECT_EQ(error.context().file, polygons.string());
  EXPECT_EQ(error.context().line, 3);
}

// ---- EPCI ------------------------------------------------------------------------------

namespace {
const std::unordered_map<std::string, std::string> region_codes{
    {"99001", "99001"}, {"99002", "99001"}, {"99003", "99003"}, {"99004", "99004"}, {"99005", "99005"}};

const char* epci_json = R"([
  {"code": "200000001", "nom": "CC Un", "type": "CC", "membres": [{"code": "99001"}, {"code": "99003"}]},
  {"code": "200000002", "nom": "CA Deux", "type": "CA",
   "membres": [{"code": "99004"}, {"code": "11001"}, {"code": "11002"}]},
  {"code": "200000003", "nom": "CC Trois", "type": "CC", "membres": [{"code": "99005"}]},
  {"code": "200000009", "nom": "CC Loin", "type": "CC", "membres": [{"code": "11003"}]}
])";
}  // namespace

TEST(AdminEpci, MembersInTheRegionAndTotals) {
  TempDir dir;
  const auto epcis = read_epci_list(dir.write("epci.json", epci_json), region_codes);
  const auto in_region = epcis.in_region();
  ASSERT_EQ(in_region.size(), 3U);
  const auto& straddling = epcis.by_siren.at("200000002");
  EXPECT_EQ(straddling.members_in_region, std::vector<std::string>{"99004"});
  EXPECT_EQ(straddling.member_count_total, 3);
  EXPECT_EQ(epcis.epci_of_commune.at("99003"), "200000001");
  EXPECT_TRUE(epcis.extra_memberships.empty());
}

TEST(AdminEpci, MissingMemberCodeNamesTheNestedKey) {
  TempDir dir;
  const auto file = dir.write("epci.json", R"([
    {"code": "200000001", "nom": "CC Un", "type": "CC", "membres": [{"code": "99001"}, {"nom": "X"}]}])");
  const auto error = input_error([&] { (void)read_epci_list(file, region_codes); });
  EXPECT_EQ(error.context().file, file.string());
  EXPECT_EQ(error.context().feature, 0);
  EXPECT_EQ(error.context().key, "membres[1].code");
}

// ---- SCoT ------------------------------------------------------------------------------

namespace {
// Syndicate 300000001 (SCoT) groups EPCI 200000001 and 200000002; EPCI 200000003 holds the
// competence itself; 200000001 also says skillSCoT but is a member of the syndicate; the
// PETR 300000002 has no SCoT competence; 300000003 lists an id that exists nowhere.
const char* groupements_json = R"([
  {"id": "300000001", "siren": "300000001", "name": "SM du SCoT", "type": "SMF", "skillSCoT": true,
   "membersId": ["200000001", "200000002"]},
  {"id": "200000001", "siren": "200000001", "name": "CC Un", "type": "CC", "skillSCoT": true,
   "membersId": ["99001", "99003"]},
  {"id": "200000003", "siren": "200000003", "name": "CC Trois", "type": "CC", "skillSCoT": true,
   "membersId": ["99005"]},
  {"id": "300000002", "siren": "300000002", "name": "PETR", "type": "PETR", "skillSCoT": false,
   "membersId": ["200000003"]},
  {"id": "300000003", "siren": "300000003", "name": "SM Voisin", "type": "SMF", "skillSCoT": true,
   "membersId": ["200000003", "999999999"]}
])";
}  // namespace

TEST(AdminScot, SyndicateToEpciToCommunes) {
  TempDir dir;
  const auto epcis = read_epci_list(dir.write("epci.json", epci_json), region_codes);
  const auto scots = read_docurba_scots(dir.write("groupements.json", groupements_json), epcis, region_codes);
  std::map<std::string, const Scot*> by_id;
  for (const auto& scot : scots.scots) by_id[scot.id] = &scot;
  // 300000001 and 300000003 are syndicates; CC Trois is listed by syndicate 300000003, so
  // no EPCI is a SCoT of its own here.
  ASSERT_EQ(by_id.size(), 2U);
  EXPECT_EQ(by_id.at("300000001")->members, (std::set<std::string>{"99001", "99003", "99004"}));
  EXPECT_EQ(by_id.at("300000001")->tier, ScotTier::syndicate);
  EXPECT_EQ(by_id.at("300000003")->members, std::set<std::string>{"99005"});
  ASSERT_EQ(scots.unresolved_members.size(), 1U);
  EXPECT_EQ(scots.unresolved_members[0], "300000003 → 999999999");
}

TEST(AdminScot, EpciHoldingTheCompetenceIsAScot) {
  TempDir dir;
  const auto epcis = read_epci_list(dir.write("epci.json", epci_json), region_codes);
  // Without the syndicate 300000003, nothing lists CC Trois.
  const std::string without_voisin = R"([
    {"id": "200000003", "siren": "200000003", "name": "CC Trois", "type": "CC", "skillSCoT": true,
     "membersId": ["99005"]}])";
  const auto scots = read_docurba_scots(dir.write("groupements.json", without_voisin), epcis, region_codes);
  ASSERT_EQ(scots.scots.size(), 1U);
  EXPECT_EQ(scots.scots[0].id, "200000003");
  EXPECT_EQ(scots.scots[0].tier, ScotTier::epci);
  EXPECT_EQ(scots.scots[0].source, "docurba");
}

TEST(AdminScot, GroupementWithoutSkillIsAnErrorNamingTheKey) {
  TempDir dir;
  const auto epcis = read_epci_list(dir.write("epci.json", epci_json), region_codes);
  const auto file = dir.write("groupements.json", R"([
    {"id": "300000001", "siren": "300000001", "name": "SM", "type": "SMF", "membersId": []}])");
  const auto error = input_error([&] { (void)read_docurba_scots(file, epcis, region_codes); });
  EXPECT_EQ(error.context().file, file.string());
  EXPECT_EQ(error.context().key, "skillSCoT");
}

TEST(AdminScot, CustomScotRemapsCodes) {
  TempDir dir;
  const auto lands = dir.write("lands.csv", "\"id\",\"name\"\n\"SCOT_X\",\"SCoT X\"\n");
  const auto members = dir.write("members.csv",
                                 "\"custom_land_id\",\"commune_code\",\"cog\"\n\"SCOT_X\",\"99002\",\"2024\"\n"
                                 "\"SCOT_X\",\"99004\",\"2024\"\n\"SCOT_X\",\"88888\",\"2024\"\n");
  const auto custom = read_custom_scots(lands, members, region_codes);
  ASSERT_EQ(custom.scots.size(), 1U);
  EXPECT_EQ(custom.scots[0].id, "SCOT_X");
  EXPECT_EQ(custom.scots[0].source, "sparte-custom");
  EXPECT_EQ(custom.scots[0].members, (std::set<std::string>{"99001", "99004"}));
  EXPECT_EQ(custom.unknown_custom_codes, std::vector<std::string>{"88888"});
}

TEST(AdminScot, CustomCommuneOfAnUnknownLandNamesLineAndKey) {
  TempDir dir;
  const auto lands = dir.write("lands.csv", "id,name\nSCOT_X,SCoT X\n");
  const auto members = dir.write("members.csv", "custom_land_id,commune_code,cog\nSCOT_X,99001,2024\nSCOT_Y,99003,2024\n");
  const auto error = input_error([&] { (void)read_custom_scots(lands, members, region_codes); });
  EXPECT_EQ(error.context().file, members.string());
  EXPECT_EQ(error.context().line, 3);
  EXPECT_EQ(error.context().key, "custom_land_id");
}

TEST(AdminScot, CustomCsvWithoutCommuneColumnNamesTheKey) {
  TempDir dir;
  const auto lands = dir.write("lands.csv", "id,name\nSCOT_X,SCoT X\n");
  const auto members = dir.write("members.csv", "custom_land_id,insee\nSCOT_X,99001\n");
  const auto error = input_error([&] { (void)read_custom_scots(lands, members, region_codes); });
  EXPECT_EQ(error.context().file, members.string());
  EXPECT_EQ(error.context().key, "commune_code");
}

// Custom before syndicate before EPCI; within a tier the lower id wins.
TEST(AdminScot, PrecedenceAndOverlapReport) {
  const std::vector<Scot> scots{
      {.id = "200000003", .nom = "E", .siren = "200000003", .source = "docurba", .tier = ScotTier::epci,
       .members = {"99005", "99006"}},
      {.id = "300000009", .nom = "S9", .siren = "300000009", .source = "docurba", .tier = ScotTier::syndicate,
       .members = {"99003", "99004"}},
      {.id = "300000001", .nom = "S1", .siren = "300000001", .source = "docurba", .tier = ScotTier::syndicate,
       .members = {"99001", "99003"}},
      {.id = "SCOT_X", .nom = "X", .siren = "", .source = "sparte-custom", .tier = ScotTier::custom,
       .members = {"99001"}},
      {.id = "200000001", .nom = "E1", .siren = "200000001", .source = "docurba", .tier = ScotTier::epci,
       .members = {"99001"}},
  };
  const auto assignment = assign_scots(scots);
  EXPECT_EQ(assignment.scot_of_commune.at("99001"), "SCOT_X");
  EXPECT_EQ(assignment.scot_of_commune.at("99003"), "300000001");
  EXPECT_EQ(assignment.scot_of_commune.at("99004"), "300000009");
  EXPECT_EQ(assignment.scot_of_commune.at("99005"), "200000003");
  ASSERT_EQ(assignment.overlaps.size(), 2U);
  EXPECT_EQ(assignment.overlaps[0].commune, "99001");
  EXPECT_EQ(assignment.overlaps[0].kept, "SCOT_X");
  EXPECT_EQ(assignment.overlaps[0].dropped, (std::vector<std::string>{"300000001", "200000001"}));
  EXPECT_EQ(assignment.overlaps[1].commune, "99003");
  EXPECT_EQ(assignment.overlaps[1].kept, "300000001");
  EXPECT_EQ(assignment.empty_scots, std::vector<std::string>{"200000001"});
}

// ---- targets ---------------------------------------------------------------------------

namespace {
std::string fixture_record(int pk, const std::string& land, const std::string& parent, const std::string& value) {
  return R"({"model": "public_data.territorialisationobjectif", "pk": )" + std::to_string(pk) +
         R"(, "fields": {"land": ")" + land + R"(", "parent": )" + parent + R"(, "objectif_de_reduction": )" +
         value + R"(, "nom_document": "SCOT"}})";
}

TargetJoin small_join() {
  return {.region_code = "99",
          .region_epcis = {"200000001", "200000003"},
          .scot_ids = {"300000001", "SCOT_X", "200000003"},
          .crosswalk = {{"SCOT_7", {"300000001", false}},
                        {"SCOT_8", {"300000042", false}},
                        {"SCOT_10", {"200000001", true}},
                        {"SCOT_11", {"200000009", true}}}};
}
}  // namespace

TEST(AdminTargets, JoinByLevel) {
  TempDir dir;
  const auto file = dir.write(
      "targets.json",
      "[" + fixture_record(1, "REGION_99", "null", "\"50.5\"") + "," +
          fixture_record(2, "EPCI_200000001", "\"REGION_99\"", "60") + "," +
          fixture_record(3, "EPCI_200000003", "\"REGION_99\"", "\"61.1\"") + "," +
          fixture_record(4, "EPCI_200000009", "\"REGION_99\"", "\"62\"") + "," +
          fixture_record(5, "SCOT_7", "\"REGION_99\"", "\"63\"") + "," +
          fixture_record(6, "SCOT_8", "\"REGION_99\"", "\"64\"") + "," +
          fixture_record(7, "SCOT_9", "\"REGION_99\"", "\"65\"") + "," +
          fixture_record(8, "CUSTOM_SCOT_X", "\"REGION_99\"", "\"48.1\"") + "," +
          fixture_record(9, "SCOT_10", "\"REGION_99\"", "\"66\"") + "," +
          fixture_record(10, "SCOT_11", "\"REGION_99\"", "\"67\"") + "]");
  const auto targets = read_zan_targets(file, small_join());
  ASSERT_EQ(targets.size(), 10U);
  EXPECT_EQ(targets[0].level, "region");
  EXPECT_EQ(targets[0].territory_id, "99");
  EXPECT_TRUE(targets[0].mapped);
  EXPECT_DOUBLE_EQ(targets[0].reduction_pct, 50.5);
  EXPECT_EQ(targets[0].parent_key, "");
  EXPECT_EQ(targets[0].document, "SCOT");

  EXPECT_EQ(targets[1].level, "epci");
  EXPECT_TRUE(targets[1].mapped);
  EXPECT_EQ(targets[1].scot_id, "");  // 200000001 is not a SCoT
  EXPECT_DOUBLE_EQ(targets[1].reduction_pct, 60.0);
  EXPECT_EQ(targets[2].scot_id, "200000003");  // holds its own SCoT
  EXPECT_FALSE(targets[3].mapped);             // not an EPCI of the region

  EXPECT_EQ(targets[4].level, "scot");
  EXPECT_EQ(targets[4].territory_id, "7");
  EXPECT_TRUE(targets[4].mapped);
  EXPECT_EQ(targets[4].scot_id, "300000001");
  EXPECT_FALSE(targets[5].mapped);  // crosswalk target is no workspace SCoT
  EXPECT_NE(targets[5].unmapped_reason.find("300000042 is not a workspace SCoT"), std::string::npos);
  EXPECT_FALSE(targets[6].mapped);  // no crosswalk entry
  EXPECT_EQ(targets[6].scot_id, "");
  EXPECT_NE(targets[6].unmapped_reason.find("not in scot_crosswalk"), std::string::npos);
  EXPECT_NE(targets[3].unmapped_reason.find("no commune in the region"), std::string::npos);
  EXPECT_EQ(targets[4].unmapped_reason, "");

  // join = epci: the SCoT's perimeter is one EPCI of the region without the SCoT competence.
  EXPECT_EQ(targets[8].territory_key, "SCOT_10");
  EXPECT_EQ(targets[8].level, "epci");
  EXPECT_EQ(targets[8].territory_id, "200000001");
  EXPECT_TRUE(targets[8].mapped);
  EXPECT_FALSE(targets[9].mapped);  // that EPCI is not in the region

  EXPECT_EQ(targets[7].level, "scot");
  EXPECT_EQ(targets[7].territory_id, "SCOT_X");
  EXPECT_TRUE(targets[7].mapped);
  EXPECT_EQ(targets[7].scot_id, "SCOT_X");
}

TEST(AdminTargets, BadReductionNamesRecordAndKey) {
  TempDir dir;
  const auto file = dir.write("targets.json", "[" + fixture_record(1, "REGION_99", "null", "\"50\"") + "," +
                                                  fixture_record(2, "SCOT_7", "null", "\"beaucoup\"") + "]");
  const auto error = input_error([&] { (void)read_zan_targets(file, small_join()); });
  EXPECT_EQ(error.context().file, file.string());
  EXPECT_EQ(error.context().feature, 1);
  EXPECT_EQ(error.context().key, "fields.objectif_de_reduction");
}

TEST(AdminTargets, UnknownTerritoryKindIsAnError) {
  TempDir dir;
  const auto file = dir.write("targets.json", "[" + fixture_record(1, "COMMUNE_99001", "null", "\"50\"") + "]");
  const auto error = input_error([&] { (void)read_zan_targets(file, small_join()); });
  EXPECT_EQ(error.context().key, "fields.land");
}

TEST(AdminTargets, CrosswalkWithoutSirenColumnNamesTheKey) {
  TempDir dir;
  const auto file = dir.write("crosswalk.csv", "scot_key,name\nSCOT_1000,Lille\n");
  const auto error = input_error([&] { (void)read_scot_crosswalk(file); });
  EXPECT_EQ(error.context().file, file.string());
  EXPECT_EQ(error.context().key, "siren");
}

TEST(AdminTargets, CrosswalkJoinMustBeScotOrEpci) {
  TempDir dir;
  const auto file = dir.write("crosswalk.csv", "scot_key,siren,join\nSCOT_1,200000001,scot\nSCOT_2,200000002,pays\n");
  const auto error = input_error([&] { (void)read_scot_crosswalk(file); });
  EXPECT_EQ(error.context().line, 3);
  EXPECT_EQ(error.context().key, "join");
}

// All 40 SCOT_ keys of the sparte fixture (python3: [r for r in fixture if land starts with
// SCOT_] → 40), each named through Docurba's SUDOCUH correspondence (evidence column).
TEST(AdminTargets, RealCrosswalk) {
  const auto crosswalk =
      read_scot_crosswalk(std::filesystem::path(ZANPLAN_DATA_DIR) / "region-32" / "scot-crosswalk.csv");
  ASSERT_EQ(crosswalk.size(), 40U);
  EXPECT_EQ(crosswalk.at("SCOT_1000").siren, "255902314");  // SM du SCOT de Lille Métropole
  EXPECT_FALSE(crosswalk.at("SCOT_1000").to_epci);
  EXPECT_EQ(crosswalk.at("SCOT_901").siren, "255902850");   // SM pour le SCOT du Grand Douaisis
  EXPECT_EQ(crosswalk.at("SCOT_6240").siren, "246000707");  // CC du Vexin-Thelle, no SCoT competence
  EXPECT_TRUE(crosswalk.at("SCOT_6240").to_epci);
}

// ---- communal guarantee inputs ------------------------------------------------------------

TEST(AdminPlanning, RecordsAreMappedToCurrentCommunesAndUnknownStaysEmpty) {
  TempDir dir;
  const auto file = dir.write("guarantee.csv",
                              "commune,document,stage,date,pooled,source\n"
                              "98001,plu,approved,2015-03-01,yes,DDT\n"
                              "99002,unknown,unknown,,no,DDT\n");
  const std::unordered_map<std::string, std::string> current{{"99001", "99001"}, {"98001", "99001"}, {"99002", "99002"}};
  const auto records = read_planning_records(file, current);
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records.at("99001").document, "plu");  // the old code 98001 is now 99001
  EXPECT_EQ(records.at("99001").date, "2015-03-01");
  EXPECT_TRUE(records.at("99001").pooled);
  EXPECT_EQ(records.at("99002").document, "");  // unknown is stored as unknown (empty)
  EXPECT_EQ(records.at("99002").stage, "");
}

TEST(AdminPlanning, BadValuesNameTheLineAndColumn) {
  TempDir dir;
  const std::unordered_map<std::string, std::string> current{{"99001", "99001"}, {"99002", "99002"}};
  const std::string header = "commune,document,stage,date,pooled,source\n";
  struct Case {
    std::string row;
    const char* key;
  };
  for (const Case& c : {Case{"99001,pos,approved,2015-03-01,no,DDT\n", "document"},
                        Case{"99001,plu,voted,2015-03-01,no,DDT\n", "stage"},
                        Case{"99001,plu,approved,2015-02-30,no,DDT\n", "date"},
                        Case{"99001,plu,approved,2015-03-01,maybe,DDT\n", "pooled"},
                        Case{"99001,plu,approved,2015-03-01,no,\n", "source"},
                        Case{"12345,plu,approved,2015-03-01,no,DDT\n", "commune"}}) {
    const auto file = dir.write("bad.csv", header + "99002,rnu,,,no,DDT\n" + c.row);
    const auto error = input_error([&] { (void)read_planning_records(file, current); });
    EXPECT_EQ(error.context().file, file.string()) << c.key;
    EXPECT_EQ(error.context().line, 3) << c.key;
    EXPECT_EQ(error.context().key, c.key);
  }
  const auto twice = dir.write("twice.csv", header + "99001,rnu,,,no,DDT\n99001,rnu,,,no,DDT\n");
  EXPECT_EQ(input_error([&] { (void)read_planning_records(twice, current); }).context().line, 3);
}
