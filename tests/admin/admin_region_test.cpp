// The admin stage on the real Hauts-de-France inputs (data/region-32). The workspace is
// built once for the suite. Expected numbers come from the source files, not from this
// code: see the comment above each test for the command that gave them.
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "admin/admin_import.hpp"
#include "import/context.hpp"
#include "ogr/handles.hpp"
#include "workspace/builder.hpp"
#include "zanplan/sources.hpp"

using namespace zanplan;

namespace {

struct CommuneRow {
  std::string nom;
  std::string departement;
  std::string epci_siren;
  std::string scot_id;
  std::int64_t population = 0;
  double area_ha = 0.0;
  int deleguees = 0;
  std::string planning_document;
};

struct TargetRow {
  std::string level;
  std::string territory_id;
  std::string parent_key;
  double reduction_pct = 0.0;
  int mapped = 0;
  std::string scot_id;
};

struct EpciRow {
  std::string nom;
  std::string type;
  int member_count = 0;
  int member_count_total = 0;
  double area_ha = 0.0;
};

struct ScotRow {
  std::string nom;
  std::string siren;
  std::string source;
  double area_ha = 0.0;
};

double area_ha_of(OGRFeature& feature) {
  return feature.GetGeometryRef()->toMultiPolygon()->get_Area() / 10'000.0;
}

}  // namespace

class AdminRegion : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    workspace_ = std::filesystem::temp_directory_path() /
                 ("zanplan_admin_region_" + std::to_string(::getpid()) + ".gpkg");
    const auto manifest = load_sources(std::filesystem::path(ZANPLAN_DATA_DIR) / "region-32" / "sources.toml");
    workspace::Builder builder(workspace_, manifest.region_code, manifest.region_name);
    importer::Context context{.sources = manifest, .builder = builder};
    importer::import_admin(context);
    current_code_ = std::make_unique<std::unordered_map<std::string, std::string>>(context.current_code);
    context_communes_ = std::make_unique<std::set<std::string>>(context.communes);
    builder.commit();
    read_back();
  }

  static void TearDownTestSuite() {
    std::error_code ignored;
    std::filesystem::remove(workspace_, ignored);
  }

  static void read_back() {
    auto dataset = ogr::open_vector(workspace_.string());
    communes_ = std::make_unique<std::map<std::string, CommuneRow>>();
    duplicate_codes_ = 0;
    for (auto& f : *dataset->GetLayerByName("communes")) {
      const bool fresh = communes_
                             ->emplace(f->GetFieldAsString("code"),
                                       CommuneRow{f->GetFieldAsString("nom"), f->GetFieldAsString("departement"),
                                                  f->GetFieldAsString("epci_siren"), f->GetFieldAsString("scot_id"),
                                                  f->GetFieldAsInteger64("population"), f->GetFieldAsDouble("area_ha"),
                                                  f->GetFieldAsInteger("communes_deleguees"),
                                                  f->GetFieldAsString("planning_document")})
                             .second;
      if (!fresh) ++duplicate_codes_;
      if (wkbFlatten(f->GetGeometryRef()->getGeometryType()) != wkbMultiPolygon) ++non_multipolygons_;
    }
    epci_ = std::make_unique<std::map<std::string, EpciRow>>();
    for (auto& f : *dataset->GetLayerByName("epci")) {
      (*epci_)[f->GetFieldAsString("siren")] = {f->GetFieldAsString("nom"), f->GetFieldAsString("type"),
                                                f->GetFieldAsInteger("member_count"),
                                                f->GetFieldAsInteger("member_count_total"), area_ha_of(*f)};
    }
    scot_ = std::make_unique<std::map<std::string, ScotRow>>();
    for (auto& f : *dataset->GetLayerByName("scot")) {
      (*scot_)[f->GetFieldAsString("scot_id")] = {f->GetFieldAsString("nom"), f->GetFieldAsString("siren"),
                                                  f->GetFieldAsString("source"), area_ha_of(*f)};
    }
    targets_ = std::make_unique<std::map<std::string, TargetRow>>();
    target_rows_ = 0;
    for (auto& f : *dataset->GetLayerByName("zan_targets")) {
      ++target_rows_;
      (*targets_)[f->GetFieldAsString("territory_key")] = {
          f->GetFieldAsString("level"), f->GetFieldAsString("territory_id"), f->GetFieldAsString("parent_key"),
          f->GetFieldAsDouble("reduction_pct"), f->GetFieldAsInteger("mapped"), f->GetFieldAsString("scot_id")};
    }
    notes_ = std::make_unique<std::map<std::string, std::string>>();
    provenance_ = std::make_unique<std::map<std::string, std::string>>();
    for (auto& f : *dataset->GetLayerByName("zanplan_layers")) {
      (*notes_)[f->GetFieldAsString("layer")] = f->GetFieldAsString("notes");
      (*provenance_)[f->GetFieldAsString("layer")] = f->GetFieldAsString("provenance");
    }
    const auto* srs = dataset->GetLayerByName("communes")->GetSpatialRef();
    communes_epsg_ = srs != nullptr && srs->GetAuthorityCode(nullptr) != nullptr ? srs->GetAuthorityCode(nullptr) : "";
  }

  static std::size_t communes_with_scot(const std::string& scot_id) {
    std::size_t count = 0;
    for (const auto& [code, row] : *communes_) count += row.scot_id == scot_id ? 1U : 0U;
    return count;
  }

  static inline std::filesystem::path workspace_;
  static inline std::unique_ptr<std::unordered_map<std::string, std::string>> current_code_;
  static inline std::unique_ptr<std::set<std::string>> context_communes_;
  static inline std::unique_ptr<std::map<std::string, CommuneRow>> communes_;
  static inline int duplicate_codes_ = 0;
  static inline int non_multipolygons_ = 0;
  static inline std::unique_ptr<std::map<std::string, EpciRow>> epci_;
  static inline std::unique_ptr<std::map<std::string, ScotRow>> scot_;
  static inline std::unique_ptr<std::map<std::string, TargetRow>> targets_;
  static inline int target_rows_ = 0;
  static inline std::unique_ptr<std::map<std::string, std::string>> notes_;
  static inline std::unique_ptr<std::map<std::string, std::string>> provenance_;
  static inline std::string communes_epsg_;
};

