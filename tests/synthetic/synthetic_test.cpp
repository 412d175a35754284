// The synthetic generator on a tiny hand-made workspace (see tiny_workspace.hpp) and on one
// real commune. Expected values come from the workspace's construction, not from the
// generator: areas of squares, the documented model constants, the real Cerema header.
#include "zanplan/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "../formats/import_harness.hpp"
#include "formats/cadastre.hpp"
#include "formats/cerema.hpp"
#include "formats/formats_import.hpp"
#include "geos/context.hpp"
#include "import/region.hpp"
#include "ogr/handles.hpp"
#include "text/csv.hpp"
#include "tiny_workspace.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;

namespace {

constexpr std::uint64_t test_seed = 7;
constexpr double test_density = 0.5;

struct ParcelRow {
  std::string id;
  std::string commune;
  std::string section;
  std::string numero;
  std::int64_t contenance = 0;
  geos::GeometryPtr geometry;  // Lambert-93
  double area = 0.0;
};

// The generated GeoJSON read with GDAL and reprojected to Lambert-93 by the test itself.
std::vector<ParcelRow> read_parcels(const std::filesystem::path& path) {
  auto dataset = ogr::open_vector(formats::gdal_name(path));
  OGRLayer& layer = ogr::layer_of(*dataset, path.string());
  auto transform = ogr::make_transform(ogr::wgs84(), ogr::lambert93(), path.string());
  auto& context = geos::Context::current();
  std::vector<ParcelRow> rows;
  for (auto& f : layer) {
    ogr::GeometryPtr g(f->GetGeometryRef()->clone());
    EXPECT_EQ(g->transform(transform.get()), OGRERR_NONE);
    ParcelRow row{f->GetFieldAsString("id"),
                  f->GetFieldAsString("commune"),
                  f->GetFieldAsString("section"),
                  f->GetFieldAsString("numero"),
                  f->GetFieldAsInteger64("contenance"),
                  importer::to_geos(*g),
                  0.0};
    GEOSArea_r(context.handle(), row.geometry.get(), &row.area);
    rows.push_back(std::move(row));
  }
  return rows;
}

double union_area(const std::vector<const ParcelRow*>& parcels) {
  auto& context = geos::Context::current();
  std::vector<GEOSGeometry*> copies;
  for (const auto* p : parcels) copies.push_back(GEOSGeom_clone_r(context.handle(), p->geometry.get()));
  auto collection =
      geos::own(context,
                GEOSGeom_createCollection_r(context.handle(), GEOS_GEOMETRYCOLLECTION, copies.data(),
                                            static_cast<unsigned>(copies.size())),
                "collection");
  auto merged = geos::own(context, GEOSUnaryUnion_r(context.handle(), collection.get()), "union");
  double area = 0.0;
  GEOSArea_r(context.handle(), merged.get(), &area);
  return area;
}

double share_inside(const ParcelRow& parcel, const test::Rect& rect) {
  auto& context = geos::Context::current();
  OGRPolygon polygon = test::polygon(rect);
  auto area = importer::to_geos(polygon);
  auto overlap =
      geos::own(context, GEOSIntersection_r(context.handle(), parcel.geometry.get(), area.get()), "overlap");
  double overlap_area = 0.0;
  GEOSArea_r(context.handle(), overlap.get(), &overlap_area);
  return overlap_area / parcel.area;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::map<std::string, std::string> land_classes(const std::filesystem::path& path) {
  const auto table = text::CsvTable::read(path);
  EXPECT_EQ(table.header(), (std::vector<std::string>{"id", "land_class", "enaf_share"}));
  std::map<std::string, std::string> classes;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto row = table.row(i);
    EXPECT_EQ(row["enaf_share"], row["land_class"] == "enaf" ? "1" : "0") << row["id"];
    classes[row["id"]] = row["land_class"];
  }
  return classes;
}

std::string first_line(const std::filesystem::path& path) {
  const std::string text = test::read_text(path);
  return text.substr(0, text.find('\n'));
}

}  // namespace

