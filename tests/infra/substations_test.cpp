// The RTE substations importer on a sample of real rows
// (tests/fixtures/infra/postes-electriques-sample.csv: the header and 9 rows copied
// byte-for-byte, Latin-1, from data/region-32/real/energy/postes-electriques-rte.csv).
#include <gtest/gtest.h>

#include "infra/infra_import.hpp"
#include "infra_harness.hpp"
#include "text/csv.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;
using importer::infra::import_substations;
using importer::infra::is_connectable;
using importer::infra::tension_kv;

namespace {

const auto sample = test::infra_fixture("postes-electriques-sample.csv");

// Runs the importer on `content` (Latin-1 bytes) and returns the error it throws.
Error import_error(const std::string& content) {
  test::InfraHarness harness;
  const auto file = harness.add_text("substations", "postes.csv", content);
  try {
    harness.run(import_substations);
  } catch (const Error& e) {
    EXPECT_EQ(e.context().file, file.string());
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorKind::internal, "none");
}

}  // namespace

TEST(TensionLabel, VoltagesAndLabelsWithoutOne) {
  EXPECT_EQ(tension_kv("400kV"), 400);
  EXPECT_EQ(tension_kv("63kV"), 63);
  EXPECT_EQ(tension_kv("45kV"), 45);  // a real 45 kV level, unlike "<45kV"
  EXPECT_EQ(tension_kv("<45kV"), 0);
  EXPECT_EQ(tension_kv("HORS TENSION"), 0);
  EXPECT_EQ(tension_kv("COURANT CONTINU"), 0);
  EXPECT_FALSE(tension_kv(""));
  EXPECT_FALSE(tension_kv("kV"));
  EXPECT_FALSE(tension_kv("22O kV"));
  EXPECT_FALSE(tension_kv("225"));
}

TEST(TensionLabel, ConnectableNeedsAnInServiceTransformerWithAnAcVoltage) {
  EXPECT_TRUE(is_connectable("Poste de transformation", "EN EXPLOITATION", 225));
  EXPECT_FALSE(is_connectable("Point de piquage", "EN EXPLOITATION", 225));
  EXPECT_FALSE(is_connectable("Poste de transformation", "ACCORD ADMINISTRATIF", 400));
  EXPECT_FALSE(is_connectable("Poste de transformation", "EN EXPLOITATION", 0));
}

// Expected rows: the 7 sample rows within 2 km of the outline. Distances computed with
// tests/infra/expected_counts.py's outline (GDAL Python, Geometry.Distance): S.GUY (Gironde)
// 515 km and FARAM (Bouches-du-Rhône) 635 km away; ZAMEC 102 m outside; the others inside.
TEST(Substations, SampleRowsAreFilteredAndClassified) {
  test::InfraHarness harness;
  harness.add_entry("substations", sample);
  harness.run(import_substations);
  auto rows = harness.features("substations", "code");
  ASSERT_EQ(rows.size(), 7U);
  EXPECT_FALSE(rows.contains("S.GUY"));
  EXPECT_FALSE(rows.contains("FARAM"));
  EXPECT_TRUE(rows.contains("ZAMEC"));  // 102 m outside the simplified outline

  struct Expected {
    const char* code;
    const char* label;
    int kv;
    int connectable;
  };
  for (const Expected& e :
       {Expected{"AVELI", "400kV", 400, 1}, Expected{"ZBEU5", "225kV", 225, 0},  // tap point
        Expected{"COUSL", "400kV", 400, 0},                                      // not built yet
        Expected{"M.KET", "HORS TENSION", 0, 0}, Expected{"1LMA", "<45kV", 0, 0},
        Expected{"HAUTM", "45kV", 45, 1}, Expected{"ZAMEC", "63kV", 63, 0}}) {
    SCOPED_TRACE(e.code);
    OGRFeature& f = *rows.at(e.code);
    EXPECT_STREQ(f.GetFieldAsString("tension_label"), e.label);
    EXPECT_EQ(f.GetFieldAsInteger("tension_kv"), e.kv);
    EXPECT_EQ(f.GetFieldAsInteger("connectable"), e.connectable);
  }
  EXPECT_STREQ(rows.at("ZBEU5")->GetFieldAsString("fonction"), "Point de piquage");
  EXPECT_STREQ(rows.at("ZBEU5")->GetFieldAsString("nom"), "BEUVR / MAZIN VENDI 1");
  EXPECT_STREQ(rows.at("COUSL")->GetFieldAsString("etat"), "ACCORD ADMINISTRATIF");

  const std::string notes = harness.notes("substations");
  EXPECT_NE(notes.find("kept the 7 of 9 rows"), std::string::npos) << notes;
  EXPECT_NE(notes.find("2 km"), std::string::npos) << notes;
}