// python3: communes.json entries with type == "commune-actuelle" and region == "32" → 3,782.
TEST_F(AdminRegion, OneFeaturePerCurrentCommune) {
  EXPECT_EQ(communes_->size(), 3782U);
  EXPECT_EQ(duplicate_codes_, 0);
  EXPECT_EQ(non_multipolygons_, 0);
  EXPECT_EQ(communes_epsg_, "2154");
  EXPECT_EQ(context_communes_->size(), 3782U);
  EXPECT_EQ(communes_->at("59350").nom, "Lille");
  EXPECT_EQ(communes_->at("62447").nom, "Hesdin-la-Forêt");
  EXPECT_EQ(communes_->at("62447").departement, "62");
  EXPECT_EQ(communes_->at("62447").population, 4480);  // communes.json, code 62447
}

// The 26 obsolete 2018 codes of the polygon file and their current communes, as listed in
// the data description (checked against anciensCodes with python3).
TEST_F(AdminRegion, AllObsoleteCodesAreRemapped) {
  const std::map<std::string, std::string> expected{
      {"02077", "02564"}, {"02301", "02018"}, {"02311", "02589"}, {"02434", "02018"}, {"02475", "02360"},
      {"02695", "02054"}, {"02733", "02153"}, {"59070", "59006"}, {"60038", "60256"}, {"60080", "60209"},
      {"60096", "60245"}, {"60300", "60209"}, {"60455", "60054"}, {"60475", "60682"}, {"62210", "62154"},
      {"62461", "62447"}, {"62549", "62447"}, {"62743", "62447"}, {"80175", "80505"}, {"80209", "80625"},
      {"80389", "80442"}, {"80419", "80625"}, {"80551", "80509"}, {"80594", "80485"}, {"80761", "80485"},
      {"80830", "80155"}};
  for (const auto& [old_code, current] : expected) {
    EXPECT_EQ(communes_->count(old_code), 0U) << old_code;
    ASSERT_EQ(current_code_->count(old_code), 1U) << old_code;
    EXPECT_EQ(current_code_->at(old_code), current) << old_code;
    EXPECT_EQ(communes_->count(current), 1U) << current;
  }
  EXPECT_NE(notes_->at("communes").find("26 polygons of obsolete codes"), std::string::npos) << notes_->at("communes");
}

