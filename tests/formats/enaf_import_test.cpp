// The import stage of the Cerema consumption file, on the real three-row fixture.
#include <gtest/gtest.h>

#include "formats/formats_import.hpp"
#include "import_harness.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;

namespace {

const auto sample = test::fixture("zan/cerema-conso-2009-2023-sample-ain.csv");

std::map<std::string, ogr::FeaturePtr> rows_by_commune(GDALDataset& dataset) {
  std::map<std::string, ogr::FeaturePtr> rows;
  OGRLayer* layer = dataset.GetLayerByName("enaf_consumption");
  for (auto& f : *layer) rows[f->GetFieldAsString("idcom")] = ogr::FeaturePtr(f->Clone());
  return rows;
}

}  // namespace

TEST(EnafImport, KeepsEveryColumnAndOnlyTheRegionsCommunes) {
  test::ImportHarness harness("zanplan-enaf-import");
  harness.add_entry("enaf_consumption", sample, "synthetic");
  harness.set_communes({"01001", "01004", "01999"});
  harness.run([](importer::Context& c) { importer::import_enaf_consumption(c); });

  auto dataset = harness.open();
  OGRLayer* layer = dataset->GetLayerByName("enaf_consumption");
  ASSERT_NE(layer, nullptr);
  EXPECT_EQ(layer->GetGeomType(), wkbNone);
  OGRFeatureDefn* definition = layer->GetLayerDefn();
  ASSERT_EQ(definition->GetFieldCount(), 131);
  EXPECT_EQ(definition->GetFieldDefn(definition->GetFieldIndex("idcomtxt"))->GetType(), OFTString);
  EXPECT_EQ(definition->GetFieldDefn(definition->GetFieldIndex("epci23"))->GetType(), OFTString);
  EXPECT_EQ(definition->GetFieldDefn(definition->GetFieldIndex("naf09art10"))->GetType(), OFTReal);
  EXPECT_EQ(definition->GetFieldDefn(definition->GetFieldIndex("artpop1420"))->GetType(), OFTReal);
  EXPECT_STREQ(definition->GetFieldDefn(130)->GetNameRef(), "surfcom2023");

  const auto rows = rows_by_commune(*dataset);
  ASSERT_EQ(rows.size(), 2U);  // 01002 is not a commune of the region
  const auto& row = *rows.at("01001");
  EXPECT_STREQ(row.GetFieldAsString("idcomtxt"), "L\"Abergement-Clémenciat");
  EXPECT_STREQ(row.GetFieldAsString("iddep"), "01");
  EXPECT_EQ(row.GetFieldAsDouble("naf20art21"), 15955.0);
  EXPECT_EQ(row.GetFieldAsDouble("art09rou23"), 1408.0);
  EXPECT_EQ(row.GetFieldAsDouble("emp1420"), -7.0);
  EXPECT_DOUBLE_EQ(row.GetFieldAsDouble("mepart1420"), 19.15);
  EXPECT_EQ(row.GetFieldAsDouble("surfcom2023"), 15619934.0);
  EXPECT_EQ(rows.at("01004")->GetFieldAsDouble("art10inc11"), -1.0);  // as published

  const auto [provenance, source_file, notes] = harness.provenance("enaf_consumption");
  EXPECT_EQ(provenance, "synthetic");
  EXPECT_NE(notes.find("1 rows of communes outside the region skipped (01002)"), std::string::npos) << notes;
  EXPECT_NE(notes.find("1 communes of the region have no row (01999)"), std::string::npos) << notes;
}

TEST(EnafImport, RowsOfMergedCommunesAreSummed) {
  // Pretend 01002 merged into 01004 after the edition.
  test::ImportHarness harness("zanplan-enaf-merge");
  harness.add_entry("enaf_consumption", sample);
  harness.set_communes({"01001", "01004"}, {{"01002", "01004"}});
  harness.run([](importer::Context& c) { importer::import_enaf_consumption(c); });

  auto dataset = harness.open();
  const auto rows = rows_by_commune(*dataset);
  ASSERT_EQ(rows.size(), 2U);
  const auto& merged = *rows.at("01004");
  EXPECT_STREQ(merged.GetFieldAsString("idcomtxt"), "Ambérieu-en-Bugey");  // the current commune's labels
  // Sums of the two published rows (01002 + 01004):
  EXPECT_EQ(merged.GetFieldAsDouble("naf09art23"), 14600.0 + 610116.0);
  EXPECT_EQ(merged.GetFieldAsDouble("naf11art12"), 4638.0 + 30959.0);
  EXPECT_EQ(merged.GetFieldAsDouble("surfcom2023"), 9175479.0 + 24508833.0);
  EXPECT_EQ(merged.GetFieldAsDouble("pop1420"), 23.0 + 266.0);
  // Ratios recomputed from the sums: 624716 / 33684312 × 100 = 1.8546 %; consumption
  // 2014–2019 = (975 + 1749 + 1205 + 0 + 1037 + 1740) + 345257 = 351963 m² = 35.1963 ha;
  // (7 + 15 + 608 + 489) / 35.1963 = 31.79; 615 / 35.1963 = 17.47; 351963 / 289 = 1217.87.
  EXPECT_NEAR(merged.GetFieldAsDouble("artcom0923"), 1.8546, 1e-4);
  EXPECT_NEAR(merged.GetFieldAsDouble("mepart1420"), 31.79, 0.005);
  EXPECT_NEAR(merged.GetFieldAsDouble("menhab1420"), 17.47, 0.005);
  EXPECT_NEAR(merged.GetFieldAsDouble("artpop1420"), 1217.87, 0.005);

  const auto notes = harness.provenance("enaf_consumption")[2];
  EXPECT_NE(notes.find("2 rows of communes merged since the edition summed into 1 current communes"),
            std::string::npos)
      << notes;
}

TEST(EnafImport, MissingColumnFailsAndLeavesNoWorkspace) {
  test::ImportHarness harness("zanplan-enaf-bad");
  const auto bad = harness.dir().write(
      "conso.csv", test::replace_once(test::read_text(sample), ";art22fer23;", ";art22train23;"));
  harness.add_entry("enaf_consumption", bad);
  harness.set_communes({"01001"});
  try {
    harness.run([](importer::Context& c) { importer::import_enaf_consumption(c); });
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, bad.string());
    EXPECT_EQ(e.context().key, "art22fer23");
  }
  EXPECT_FALSE(std::filesystem::exists(harness.workspace()));
}