// Reference: `echo 50.52532708093537 3.082216682320097 | cs2cs -f %.4f EPSG:4326 EPSG:2154`
// (PROJ 9 cs2cs takes EPSG:4326 in its official latitude, longitude order) gives
// 705839.1694 7047564.5841 for AVELIN.
TEST(Substations, ReprojectionMatchesCs2cs) {
  test::InfraHarness harness;
  harness.add_entry("substations", sample);
  harness.run(import_substations);
  auto rows = harness.features("substations", "code");
  const OGRPoint* point = rows.at("AVELI")->GetGeometryRef()->toPoint();
  EXPECT_NEAR(point->getX(), 705839.1694, 0.01);
  EXPECT_NEAR(point->getY(), 7047564.5841, 0.01);
}

TEST(Substations, Utf8CopyIsReadToo) {
  test::InfraHarness harness;
  harness.add_text("substations", "postes-utf8.csv", text::latin1_to_utf8(test::read_bytes(sample)));
  harness.run(import_substations);
  EXPECT_EQ(harness.count("substations"), 7);
}

TEST(Substations, OlderFonctionColumnIsAccepted) {
  test::InfraHarness harness;
  harness.add_text("substations", "postes.csv",
                   test::replaced(test::read_bytes(sample), ";FONCTION;", ";Fonction;"));
  harness.run(import_substations);
  auto rows = harness.features("substations", "code");
  ASSERT_EQ(rows.size(), 7U);
  EXPECT_EQ(rows.at("ZBEU5")->GetFieldAsInteger("connectable"), 0);
  EXPECT_EQ(rows.at("AVELI")->GetFieldAsInteger("connectable"), 1);
}

// The real file is Latin-1: its header already holds "G\xE9o-point", which is not UTF-8.
TEST(Substations, LatinOneReadAsUtf8NamesFileAndLine) {
  const auto real = test::real_file("energy/postes-electriques-rte.csv");
  try {
    (void)text::CsvTable::read(real, {.separator = ';', .encoding = text::Encoding::utf8});
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, real.string());
    EXPECT_EQ(e.context().line, 1);
    EXPECT_NE(e.message().find("UTF-8"), std::string::npos) << e.message();
  }
  // A Latin-1 byte further down is located on its own line (line 4 here).
  std::string ascii_header = test::replaced(test::read_bytes(sample), "G\xE9o-point", "Geo-point");
  ascii_header = test::replaced(ascii_header, "BEUVR / MAZIN", "B\xC9UVR / MAZIN");
  try {
    (void)text::CsvTable::parse(ascii_header, "postes.csv",
                                {.separator = ';', .encoding = text::Encoding::utf8});
    FAIL() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.context().file, "postes.csv");
    EXPECT_EQ(e.context().line, 4);
  }
}

TEST(Substations, MissingTensionColumnIsNamed) {
  const Error e = import_error(test::replaced(test::read_bytes(sample), ";Tension (kV);", ";Tension;"));
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().key, "Tension (kV)");
}

TEST(Substations, MissingFonctionColumnIsNamed) {
  const Error e = import_error(test::replaced(test::read_bytes(sample), ";FONCTION;", ";Role;"));
  EXPECT_EQ(e.context().key, "FONCTION");
}

TEST(Substations, UnknownVoltageNamesLineAndColumn) {
  // ZBEU5 is on line 4 of the sample.
  const Error e = import_error(test::replaced(test::read_bytes(sample), ";225kV;2.77", ";22O kV;2.77"));
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().line, 4);
  EXPECT_EQ(e.context().key, "Tension (kV)");
  EXPECT_NE(e.message().find("22O kV"), std::string::npos) << e.message();
}

TEST(Substations, BadLongitudeNamesLineAndColumn) {
  // AVELIN is on line 3; a decimal comma is not accepted in this file.
  const Error e =
      import_error(test::replaced(test::read_bytes(sample), ";3.082216682320097;", ";3,082216682320097;"));
  EXPECT_EQ(e.context().line, 3);
  EXPECT_EQ(e.context().key, "Longitude poste (DD)");
}