// Areas of the pieces with ogr2ogr -t_srs EPSG:2154 then ogrinfo -dialect sqlite
// "ST_Area(geom)/10000": 62447 89.963, 62461 1265.486, 62549 427.446, 62743 374.490;
// 02564 453.261, 02077 1170.100. The pieces share edges only, so the union's area is the
// sum (0.5 ha allows for slivers of the simplified edges).
TEST_F(AdminRegion, MergedCommunesAreUnioned) {
  const double hesdin = communes_->at("62447").area_ha;
  EXPECT_NEAR(hesdin, 89.963 + 1265.486 + 427.446 + 374.490, 0.5);
  for (double piece : {89.963, 1265.486, 427.446, 374.490}) EXPECT_GT(hesdin, piece);
  EXPECT_NEAR(communes_->at("02564").area_ha, 453.261 + 1170.100, 0.5);
  EXPECT_NEAR(communes_->at("59350").area_ha, 3499.995, 0.01);  // not merged: same area
}

// Region area: ogr2ogr -t_srs EPSG:2154 region-hauts-de-france.geojson, then ogrinfo
// -dialect sqlite "SUM(ST_Area(geom))/10000" = 3,200,247.70 ha. The commune and region files
// are simplified separately (visvalingam 25 %), so their edges do not coincide exactly: the
// raw commune polygons (same commands) sum to 3,200,243.19 ha, 4.5 ha less. A 10 ha
// tolerance covers that and still catches a lost or doubled commune (the smallest, by the
// same ogrinfo query with MIN, is 15.8 ha).
constexpr double region_area_ha = 3'200'247.70;
constexpr double region_tolerance_ha = 10.0;

TEST_F(AdminRegion, CommuneAreasAddUpToTheRegion) {
  double total = 0.0;
  for (const auto& [code, row] : *communes_) total += row.area_ha;
  EXPECT_NEAR(total, region_area_ha, region_tolerance_ha);
}

// python3 on epci.json: 92 EPCI have members among the 3,782 communes (64 CC, 25 CA, 2 CU,
// 1 METRO); 200069722 has 10 of its 44 members in the region, 247600588 13 of 28.
TEST_F(AdminRegion, EpciOfTheRegion) {
  EXPECT_EQ(epci_->size(), 92U);
  std::map<std::string, int> types;
  for (const auto& [siren, row] : *epci_) ++types[row.type];
  EXPECT_EQ(types["CC"], 64);
  EXPECT_EQ(types["CA"], 25);
  EXPECT_EQ(types["CU"], 2);
  EXPECT_EQ(types["METRO"], 1);
  EXPECT_EQ(epci_->at("200069722").member_count, 10);
  EXPECT_EQ(epci_->at("200069722").member_count_total, 44);
  EXPECT_EQ(epci_->at("247600588").member_count, 13);
  EXPECT_EQ(epci_->at("247600588").member_count_total, 28);
  std::size_t without_epci = 0;
  for (const auto& [code, row] : *communes_) without_epci += row.epci_siren.empty() ? 1U : 0U;
  EXPECT_EQ(without_epci, 0U);
  EXPECT_EQ(communes_->at("59350").epci_siren, "200093201");  // Lille in the MEL
  EXPECT_EQ(provenance_->at("epci"), "derived");
  // Every commune is in exactly one EPCI, so the EPCI polygons tile the region.
  double total = 0.0;
  for (const auto& [siren, row] : *epci_) total += row.area_ha;
  EXPECT_NEAR(total, region_area_ha, region_tolerance_ha);
}