class Synthetic : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>("zanplan-synthetic");
    workspace_ = dir_->path() / "tiny.gpkg";
    test::build_tiny_workspace(workspace_);
    report_ = generate_synthetic(
        workspace_, {.seed = test_seed, .density = test_density, .output_dir = dir_->path() / "a"});
    parcels_ = std::make_unique<std::vector<ParcelRow>>(read_parcels(parcels_file()));
  }
  static void TearDownTestSuite() {
    parcels_.reset();
    dir_.reset();
  }

  static std::filesystem::path parcels_file() { return dir_->path() / "a" / "cadastre-99-parcelles.json.gz"; }
  static std::filesystem::path land_cover_file() { return dir_->path() / "a" / "occupation-99-parcelles.csv"; }
  static std::filesystem::path consumption_file() {
    return dir_->path() / "a" / "conso-2009-2023-resultats-com.csv";
  }

  static std::vector<const ParcelRow*> parcels_of(const std::string& commune) {
    std::vector<const ParcelRow*> selected;
    for (const auto& p : *parcels_) {
      if (p.commune == commune) selected.push_back(&p);
    }
    return selected;
  }

  static inline std::unique_ptr<test::TempDir> dir_;
  static inline std::filesystem::path workspace_;
  static inline SyntheticReport report_;
  static inline std::unique_ptr<std::vector<ParcelRow>> parcels_;
};

TEST_F(Synthetic, SameSeedGivesByteIdenticalFiles) {
  const auto again = dir_->path() / "b";
  const auto other_seed = dir_->path() / "c";
  (void)generate_synthetic(workspace_, {.seed = test_seed, .density = test_density, .output_dir = again});
  (void)generate_synthetic(workspace_,
                           {.seed = test_seed + 1, .density = test_density, .output_dir = other_seed});
  for (const auto* name :
       {"cadastre-99-parcelles.json.gz", "occupation-99-parcelles.csv", synthetic_consumption_file}) {
    SCOPED_TRACE(name);
    const std::string first = test::read_text(dir_->path() / "a" / name);
    ASSERT_FALSE(first.empty());
    EXPECT_TRUE(first == test::read_text(again / name));
    EXPECT_FALSE(first == test::read_text(other_seed / name));
  }
  // Nothing but the three files: the temporary files were renamed.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(again), std::filesystem::directory_iterator{}),
            3);
}

TEST_F(Synthetic, FileNamesCanComeFromTheManifest) {
  const auto out = dir_->path() / "named";
  const auto report = generate_synthetic(workspace_, {.seed = test_seed,
                                                      .density = 0.01,
                                                      .output_dir = out,
                                                      .parcels_name = "p.json",
                                                      .land_cover_name = "l.csv",
                                                      .consumption_name = "c.csv"});
  EXPECT_EQ(report.files, (std::vector<std::filesystem::path>{out / "c.csv", out / "l.csv", out / "p.json"}));
  for (const auto& file : report.files) EXPECT_TRUE(std::filesystem::exists(file)) << file;
}

TEST_F(Synthetic, ParcelsHaveTheEtalabSchemaAndAreLabelled) {
  const std::string text = test::read_gzip(parcels_file());
  EXPECT_EQ(text.rfind(R"({"type":"FeatureCollection","zanplan_synthetic":true,"features":[)", 0), 0U);
  // GDAL ignores the extra member and sees the same fields, with the same types, as in the
  // real Etalab file.
  auto real = ogr::open_vector(test::fixture("cadastre/cadastre-91216-parcelles.json").string());
  auto ours = ogr::open_vector(formats::gdal_name(parcels_file()));
  OGRFeatureDefn* expected = real->GetLayer(0)->GetLayerDefn();
  OGRFeatureDefn* actual = ours->GetLayer(0)->GetLayerDefn();
  ASSERT_EQ(actual->GetFieldCount(), expected->GetFieldCount());
  for (int i = 0; i < expected->GetFieldCount(); ++i) {
    EXPECT_STREQ(actual->GetFieldDefn(i)->GetNameRef(), expected->GetFieldDefn(i)->GetNameRef());
    EXPECT_EQ(actual->GetFieldDefn(i)->GetType(), expected->GetFieldDefn(i)->GetType());
    EXPECT_EQ(actual->GetFieldDefn(i)->GetSubType(), expected->GetFieldDefn(i)->GetSubType());
  }
  EXPECT_EQ(wkbFlatten(ours->GetLayer(0)->GetGeomType()), wkbPolygon);
  EXPECT_EQ(static_cast<std::size_t>(ours->GetLayer(0)->GetFeatureCount()), report_.parcels);
}

