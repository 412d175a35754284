#include "zanplan/error.hpp"

#include <gtest/gtest.h>

using namespace zanplan;

TEST(Error, DescribeNamesEveryKnownPlace) {
  Error e(ErrorKind::input, "not a number", {.file = "a.csv", .line = 12, .key = "TMJA"});
  EXPECT_EQ(e.describe(), "a.csv, line 12, key 'TMJA': not a number");
  EXPECT_STREQ(e.what(), "a.csv, line 12, key 'TMJA': not a number");
}

TEST(Error, OuterContextFillsOnlyWhatIsMissing) {
  Error e(ErrorKind::input, "self-intersection", {.feature = 7});
  e.add_context({.file = "w.gpkg", .layer = "parcels", .feature = 99});
  EXPECT_EQ(e.describe(), "w.gpkg, layer parcels, feature 7: self-intersection");
}

TEST(Error, KindsMapToDocumentedExitCodes) {
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::usage)), 2);
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::input)), 3);
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::config)), 4);
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::workspace)), 5);
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::output)), 6);
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::internal)), 1);
}
