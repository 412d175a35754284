// `zanplan sites` end to end on a workspace drawn as a grid of 1 ha parcels in two communes:
// every expected figure is counted from the grid in this file.
#include "zanplan/site_assembly.hpp"

#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "support/temporary.hpp"

#include "ogr/handles.hpp"
#include "workspace/builder.hpp"

using namespace zanplan;

namespace {

constexpr double X0 = 700'000, Y0 = 7'000'000, cell = 100;

std::string square(double x, double y, double side) {
  auto c = [](double px, double py) { return std::to_string(X0 + px) + " " + std::to_string(Y0 + py); };
  return "POLYGON ((" + c(x, y) + "," + c(x + side, y) + "," + c(x + side, y + side) + "," + c(x, y + side) + "," + c(x, y) + "))";
}

void add(OGRLayer& layer, const std::string& wkt, const std::vector<std::pair<const char*, std::string>>& fields) {
  OGRFeature f(layer.GetLayerDefn());
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
  f.SetGeometryDirectly(g);
  for (const auto& [k, v] : fields) f.SetField(k, v.c_str());
  workspace::add_feature(layer, f);
}

// 12 × 12 parcels of 1 ha; columns 0–5 in commune 99001, 6–11 in 99002. Letters:
// '.' ENAF, 'u' artificialised (urban fabric), 'e' artificialised inside the business park.
const std::vector<std::string> grid{
    "............",  //
    "............",  //
    "............",  //
    "...eee......",  //
    "...eee......",  //
    "...eee...u..",  //
    "............",  //
    "............",  //
    "............",  //
    "............",  //
    "............",  //
    "............",  //
};

std::string parcel_id(int row, int col) {
  const std::string commune = col < 6 ? "99001" : "99002";
  return commune + "000AA" + fmt::format("{:03d}", row * 12 + col);
}

std::filesystem::path grid_workspace() {
  const auto path = test_support::temporary("zanplan_assembly_test.gpkg");
  workspace::Builder b(path, "99", "Testland");
  auto& parcels = b.create_layer("parcels", wkbPolygon,
                                 {{"id"}, {"commune"}, {"area_m2", OFTReal}, {"land_class"}, {"enaf_m2", OFTReal}, {"synthetic", OFTInteger}});
  for (int r = 0; r < 12; ++r) {
    for (int c = 0; c < 12; ++c) {
      const char ch = grid[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
      const bool enaf = ch == '.';
      add(parcels, square(c * cell, (11 - r) * cell, cell),
          {{"id", parcel_id(r, c)}, {"commune", c < 6 ? "99001" : "99002"}, {"area_m2", "10000"},
           {"land_class", enaf ? "enaf" : "artificialised"}, {"enaf_m2", enaf ? "10000" : "0"}, {"synthetic", "1"}});
    }
  }
  // The business park covers the 3 × 3 'e' block (rows 3–5, columns 3–5).
  auto& parks = b.create_layer("business_parks", wkbMultiPolygon, {{"site_id"}});
  add(parks, square(3 * cell, 6 * cell, 3 * cell), {{"site_id", "ZA1"}});
  // A 2 ha brownfield at the centre of parcel (row 9, column 2): a disc of radius 79.8 m.
  auto& brownfields = b.create_layer("brownfields", wkbPoint, {{"site_id"}, {"surface_m2", OFTReal}});
  add(brownfields, "POINT (" + std::to_string(X0 + 250) + " " + std::to_string(Y0 + 250) + ")", {{"site_id", "F1"}, {"surface_m2", "20000"}});
  auto& subs = b.create_layer("substations", wkbPoint, {{"code"}, {"nom"}, {"tension_kv", OFTInteger}, {"connectable", OFTInteger}});
  add(subs, "POINT (" + std::to_string(X0 + 600) + " " + std::to_string(Y0 - 2000) + ")",
      {{"code", "S"}, {"nom", "South 400"}, {"tension_kv", "400"}, {"connectable", "1"}});
  b.record({.layer = "parcels", .provenance = "synthetic", .source_file = "", .source = "test grid", .licence = "", .notes = ""});
  b.commit();
  return path;
}

scoring::Profile test_profile() {
  auto p = scoring::load_profile(std::filesystem::path(ZANPLAN_DATA_DIR) / "profiles" / "gigafactory.toml");
  p.min_ha = 20;
  p.max_ha = 40;
  p.assembly.target_ha = 30;
  p.assembly.min_compactness = 0.3;
  return p;
}

}  // namespace

TEST(Assembly, SitesFromAGridOfParcels) {
  const auto path = grid_workspace();
  const scoring::Profile profile = test_profile();
  const AssemblyReport report = assemble_sites({.workspace = path, .profile = profile, .threads = 2, .progress = {}});

  EXPECT_EQ(report.parcels.read, 144U);
  EXPECT_EQ(report.parcels.urban, 1U);  // the 'u' parcel
  EXPECT_EQ(report.parcels.economic, 9U);
  EXPECT_EQ(report.parcels.eligible, 143U);
  // The brownfield disc (64-gon of radius √(20000/π)) lies on ENAF parcels: its whole area
  // counts, 2 ha × 64·sin(2π/64)/(2π) = 1.99679 ha.
  EXPECT_NEAR(report.parcels.brownfield_ha, 2.0 * 64 * std::sin(2 * M_PI / 64) / (2 * M_PI), 1e-4);
  EXPECT_EQ(report.parcels.brownfields_placed, 1U);
  // 12 × 12 grid: 11 × 12 × 2 = 264 neighbour pairs, less the 4 of the urban parcel.
  EXPECT_EQ(report.edges, 260U);
  ASSERT_GE(report.sites, 3U);

  auto dataset = ogr::open_vector(path.string());
  OGRLayer* sites = dataset->GetLayerByName("sites_gigafactory");
  OGRLayer* members = dataset->GetLayerByName("site_parcels_gigafactory");
  OGRLayer* communes = dataset->GetLayerByName("site_communes_gigafactory");
  ASSERT_NE(sites, nullptr);
  ASSERT_NE(members, nullptr);
  ASSERT_NE(communes, nullptr);
  EXPECT_EQ(static_cast<std::size_t>(sites->GetFeatureCount()), report.sites);

  std::map<std::string, std::map<std::string, int>> parcels_per_commune;  // site → commune → parcels
  std::set<std::string> seen;
  for (auto& f : *members) {
    const std::string id = f->GetFieldAsString("parcel_id");
    EXPECT_TRUE(seen.insert(id).second) << id << " is in two sites";
    EXPECT_NE(id, parcel_id(5, 9)) << "the urban parcel is in a site";
    // The commune is read off the parcel id, as drawn in the grid.
    ++parcels_per_commune[f->GetFieldAsString("site_id")][id.substr(0, 5)];
  }
  bool spans_two = false;
  for (auto& f : *sites) {
    const std::string id = f->GetFieldAsString("site_id");
    const int count = f->GetFieldAsInteger("parcel_count");
    EXPECT_GT(count, 1);
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("area_ha"), count * 1.0);
    EXPECT_GE(f->GetFieldAsDouble("area_ha"), 20.0);
    EXPECT_LE(f->GetFieldAsDouble("area_ha"), 40.0);
    EXPECT_GE(f->GetFieldAsDouble("compactness"), 0.3);
    const OGRGeometry* g = f->GetGeometryRef();
    ASSERT_NE(g, nullptr);
    EXPECT_TRUE(g->IsValid());
    // OGR's own area of the stored outline equals the sum of its parcels.
    EXPECT_NEAR(g->toMultiPolygon()->get_Area(), count * 10'000.0, 1e-3);
    int total = 0;
    for (const auto& [commune, n] : parcels_per_commune[id]) total += n;
    EXPECT_EQ(total, count);
    spans_two = spans_two || parcels_per_commune[id].size() == 2;
  }
  EXPECT_TRUE(spans_two) << "no site spans the two communes: the test grid should make one";
  // Each commune row of a site holds its own share of the area.
  std::map<std::string, double> share_sum;
  for (auto& f : *communes) {
    const std::string site = f->GetFieldAsString("site_id");
    const std::string commune = f->GetFieldAsString("commune");
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("area_ha"), parcels_per_commune[site][commune] * 1.0);
    share_sum[site] += f->GetFieldAsDouble("area_share");
  }
  for (const auto& [site, sum] : share_sum) EXPECT_NEAR(sum, 1.0, 1e-12) << site;
}

TEST(Assembly, RunningAgainReplacesTheTables) {
  const auto path = grid_workspace();
  const scoring::Profile profile = test_profile();
  const auto first = assemble_sites({.workspace = path, .profile = profile, .threads = 1, .progress = {}});
  const auto second = assemble_sites({.workspace = path, .profile = profile, .threads = 2, .progress = {}});
  EXPECT_EQ(first.sites, second.sites);
  auto dataset = ogr::open_vector(path.string());
  EXPECT_EQ(static_cast<std::size_t>(dataset->GetLayerByName("sites_gigafactory")->GetFeatureCount()), second.sites);
  // One provenance row per table, not one per run.
  OGRLayer* layers = dataset->GetLayerByName("zanplan_layers");
  int rows = 0;
  for (auto& f : *layers) rows += std::string(f->GetFieldAsString("layer")) == "sites_gigafactory" ? 1 : 0;
  EXPECT_EQ(rows, 1);
}