TEST_F(Synthetic, IdsAndContenance) {
  std::set<std::string> ids;
  for (const auto& p : *parcels_) {
    ASSERT_EQ(p.id.size(), 14U);
    EXPECT_EQ(p.id.substr(0, 8), p.commune + "000");
    EXPECT_EQ(p.id.substr(8, 2), p.section);
    EXPECT_EQ(std::stoi(p.id.substr(10)), std::stoi(p.numero));
    EXPECT_TRUE(ids.insert(p.id).second) << "duplicate " << p.id;
    // contenance is the area rounded to m²; coordinates rounded to 1e-7° move it a little.
    EXPECT_NEAR(static_cast<double>(p.contenance), p.area, 1.0 + 1e-4 * p.area) << p.id;
  }
  // The expected counts from the documented model at density 0.5: 99001 has 0.5 × 0.4 ×
  // 5000 = 1000 core points and 0.5 × (400 − 200) ha = 100 others; 99002 60 + 0.5 ×
  // (900 − 12) ≈ 444; 99003 100. Voronoi cells of points inside a commune are one parcel
  // each, except a few cut in two by 99003's gap.
  EXPECT_NEAR(static_cast<double>(parcels_of("99001").size()), 1100, 5);
  EXPECT_NEAR(static_cast<double>(parcels_of("99002").size()), 504, 5);
  EXPECT_NEAR(static_cast<double>(parcels_of("99003").size()), 100, 10);
}

TEST_F(Synthetic, ParcelsCoverEachCommuneWithoutOverlap) {
  const std::map<std::string, double> commune_area{{"99001", 4e6}, {"99002", 9e6}, {"99003", 2e6}};
  for (const auto& [code, area] : commune_area) {
    SCOPED_TRACE(code);
    const auto parcels = parcels_of(code);
    double sum = 0.0;
    for (const auto* p : parcels) sum += p->area;
    const double merged = union_area(parcels);
    EXPECT_NEAR(sum, area, 1e-5 * area);  // 40 m² on 400 ha
    EXPECT_NEAR(merged, area, 1e-5 * area);
    EXPECT_LT(sum - merged, 1e-6 * area);  // overlaps: numerical noise only
  }
}

TEST_F(Synthetic, CoreParcelsAreSmallerThanOuterOnes) {
  // 99001: centre (701000, 7001000); core area min(5000 × 400 m², 0.85 × 400 ha) = 200 ha,
  // radius sqrt(2e6 / π) = 797.9 m.
  const double radius = std::sqrt(2e6 / std::numbers::pi);
  std::vector<double> core;
  std::vector<double> outer;
  auto& context = geos::Context::current();
  for (const auto* p : parcels_of("99001")) {
    auto centroid = geos::own(context, GEOSGetCentroid_r(context.handle(), p->geometry.get()), "centroid");
    double x = 0.0;
    double y = 0.0;
    GEOSGeomGetX_r(context.handle(), centroid.get(), &x);
    GEOSGeomGetY_r(context.handle(), centroid.get(), &y);
    (std::hypot(x - 701000, y - 7001000) < radius ? core : outer).push_back(p->area);
  }
  ASSERT_GT(core.size(), 500U);
  ASSERT_GT(outer.size(), 50U);
  // 1000 points in 200 ha → about 0.2 ha each; 100 points in 200 ha → about 2 ha.
  EXPECT_LT(median(core), 0.3e4);
  EXPECT_GT(median(outer), 1.0e4);
}

TEST_F(Synthetic, LandClassesFollowTheRealLayers) {
  const auto classes = land_classes(land_cover_file());
  ASSERT_EQ(classes.size(), parcels_->size());
  auto& context = geos::Context::current();
  auto brownfield = geos::own(
      context, GEOSGeom_createPointFromXY_r(context.handle(), test::brownfield_x, test::brownfield_y),
      "point");
  int brownfield_parcels = 0;
  int in_park = 0;
  int in_farmland = 0;
  for (const auto& p : *parcels_) {
    const std::string& land_class = classes.at(p.id);
    if (GEOSContains_r(context.handle(), p.geometry.get(), brownfield.get()) == 1) {
      EXPECT_EQ(land_class, "brownfield") << p.id;
      ++brownfield_parcels;
    } else if (share_inside(p, test::business_park) > 0.55 || share_inside(p, test::dense_logistics) > 0.55) {
      EXPECT_EQ(land_class, "artificialised") << p.id;
      ++in_park;
    } else if (share_inside(p, test::farmland_field) > 0.55) {
      EXPECT_EQ(land_class, "enaf") << p.id;
      ++in_farmland;
    } else {
      EXPECT_TRUE(land_class == "enaf" || land_class == "artificialised") << p.id << " " << land_class;
    }
  }
  EXPECT_EQ(brownfield_parcels, 1);
  // 80 + 25 ha and 200 ha of 2-ha parcels: dozens each.
  EXPECT_GT(in_park, 20);
  EXPECT_GT(in_farmland, 50);
  EXPECT_EQ(report_.parcels_by_class.at("brownfield"), 1U);
}

