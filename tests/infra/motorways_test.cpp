// The TMJA importer on a sample of real rows (tests/fixtures/infra/tmja-2019-sample.csv:
// lines 1, 2, 28, 49, 50, 725, 726, 731 and 1876 of data/region-32/real/transport/tmja-2019.csv
// copied byte-for-byte, CRLF and decimal commas included).
#include <gtest/gtest.h>

#include "infra/infra_import.hpp"
#include "infra_harness.hpp"
#include "text/csv.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;
using importer::infra::import_motorways;

namespace {

const auto sample = test::infra_fixture("tmja-2019-sample.csv");

// One commune per département of Hauts-de-France is enough: the filter uses their prefix.
const std::set<std::string> region_communes{"02691", "59350", "60057", "62041", "80021"};

struct Segment {
  std::string route;
  std::string departement;
  double x0, y0, x1, y1;
};

std::vector<Segment> segments_of(test::InfraHarness& harness) {
  std::vector<Segment> out;
  auto dataset = harness.open();
  for (auto& f : *dataset->GetLayerByName("motorway_segments")) {
    const OGRLineString* line = f->GetGeometryRef()->toLineString();
    out.push_back({f->GetFieldAsString("route"), f->GetFieldAsString("departement"), line->getX(0),
                   line->getY(0), line->getX(1), line->getY(1)});
  }
  return out;
}

}  // namespace

// Sample rows: line 2 is in département 31 (dropped); line 28 starts in 95 and ends in 60
// (kept); 49, 50 (A0001, 59), 725, 726 (A0026, written '2' for 02), 731 (02 → 51) and
// 1876 (N0001, 62) are kept: 7 segments.
TEST(Motorways, RowsOfTheRegionsDepartementsAreKept) {
  test::InfraHarness harness;
  harness.add_entry("motorways", sample);
  harness.set_communes(region_communes);
  harness.run(import_motorways);
  const auto segments = segments_of(harness);
  ASSERT_EQ(segments.size(), 7U);
  int aisne = 0;
  for (const auto& s : segments) aisne += s.departement == "02" ? 1 : 0;
  EXPECT_EQ(aisne, 3);  // lines 725, 726, 731, zero-padded
  EXPECT_NE(harness.notes("motorway_segments").find("02, 59, 60, 62, 80"), std::string::npos)
      << harness.notes("motorway_segments");
}

// Line 28: "…;A0001;1610;30;95;C;650;30525;667345,96;6890249,01;0;32;60;C;260;32135;667686,69;
// 6891809,56;0;2019;1;Permanent horaire;88718;17,69".
TEST(Motorways, DecimalCommasAreParsed) {
  test::InfraHarness harness;
  harness.add_entry("motorways", sample);
  harness.set_communes(region_communes);
  harness.run(import_motorways);
  auto dataset = harness.open();
  OGRLayer* layer = dataset->GetLayerByName("motorway_segments");
  layer->SetAttributeFilter("tmja = 88718");
  ogr::FeaturePtr f(layer->GetNextFeature());
  ASSERT_TRUE(f);
  EXPECT_STREQ(f->GetFieldAsString("route"), "A0001");
  EXPECT_STREQ(f->GetFieldAsString("concession"), "C");
  EXPECT_STREQ(f->GetFieldAsString("departement"), "95");  // the start marker's
  EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("ratio_pl"), 17.69);
  const OGRLineString* line = f->GetGeometryRef()->toLineString();
  EXPECT_DOUBLE_EQ(line->getX(0), 667345.96);
  EXPECT_DOUBLE_EQ(line->getY(0), 6890249.01);
  EXPECT_DOUBLE_EQ(line->getX(1), 667686.69);
  EXPECT_DOUBLE_EQ(line->getY(1), 6891809.56);

  // Line 49 has no count: tmja and ratio_pl are null, not 0.
  layer->SetAttributeFilter("tmja IS NULL AND route = 'A0001'");
  EXPECT_EQ(layer->GetFeatureCount(), 2);
  layer->SetAttributeFilter("ratio_pl IS NULL");
  EXPECT_EQ(layer->GetFeatureCount(), 3);  // lines 49, 50 and 1876
}

// Ends of the kept A-route segments whose own département is in the region:
// 28 end (60), 49 start and end, 50 end (its start is 49's end), 725 start and end,
// 726 end (its start is 725's end), 731 start (its end is in 51) = 8 points.
TEST(Motorways, AccessPointsAreDeduplicatedMotorwayEnds) {
  test::InfraHarness harness;
  harness.add_entry("motorways", sample);
  harness.set_communes(region_communes);
  harness.run(import_motorways);
  EXPECT_EQ(harness.count("motorway_access"), 8);
  auto dataset = harness.open();
  OGRLayer* layer = dataset->GetLayerByName("motorway_access");
  layer->SetAttributeFilter("route LIKE 'N%'");
  EXPECT_EQ(layer->GetFeatureCount(), 0);
  layer->SetAttributeFilter("route = 'A0001' AND pr = '206'");  // shared by lines 49 and 50
  EXPECT_EQ(layer->GetFeatureCount(), 1);
  layer->SetAttributeFilter("departement = '95' OR departement = '51'");
  EXPECT_EQ(layer->GetFeatureCount(), 0);
  EXPECT_NE(harness.notes("motorway_access").find("approximation of interchanges"), std::string::npos);
}

// Without commune codes, the départements come from the outline: each département with
// most of its PR markers inside. On the whole real file, that must give the region's five
// départements (expected_counts.py prints them from the Etalab commune list).
TEST(Motorways, DepartementsFromTheOutlineWhenCommunesAreUnknown) {
  test::InfraHarness harness;
  const auto table = text::CsvTable::read(test::real_file("transport/tmja-2019.csv"), {.separator = ';'});
  std::set<std::string> departements;
  harness.run([&](importer::Context& context) {
    departements = importer::infra::region_departements(context, table);
  });
  EXPECT_EQ(departements, (std::set<std::string>{"02", "59", "60", "62", "80"}));
}

TEST(Motorways, BadNumberNamesFileLineAndColumn) {
  test::InfraHarness harness;
  // yD of line 50 (the fifth line of the sample).
  const std::string content = test::replaced(test::read_bytes(sample), ";706554,89;7054220,35;0;207;",
                                             ";706554,89;7054220;35;0;207;");
  const auto file = harness.add_text("motorways", "tmja.csv", content);
  harness.set_communes(region_communes);
  try {
    harness.run(import_motorways);
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    // One ';' too many: the CSV reader reports the field count on that line.
    EXPECT_EQ(e.context().file, file.string());
    EXPECT_EQ(e.context().line, 5);
  }

  test::InfraHarness second;
  const std::string letters = test::replaced(test::read_bytes(sample), ";706554,89;7054220,35;0;207;",
                                             ";706554,89;70S4220,35;0;207;");
  const auto file2 = second.add_text("motorways", "tmja.csv", letters);
  second.set_communes(region_communes);
  try {
    second.run(import_motorways);
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, file2.string());
    EXPECT_EQ(e.context().line, 5);
    EXPECT_EQ(e.context().key, "yD");
  }
}
