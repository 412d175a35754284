#include "text/csv.hpp"

#include <gtest/gtest.h>

#include "zanplan/error.hpp"

using namespace zanplan;
using zanplan::text::CsvOptions;
using zanplan::text::CsvTable;

TEST(Csv, ReadsCrlfQuotesAndDecimalCommas) {
  const auto table = CsvTable::parse("a;b;c\r\n1;\"x;\"\"y\"\"\";2,5\r\n\r\n3;;\r\n", "t.csv");
  ASSERT_EQ(table.size(), 2U);
  EXPECT_EQ(table.row(0)["b"], "x;\"y\"");
  EXPECT_DOUBLE_EQ(table.row(0).required_number("c", true), 2.5);
  EXPECT_EQ(table.row(1).line(), 4);
  EXPECT_FALSE(table.row(1).number("c", true).has_value());
}

TEST(Csv, QuotedNewlineKeepsLineNumbersRight) {
  const auto table = CsvTable::parse("a,b\n\"multi\nline\",1\n2,x\n", "t.csv", {.separator = ','});
  EXPECT_EQ(table.row(0)["a"], "multi\nline");
  EXPECT_EQ(table.row(1).line(), 4);
  try {
    (void)table.row(1).number("b");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.describe(), "t.csv, line 4, key 'b': not a number: 'x'");
  }
}

TEST(Csv, Latin1IsConvertedAndRejectedWhenUtf8IsExpected) {
  const std::string latin1 = "nom\nG\xe9o\n";
  const auto table = CsvTable::parse(latin1, "l.csv", {.encoding = text::Encoding::latin1});
  EXPECT_EQ(table.row(0)["nom"], "G\xc3\xa9o");
  try {
    (void)CsvTable::parse(latin1, "l.csv");
    FAIL() << "expected an encoding error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().line, 2);
  }
}

TEST(Csv, MissingColumnAndRaggedRowsNameFileAndLine) {
  const auto table = CsvTable::parse("a;b\n1;2\n", "t.csv");
  EXPECT_THROW((void)table.column("c"), Error);
  try {
    (void)CsvTable::parse("a;b\n1;2\n1;2;3\n", "t.csv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.context().line, 3);
  }
}

TEST(Csv, ParseNumberIsStrict) {
  EXPECT_EQ(text::parse_number("12.5"), 12.5);
  EXPECT_EQ(text::parse_number("-3,25", true), -3.25);
  EXPECT_FALSE(text::parse_number("3,25"));
  EXPECT_FALSE(text::parse_number("12kV"));
  EXPECT_FALSE(text::parse_number("nan"));
}

TEST(Csv, Utf8ValidationRejectsOverlongAndSurrogates) {
  EXPECT_FALSE(text::first_invalid_utf8("G\xc3\xa9o \xe2\x82\xac \xf0\x9f\x8c\x8d"));  // é € 🌍
  EXPECT_EQ(text::first_invalid_utf8("ab\xc0\xaf"), 2U);                             // overlong '/'
  EXPECT_EQ(text::first_invalid_utf8("\xed\xa0\x80"), 0U);                           // UTF-16 surrogate
  EXPECT_EQ(text::first_invalid_utf8("x\xe2\x82"), 1U);                              // truncated
}
