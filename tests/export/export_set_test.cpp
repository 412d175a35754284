// Exports written as a set: a failure in one format replaces none of the targets; targets
// that are not regular files are refused; temporaries of killed runs are cleaned up; "-" is
// standard output.
#include <sys/stat.h>
#include <sys/wait.h>

#include <functional>

#include "sample_table.hpp"

using namespace zanplan;
using export_test::ExportTest;
using export_test::error_of;

namespace {


// A pid that no process has: a child that has already exited and been reaped.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

std::vector<ExportTarget> three_targets(const std::filesystem::path& dir) {
  return {{ExportFormat::geojson, dir / "s.geojson"}, {ExportFormat::geopackage, dir / "s.gpkg"}, {ExportFormat::csv, dir / "s.csv"}};
}

}  // namespace

class ExportSet : public ExportTest {};

TEST_F(ExportSet, WritesEveryFormat) {
  write_exports(export_test::sample_table(), three_targets(directory_), std::nullopt);
  EXPECT_EQ(export_test::directory_listing(directory_), (std::vector<std::string>{"s.csv", "s.csvt", "s.geojson", "s.gpkg"}));
  EXPECT_EQ(export_test::file_bytes(directory_ / "s.csv").substr(0, 3), "id,");
}

// The style names a column the table lacks: the GeoPackage fails after the GeoJSON and the
// CSV are complete under temporary names. The earlier set must be untouched.
TEST_F(ExportSet, OneFailingFormatReplacesNothing) {
  write_exports(export_test::sample_table(), three_targets(directory_), std::nullopt);
  std::map<std::string, std::string> before;
  for (const auto& name : export_test::directory_listing(directory_)) before[name] = export_test::file_bytes(directory_ / name);

  ExportTable changed = export_test::sample_table();
  std::get<std::int64_t>(changed.rows[0][0]) = 99;
  const GraduatedStyle bad_style{.field = "no_such_column", .breaks = {0, 1}, .colours = {"#000000"}, .title = "t"};
  const Error e = error_of([&] { write_exports(changed, three_targets(directory_), bad_style); });
  EXPECT_EQ(e.kind(), ErrorKind::output);
  EXPECT_EQ(export_test::directory_listing(directory_), (std::vector<std::string>{"s.csv", "s.csvt", "s.geojson", "s.gpkg"}))
      << "no temporary file is left";
  for (const auto& [name, bytes] : before) EXPECT_TRUE(export_test::file_bytes(directory_ / name) == bytes) << name;
}

TEST_F(ExportSet, RefusesTargetsThatAreNotRegularFiles) {
  const auto fifo = in_directory("pipe.csv");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Error e = error_of([&] { write_csv(export_test::sample_table(), fifo); });
  EXPECT_EQ(e.kind(), ErrorKind::output);
  EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  EXPECT_TRUE(std::filesystem::is_fifo(fifo)) << "the FIFO must not be replaced";

  const auto dangling = in_directory("dangling.csv");
  std::filesystem::create_symlink(directory_ / "nowhere" / "x.csv", dangling);
  e = error_of([&] { write_csv(export_test::sample_table(), dangling); });
  EXPECT_EQ(e.kind(), ErrorKind::output);
  EXPECT_TRUE(std::filesystem::is_symlink(dangling));

  if (std::filesystem::exists("/dev/null")) {
    e = error_of([&] { write_csv(export_test::sample_table(), "/dev/null"); });
    EXPECT_EQ(e.kind(), ErrorKind::output);
    EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));
  }
}

TEST_F(ExportSet, WritesThroughASymbolicLinkToARegularFile) {
  std::filesystem::create_directories(directory_ / "real");
  const auto real = directory_ / "real" / "sites.csv";
  { std::ofstream(real) << "old\n"; }
  const auto link = in_directory("sites.csv");
  std::filesystem::create_symlink(real, link);
  write_csv(export_test::sample_table(), link);
  EXPECT_TRUE(std::filesystem::is_symlink(link)) << "the link stays a link";
  EXPECT_EQ(export_test::file_bytes(real).substr(0, 3), "id,");
}

TEST_F(ExportSet, RemovesTemporariesOfKilledRunsOnly) {
  const pid_t gone = dead_pid();
  const std::string stale = "s.csv.tmp-" + std::to_string(gone) + "-0.csv";
  const std::string stale_journal = "s.gpkg.tmp-" + std::to_string(gone) + "-3.gpkg-journal";
  const std::string live = "s.csv.tmp-" + std::to_string(::getppid()) + "-0.csv";  // a running process's
  const std::string other = "t.csv.tmp-" + std::to_string(gone) + "-0.csv";          // another target's
  for (const auto& name : {stale, stale_journal, live, other}) std::ofstream(directory_ / name) << "x";
  write_exports(export_test::sample_table(), three_targets(directory_), std::nullopt);
  EXPECT_EQ(export_test::directory_listing(directory_),
            (std::vector<std::string>{"s.csv", live, "s.csvt", "s.geojson", "s.gpkg", other}));
}

TEST_F(ExportSet, StandardOutputTakesOneTextFormat) {
  Error e = error_of([&] { write_exports(export_test::sample_table(), {{ExportFormat::geopackage, "-"}}, std::nullopt); });
  EXPECT_EQ(e.kind(), ErrorKind::usage);
  e = error_of([&] {
    write_exports(export_test::sample_table(), {{ExportFormat::csv, "-"}, {ExportFormat::geojson, "-"}}, std::nullopt);
  });
  EXPECT_EQ(e.kind(), ErrorKind::usage);
  EXPECT_TRUE(export_test::directory_listing(directory_).empty());

  testing::internal::CaptureStdout();
  write_csv(export_test::sample_table(), "-");
  const std::string printed = testing::internal::GetCapturedStdout();
  write_csv(export_test::sample_table(), in_directory("s.csv"));
  EXPECT_EQ(printed, export_test::file_bytes(in_directory("s.csv")));
  EXPECT_FALSE(std::filesystem::exists("-")) << "no file named '-'";
}