// MEL (200093201, 95 communes) and CC Pévèle-Carembault (200041960, 38) are the members of
// the SM du SCOT de Lille Métropole (groupements.json): 133 communes. Their raw polygons
// (ogrinfo -dialect sqlite, ST_Area in Lambert-93, codes IN the two membres lists) cover
// 98,761.18 ha.
TEST_F(AdminRegion, LilleScotMembership) {
  ASSERT_EQ(scot_->count("255902314"), 1U);
  EXPECT_EQ(scot_->at("255902314").source, "docurba");
  EXPECT_EQ(scot_->at("255902314").siren, "255902314");
  EXPECT_EQ(communes_->at("59350").scot_id, "255902314");
  EXPECT_EQ(communes_with_scot("255902314"), 133U);
  EXPECT_NEAR(scot_->at("255902314").area_ha, 98'761.18, 1.0);
  for (const auto& [code, row] : *communes_) {
    if (row.epci_siren == "200093201") {
      EXPECT_EQ(row.scot_id, "255902314") << code;
    }
  }
  // The MEL delegated the competence to the syndicate: it is not a SCoT of its own.
  EXPECT_EQ(scot_->count("200093201"), 0U);
}

// tail -n +2 sparte_seed_custom_land_commune.csv | cut -d, -f2 | sort -u | wc -l → 125, and
// all 125 are current codes of region 32 (python3 on communes.json); their raw polygons
// (with their anciensCodes, none of which is in the polygon file) cover 107,620.02 ha.
TEST_F(AdminRegion, SaintQuentinoisCustomScot) {
  ASSERT_EQ(scot_->count("SCOT_SAINT_QUENTINOIS"), 1U);
  EXPECT_EQ(scot_->at("SCOT_SAINT_QUENTINOIS").source, "sparte-custom");
  EXPECT_EQ(scot_->at("SCOT_SAINT_QUENTINOIS").nom, "SCOT du Pays du Saint-Quentinois");
  EXPECT_EQ(scot_->at("SCOT_SAINT_QUENTINOIS").siren, "");
  EXPECT_EQ(communes_with_scot("SCOT_SAINT_QUENTINOIS"), 125U);
  EXPECT_NEAR(scot_->at("SCOT_SAINT_QUENTINOIS").area_ha, 107'620.02, 1.0);
  EXPECT_EQ(communes_->at("02691").scot_id, "SCOT_SAINT_QUENTINOIS");  // Saint-Quentin
}

// python3 on communes.json: commune-deleguee entries whose chefLieu is a current commune of
// region 32 → 63 déléguées under 25 communes nouvelles; 02439 has 7, 02458 and 62447 have 4.
TEST_F(AdminRegion, CommunesDelegueesAndUnknownPlanningStatus) {
  int nouvelles = 0, deleguees = 0;
  for (const auto& [code, row] : *communes_) {
    nouvelles += row.deleguees > 0 ? 1 : 0;
    deleguees += row.deleguees;
    // The bundled communal-guarantee input has no row: every status is unknown (empty).
    EXPECT_EQ(row.planning_document, "") << code;
  }
  EXPECT_EQ(nouvelles, 25);
  EXPECT_EQ(deleguees, 63);
  EXPECT_EQ(communes_->at("02439").deleguees, 7);
  EXPECT_EQ(communes_->at("02458").deleguees, 4);
  EXPECT_EQ(communes_->at("62447").deleguees, 4);
}

// The fixture has 47 records: REGION_32, 5 EPCI_, 40 SCOT_, 1 CUSTOM_. The crosswalk joins all
// 40 SUDOCUH SCoT targets (39 to a workspace SCoT, SCOT_6240 to its EPCI).
TEST_F(AdminRegion, TargetsJoin) {
  EXPECT_EQ(target_rows_, 47);
  const auto& region = targets_->at("REGION_32");
  EXPECT_EQ(region.level, "region");
  EXPECT_EQ(region.territory_id, "32");
  EXPECT_EQ(region.mapped, 1);
  EXPECT_DOUBLE_EQ(region.reduction_pct, 54.47);
  EXPECT_EQ(region.parent_key, "");

  for (const char* siren : {"246000764", "240200592", "200066975", "200067965", "246000772"}) {
    const auto& epci = targets_->at(std::string("EPCI_") + siren);
    EXPECT_EQ(epci.level, "epci") << siren;
    EXPECT_EQ(epci.territory_id, siren);
    EXPECT_EQ(epci.mapped, 1) << siren;
    EXPECT_EQ(epci.parent_key, "REGION_32");
  }
  EXPECT_DOUBLE_EQ(targets_->at("EPCI_246000764").reduction_pct, 61.10);

  const auto& lille = targets_->at("SCOT_1000");
  EXPECT_EQ(lille.level, "scot");
  EXPECT_EQ(lille.territory_id, "1000");
  EXPECT_EQ(lille.mapped, 1);
  EXPECT_EQ(lille.scot_id, "255902314");
  EXPECT_DOUBLE_EQ(lille.reduction_pct, 67.50);

  const auto& custom = targets_->at("CUSTOM_SCOT_SAINT_QUENTINOIS");
  EXPECT_EQ(custom.level, "scot");
  EXPECT_EQ(custom.mapped, 1);
  EXPECT_EQ(custom.scot_id, "SCOT_SAINT_QUENTINOIS");
  EXPECT_DOUBLE_EQ(custom.reduction_pct, 48.10);

  // CC de la Champagne Picarde holds the SCoT competence itself (Docurba skillSCoT).
  EXPECT_EQ(targets_->at("SCOT_8").mapped, 1);
  EXPECT_EQ(targets_->at("SCOT_8").scot_id, "240200576");
  EXPECT_DOUBLE_EQ(targets_->at("SCOT_8").reduction_pct, 25.70);
  // Vexin-Thelle: no workspace SCoT (Docurba: no SCoT competence); joined to the EPCI.
  EXPECT_EQ(targets_->at("SCOT_6240").level, "epci");
  EXPECT_EQ(targets_->at("SCOT_6240").territory_id, "246000707");
  EXPECT_EQ(targets_->at("SCOT_6240").mapped, 1);
  int unmapped = 0, scot_keys_joined = 0;
  for (const auto& [key, row] : *targets_) {
    unmapped += row.mapped == 0 ? 1 : 0;
    scot_keys_joined += key.starts_with("SCOT_") && row.mapped == 1 ? 1 : 0;
  }
  EXPECT_EQ(unmapped, 0);
  EXPECT_EQ(scot_keys_joined, 40);
  // Each SCoT-joined key points at a distinct workspace SCoT that has communes.
  std::set<std::string> joined_scots;
  for (const auto& [key, row] : *targets_) {
    if (!key.starts_with("SCOT_") || row.level != "scot") continue;
    EXPECT_TRUE(scot_->count(row.scot_id)) << key;
    EXPECT_GT(communes_with_scot(row.scot_id), 0U) << key;
    joined_scots.insert(row.scot_id);
  }
  EXPECT_EQ(joined_scots.size(), 39U);
  const auto& notes = notes_->at("zan_targets");
  EXPECT_NE(notes.find("47 records: 47 mapped"), std::string::npos) << notes;
  EXPECT_NE(notes.find("joined: 40 of 40"), std::string::npos) << notes;
}

TEST_F(AdminRegion, ScotOverlapsAreReported) {
  const auto& notes = notes_->at("scot");
  EXPECT_NE(notes.find("communes belong to several SCoTs"), std::string::npos) << notes;
  // 200039311 (SM Baie de Somme 3 vallées) lists communes directly, some of them also in
  // PETR Bresle Yères (200049427) through its EPCI: the lower id is kept and reported.
  EXPECT_NE(notes.find("kept 200039311 over 200049427"), std::string::npos) << notes;
  EXPECT_EQ(provenance_->at("scot"), "derived");
  EXPECT_EQ(provenance_->at("communes"), "real");
}