TEST_F(Synthetic, ConsumptionHasTheCeremaLayout) {
  EXPECT_EQ(first_line(consumption_file()),
            first_line(test::fixture("zan/cerema-conso-2009-2023-sample-ain.csv")));
  const auto file = formats::read_cerema_consumption(consumption_file());  // validates the sums
  ASSERT_EQ(file.records.size(), 3U);
  const std::vector<std::string> codes{"99001", "99002", "99003"};
  const std::vector<double> surfaces{4e6, 9e6, 2e6};
  const auto& header = file.header;
  auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  double reference = 0.0;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& record = file.records[i];
    SCOPED_TRACE(record.commune);
    EXPECT_EQ(record.commune, codes[i]);
    EXPECT_EQ(record.raw[column("idreg")], "99");
    EXPECT_EQ(record.raw[column("idregtxt")], "Testland");
    EXPECT_EQ(record.raw[column("surfcom2023")], fmt::format("{}", surfaces[i]));
    double total = 0.0;
    for (int year = 2009; year <= 2022; ++year) {
      const double naf = std::stod(record.raw[column(formats::cerema_naf_column(year))]);
      double uses = 0.0;
      for (const char* use : formats::cerema_uses)
        uses += std::stod(record.raw[column(formats::cerema_use_column(year, use))]);
      EXPECT_EQ(uses, naf) << year;
      EXPECT_GE(naf, 0.0);
      total += naf;
    }
    EXPECT_EQ(std::stod(record.raw[column("naf09art23")]), total);
    reference += formats::reference_consumption_m2(record, 2011, 2020);
  }
  EXPECT_DOUBLE_EQ(reference, report_.consumption_2011_2020_m2);
  // Labels come from the workspace, with the real file's apostrophe-as-quote convention.
  EXPECT_EQ(file.records[0].raw[column("idcomtxt")], "L\"Essai-sur-Test");
  EXPECT_EQ(file.records[0].raw[column("epci23txt")], "CC de l\"Essai");
  EXPECT_EQ(file.records[0].raw[column("scot")], "SCoT de l\"Essai");
  const std::string text = test::read_text(consumption_file());
  EXPECT_NE(
      text.find(R"(;"L""Essai-sur-Test";99;Testland;99;;200000001;"CC de l""Essai";"SCoT de l""Essai";;;;)"),
      std::string::npos);
}

