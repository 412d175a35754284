// The one check every number from a file or a flag goes through, and the file reader that
// says what is wrong with a path.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include <gtest/gtest.h>

#include "support/temporary.hpp"
#include "text/file.hpp"
#include "zanplan/error.hpp"
#include "zanplan/numbers.hpp"

namespace zanplan {
namespace {

ErrorKind kind_of(auto&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no error";
  return ErrorKind::internal;
}

std::string message_of(auto&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.describe();
  }
  return "no error";
}

TEST(Numbers, NanAndInfinityNeverPassARangeCheck) {
  const NumberRange range{0, 1000};
  EXPECT_EQ(check_number(12.5, range, ErrorKind::config, {}), 12.5);
  EXPECT_EQ(check_number(0, range, ErrorKind::config, {}), 0);
  EXPECT_EQ(check_number(1000, range, ErrorKind::config, {}), 1000);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(message_of([&] { (void)check_number(nan, range, ErrorKind::config, {.key = "a.b"}); }),
            "key 'a.b': must be a number, not nan");
  EXPECT_EQ(message_of([&] { (void)check_number(inf, range, ErrorKind::config, {.key = "a.b"}); }),
            "key 'a.b': must be a finite number");
  EXPECT_EQ(message_of([&] { (void)check_number(-inf, range, ErrorKind::usage, {.key = "x"}); }),
            "key 'x': must be a finite number");
  EXPECT_EQ(message_of([&] { (void)check_number(1e308, range, ErrorKind::usage, {.key = "enaf_ha"}); }),
            "key 'enaf_ha': must be between 0 and 1000 (got 1e+308)");
  EXPECT_EQ(kind_of([&] { (void)check_number(-1, range, ErrorKind::usage, {}); }), ErrorKind::usage);
}

TEST(Numbers, FlagsAreWholeFiniteNumbersInRange) {
  EXPECT_EQ(flag_integer("25", "--top", 1, 100), 25);
  EXPECT_EQ(flag_integer("+7", "--top", 1, 100), 7);
  for (const char* bad : {"-1", "0", "101", "18446744073709551616", "1e3", "", "ten", "5 "}) {
    EXPECT_EQ(kind_of([&] { (void)flag_integer(bad, "--top", 1, 100); }), ErrorKind::usage) << bad;
  }
  EXPECT_EQ(flag_number("0.5", "--sigma", {0, 3}), 0.5);
  for (const char* bad : {"nan", "inf", "-inf", "1e300", "0x10", "1,5", ""}) {
    EXPECT_EQ(kind_of([&] { (void)flag_number(bad, "--sigma", {0, 3}); }), ErrorKind::usage) << bad;
  }
  EXPECT_FALSE(parse_decimal("nan"));
  EXPECT_FALSE(parse_decimal("1e999"));
  EXPECT_EQ(parse_decimal("2.5e1"), 25.0);
}

TEST(ReadFile, SaysWhyAPathCannotBeRead) {
  const auto dir = test_support::temporary("read_file");
  std::filesystem::create_directories(dir);
  EXPECT_NE(message_of([&] { (void)text::read_file(dir / "none.toml", ErrorKind::config, "profile file"); })
                .find("profile file not found"),
            std::string::npos);
  EXPECT_NE(message_of([&] { (void)text::read_file(dir, ErrorKind::config, "profile file"); })
                .find("is a directory, not a profile file"),
            std::string::npos);
  EXPECT_EQ(kind_of([&] { (void)text::read_file(dir, ErrorKind::input, "file"); }), ErrorKind::input);
  std::ofstream(dir / "a.csv") << "x,y\n1,2\n";
  EXPECT_EQ(text::read_file(dir / "a.csv", ErrorKind::input, "file"), "x,y\n1,2\n");
  if (::geteuid() != 0) {  // root reads every file
    std::filesystem::permissions(dir / "a.csv", std::filesystem::perms::none);
    EXPECT_NE(message_of([&] { (void)text::read_file(dir / "a.csv", ErrorKind::input, "file"); }).find("permission denied"),
              std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace zanplan
