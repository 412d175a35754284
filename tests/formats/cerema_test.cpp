// The Cerema consumption parser, on the real three-row fixture (01001, 01002, 01004).
#include "formats/cerema.hpp"

#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "test_files.hpp"
#include "zanplan/error.hpp"

using namespace zanplan;

namespace {

const auto sample = test::fixture("zan/cerema-conso-2009-2023-sample-ain.csv");

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields(1);
  for (const char c : line) {
    if (c == separator) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

// Runs `read` on `content` and returns the error it throws.
Error error_for(const std::string& content) {
  test::TempDir dir("zanplan-cerema");
  const auto path = dir.write("conso.csv", content);
  try {
    (void)formats::read_cerema_consumption(path);
  } catch (const Error& e) {
    EXPECT_EQ(e.context().file, path.string());
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorKind::internal, "none");
}

}  // namespace

TEST(Cerema, LayoutIsTheFixtureHeader) {
  const std::string text = test::read_text(sample);
  const auto header = split(text.substr(0, text.find('\n')), ';');
  ASSERT_EQ(header.size(), 131U);
  EXPECT_EQ(formats::cerema_layout(), header);
}

TEST(Cerema, YearlyColumnsSumToTheTotalOnEveryRealRow) {
  const auto file = formats::read_cerema_consumption(sample);
  ASSERT_EQ(file.records.size(), 3U);
  // naf09art23 as published (python csv on the fixture).
  const std::map<std::string, double> totals{{"01001", 67511}, {"01002", 14600}, {"01004", 610116}};
  for (const auto& record : file.records) {
    SCOPED_TRACE(record.commune);
    ASSERT_EQ(record.naf_by_year.size(), 14U);
    const double sum = std::accumulate(record.naf_by_year.begin(), record.naf_by_year.end(), 0.0,
                                       [](double s, const auto& year) { return s + year.second; });
    EXPECT_EQ(record.naf_total, totals.at(record.commune));
    EXPECT_EQ(sum, totals.at(record.commune));
    EXPECT_EQ(record.raw.size(), 131U);
  }
  EXPECT_EQ(file.records[1].line, 3);
  EXPECT_EQ(file.records[0].raw[1], "L\"Abergement-Clémenciat");  // the file's quoting, undone
}

TEST(Cerema, ReferenceConsumptionOf01001ByHand) {
  const auto file = formats::read_cerema_consumption(sample);
  const auto& row = file.records.at(0);
  ASSERT_EQ(row.commune, "01001");
  // From the fixture's 01001 row:
  //   naf11art12 = 0, naf12art13 = 650, naf13art14 = 8037, naf14art15 = 0,
  //   naf15art16 = 857, naf16art17 = 1718, naf17art18 = 3580, naf18art19 = 2721,
  //   naf19art20 = 0, naf20art21 = 15955
  //   0 + 650 + 8037 + 0 + 857 + 1718 + 3580 + 2721 + 0 + 15955 = 33518 m²
  EXPECT_EQ(formats::reference_consumption_m2(row, 2011, 2020), 33518.0);
  // 2009 and 2010 are outside the reference period: 8324 + 8324 more.
  EXPECT_EQ(formats::reference_consumption_m2(row, 2009, 2020), 33518.0 + 16648.0);
  EXPECT_THROW((void)formats::reference_consumption_m2(row, 2008, 2020), Error);
}

TEST(Cerema, RatioFormulasReproduceThePublishedColumns) {
  // 01001: naf09art23 67511, surfcom2023 15619934, naf14art15..naf19art20 = 0 + 857 + 1718
  // + 3580 + 2721 + 0 = 8876 m², pop1420 39, men1420 24, emp1420 -7. Published: artcom0923
  // 0.43, mepart1420 19.15, menhab1420 27.04, artpop1420 227.59.
  const auto r = formats::cerema_ratios(67511, 15619934, 8876, 39, 24, -7);
  EXPECT_NEAR(*r.artcom0923, 0.43, 0.005);
  EXPECT_NEAR(*r.mepart1420, 19.15, 0.005);
  EXPECT_NEAR(*r.menhab1420, 27.04, 0.005);
  EXPECT_NEAR(*r.artpop1420, 227.59, 0.005);
  // 01004: 610116, 24508833, 29188 + 94624 + 45103 + 75418 + 87831 + 13093 = 345257,
  // 266, 608, 489 → 2.49, 31.77, 17.61, 1297.96.
  const auto a = formats::cerema_ratios(610116, 24508833, 345257, 266, 608, 489);
  EXPECT_NEAR(*a.artcom0923, 2.49, 0.005);
  EXPECT_NEAR(*a.mepart1420, 31.77, 0.005);
  EXPECT_NEAR(*a.menhab1420, 17.61, 0.005);
  EXPECT_NEAR(*a.artpop1420, 1297.96, 0.005);
  const auto none = formats::cerema_ratios(0, 0, 0, 0, 0, 0);
  EXPECT_FALSE(none.artcom0923 || none.mepart1420 || none.menhab1420 || none.artpop1420);
}

TEST(Cerema, MissingColumnNamesFileAndColumn) {
  const auto e = error_for(test::replace_once(test::read_text(sample), ";naf15art16;", ";nafXXartYY;"));
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().key, "naf15art16");
}

TEST(Cerema, BadNumberNamesFileLineAndColumn) {
  // 01002 (line 3): naf09art10 = 1139, art09act10 = 0, art09hab10 = 1094 → "1O94".
  const auto e =
      error_for(test::replace_once(test::read_text(sample), "T00_30;1139;0;1094;", "T00_30;1139;0;1O94;"));
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().line, 3);
  EXPECT_EQ(e.context().key, "art09hab10");
}

TEST(Cerema, TotalMismatchNamesFileLineAndCommune) {
  const auto e = error_for(test::replace_once(test::read_text(sample), ";14600;0;9129;", ";14700;0;9129;"));
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().line, 3);
  EXPECT_EQ(e.context().key, "naf09art23");
  EXPECT_NE(e.message().find("01002"), std::string::npos) << e.message();
}

TEST(Cerema, DuplicateCommuneNamesItsSecondLine) {
  std::string text = test::read_text(sample);
  const auto second_row = text.find("\n01002;");
  const auto third_row = text.find("\n01004;");
  text += text.substr(second_row + 1, third_row - second_row);  // 01002 again, as line 5
  const auto e = error_for(text);
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().line, 5);
  EXPECT_EQ(e.context().key, "idcom");
}

TEST(Cerema, Latin1FileIsAnEncodingErrorWithItsLine) {
  std::string latin1;
  const std::string text = test::read_text(sample);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xC3\xA9") == 0) {  // é in UTF-8 → é in Latin-1
      latin1.push_back('\xE9');
      ++i;
    } else {
      latin1.push_back(text[i]);
    }
  }
  const auto e = error_for(latin1);
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().line, 2);  // "Clémenciat" on the first data row
}
