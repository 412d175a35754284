// Numbers and language choice: French decimal comma, narrow no-break space between
// thousands, no-break space before % and units; --lang and the locale variables.
#include <cstdlib>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "zanplan/error.hpp"
#include "zanplan/lang.hpp"

namespace zanplan {
namespace {

const std::string nnbsp = "\u202F";  // between thousands
const std::string nbsp = "\u00A0";   // before a unit or %

TEST(Lang, NumbersAreWrittenTheWayEachLanguageWritesThem) {
  EXPECT_EQ(format_number(1234567.891, 2, Lang::en), "1234567.89");
  EXPECT_EQ(format_number(1234567.891, 2, Lang::fr), "1" + nnbsp + "234" + nnbsp + "567,89");
  EXPECT_EQ(format_number(-1234.5, 1, Lang::fr), "-1" + nnbsp + "234,5");
  EXPECT_EQ(format_number(999.5, 0, Lang::fr), "1" + nnbsp + "000");  // rounding carries into a new group
  EXPECT_EQ(format_number(0.125, 3, Lang::fr), "0,125");
  EXPECT_EQ(format_number(-0.001, 2, Lang::en), "0.00");  // never "-0.00"
  EXPECT_EQ(format_percent(0.35, 1, Lang::en), "35.0 %");
  EXPECT_EQ(format_percent(0.35, 1, Lang::fr), "35,0" + nbsp + "%");
  EXPECT_EQ(format_quantity(12.5, 2, "ha", Lang::fr), "12,50" + nbsp + "ha");
  EXPECT_EQ(format_quantity(12.5, 2, "ha", Lang::en), "12.50 ha");
  EXPECT_EQ(format_general(0.6, Lang::fr), "0,6");
  EXPECT_EQ(format_general(25, Lang::fr), "25");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN(), 2, Lang::fr), "inconnu");
  EXPECT_EQ(format_quantity(std::numeric_limits<double>::infinity(), 2, "km", Lang::en), "none found");
}

TEST(Lang, ChosenByFlagOrByTheLocale) {
  EXPECT_EQ(parse_lang("fr"), Lang::fr);
  EXPECT_EQ(parse_lang("EN"), Lang::en);
  try {
    parse_lang("de");
    FAIL() << "de accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_EQ(e.context().key, "--lang");
  }
  ::setenv("LC_ALL", "", 1);
  ::setenv("LC_MESSAGES", "fr_FR.UTF-8", 1);
  ::setenv("LANG", "en_GB.UTF-8", 1);
  EXPECT_EQ(lang_from_environment(), Lang::fr);  // LC_MESSAGES before LANG; an empty LC_ALL does not count
  ::setenv("LC_ALL", "C.UTF-8", 1);
  EXPECT_EQ(lang_from_environment(), Lang::en);  // LC_ALL first
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::setenv("LANG", "fr_BE.UTF-8", 1);
  EXPECT_EQ(lang_from_environment(), Lang::fr);
  ::unsetenv("LANG");
  EXPECT_EQ(lang_from_environment(), Lang::en);
}

}  // namespace
}  // namespace zanplan