TEST_F(Synthetic, ImportersReadTheGeneratedFiles) {
  test::ImportHarness harness("zanplan-synthetic-import");
  harness.add_entry("parcels", parcels_file(), "synthetic");
  harness.add_entry("land_cover", land_cover_file(), "synthetic");
  harness.add_entry("enaf_consumption", consumption_file(), "synthetic");
  harness.set_communes({"99001", "99002", "99003"});
  harness.run([](importer::Context& c) {
    importer::import_enaf_consumption(c);
    importer::import_parcels(c);
  });
  auto dataset = harness.open();
  OGRLayer* parcels = dataset->GetLayerByName("parcels");
  EXPECT_EQ(static_cast<std::size_t>(parcels->GetFeatureCount()), parcels_->size());
  parcels->SetAttributeFilter("land_class = 'unknown' OR synthetic != 1");
  EXPECT_EQ(parcels->GetFeatureCount(), 0);
  EXPECT_EQ(dataset->GetLayerByName("enaf_consumption")->GetFeatureCount(), 3);
  const auto notes = harness.provenance("parcels")[2];
  EXPECT_EQ(notes.find("repaired"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("multi-part"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("without"), std::string::npos) << notes;
}

TEST(SyntheticInput, MissingLayerAndBadDensity) {
  test::TempDir dir("zanplan-synthetic-bad");
  const auto path = dir.path() / "partial.gpkg";
  {
    workspace::Builder builder(path, "99", "Testland");
    builder.create_layer("communes", wkbMultiPolygon,
                         {{"code"},
                          {"nom"},
                          {"departement"},
                          {"epci_siren"},
                          {"scot_id"},
                          {"population", OFTInteger64},
                          {"area_ha", OFTReal}});
    builder.commit();
  }
  try {
    (void)generate_synthetic(path, {.seed = 1, .density = 0.1, .output_dir = dir.path() / "out"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::workspace);
    EXPECT_EQ(e.context().file, path.string());
    EXPECT_EQ(e.context().layer, "brownfields");
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / synthetic_consumption_file));
  EXPECT_THROW((void)generate_synthetic(path, {.seed = 1, .density = 0.0, .output_dir = dir.path()}), Error);
}

TEST(SyntheticRealCommune, ArrasIsCoveredAndImportsCleanly) {
  // Arras (62041) from the region's commune file; 42,875 inhabitants (decoupage-administratif
  // 6.0.0); 1195.23 ha by `ogrinfo -dialect SQLite -sql "SELECT ST_Area(ST_Transform(geometry,
  // 2154)) ... WHERE code = '62041'"`.
  test::TempDir dir("zanplan-synthetic-arras");
  const auto path = dir.path() / "arras.gpkg";
  const auto source =
      std::filesystem::path(ZANPLAN_DATA_DIR) / "region-32/real/admin/communes-hauts-de-france.geojson";
  {
    auto dataset = ogr::open_vector(source.string());
    OGRLayer& layer = ogr::layer_of(*dataset, source.string());
    layer.SetAttributeFilter("code = '62041'");
    ogr::FeaturePtr arras(layer.GetNextFeature());
    ASSERT_TRUE(arras);
    ogr::GeometryPtr geometry(OGRGeometryFactory::forceToMultiPolygon(arras->GetGeometryRef()->clone()));
    auto transform = ogr::make_transform(ogr::wgs84(), ogr::lambert93(), source.string());
    ASSERT_EQ(geometry->transform(transform.get()), OGRERR_NONE);
    workspace::Builder builder(path, "32", "Hauts-de-France");
    OGRLayer& communes = builder.create_layer("communes", wkbMultiPolygon,
                                              {{"code"},
                                               {"nom"},
                                               {"departement"},
                                               {"epci_siren"},
                                               {"scot_id"},
                                               {"population", OFTInteger64},
                                               {"area_ha", OFTReal}});
    test::add(communes, *geometry,
              {{"code", "62041"},
               {"nom", "Arras"},
               {"departement", "62"},
               {"population", "42875"},
               {"area_ha", "1195.23"}});
    builder.create_layer("brownfields", wkbPoint, {});
    builder.create_layer("business_parks", wkbMultiPolygon, {});
    builder.create_layer("logistics_areas", wkbMultiPolygon, {{"kind"}});
    builder.create_layer("farmland", wkbMultiPolygon, {});
    builder.commit();
  }
  const auto report =
      generate_synthetic(path, {.seed = 3, .density = 0.02, .output_dir = dir.path() / "out"});
  // 0.02 × 0.4 × 42875 = 343 core points; the core takes 85 % of the commune, leaving
  // 0.02 × 179 ha ≈ 4 outer points.
  EXPECT_NEAR(static_cast<double>(report.parcels), 347, 10);
  const auto parcels = read_parcels(dir.path() / "out" / "cadastre-62-parcelles.json.gz");
  std::vector<const ParcelRow*> all;
  double sum = 0.0;
  for (const auto& p : parcels) {
    all.push_back(&p);
    sum += p.area;
  }
  EXPECT_NEAR(sum, 1195.23e4, 1e-4 * 1195.23e4);
  EXPECT_LT(sum - union_area(all), 1e-6 * sum);

  test::ImportHarness harness("zanplan-synthetic-arras-import");
  harness.add_entry("parcels", dir.path() / "out" / "cadastre-62-parcelles.json.gz", "synthetic");
  harness.add_entry("land_cover", dir.path() / "out" / "occupation-62-parcelles.csv", "synthetic");
  harness.set_communes({"62041"});
  harness.run([](importer::Context& c) { importer::import_parcels(c); });
  const auto notes = harness.provenance("parcels")[2];
  EXPECT_EQ(notes.find("repaired"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("without"), std::string::npos) << notes;
}
