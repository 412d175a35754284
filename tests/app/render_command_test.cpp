// `zanplan render` run as a user would: a PNG of the region, and clear failures (exit codes
// of docs/exit-codes.md) that leave no file behind.
#include <QColor>
#include <QImage>
#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "app/demo_workspace.hpp"
#include "support/program.hpp"

namespace fs = std::filesystem;
using zanplan::test_support::quoted;
using zanplan::test_support::run_zanplan;

namespace {

class RenderCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    out = fs::temp_directory_path() / ("zanplan_render_test_" + std::to_string(::getpid()));
    fs::create_directories(out);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(out, ignored);
  }
  std::string base() const { return "render " + quoted(demo_workspace()) + " --data-dir " + quoted(ZANPLAN_DATA_DIR) + " -q"; }
  fs::path out;
};

int non_background_pixels(const QImage& image) {
  const QColor background(242, 239, 233);
  int count = 0;
  for (int y = 0; y < image.height(); y += 4) {
    for (int x = 0; x < image.width(); x += 4) count += image.pixelColor(x, y) != background ? 1 : 0;
  }
  return count;
}

TEST_F(RenderCommand, DrawsTheRegionToAPngOfTheAskedSize) {
  const fs::path png = out / "region.png";
  const auto r = run_zanplan(base() + " --no-score --width 400 --height 300 -o " + quoted(png));
  ASSERT_EQ(r.code, 0) << r.out;
  const QImage image(QString::fromStdString(png.string()));
  ASSERT_EQ(image.size(), QSize(400, 300));
  // The region fills the middle of the view; the corners are background.
  EXPECT_NE(image.pixelColor(200, 150), QColor(242, 239, 233));
  EXPECT_GT(non_background_pixels(image), 400 * 300 / 16 / 4);
}

TEST_F(RenderCommand, ScoredSitesChangeTheImage) {
  const fs::path plain = out / "plain.png", scored = out / "scored.png";
  ASSERT_EQ(run_zanplan(base() + " --no-score --width 400 --height 300 -o " + quoted(plain)).code, 0);
  const auto r = run_zanplan(base() + " --profile gigafactory --runs 20 --width 400 --height 300 -o " + quoted(scored));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(QImage(QString::fromStdString(plain.string())), QImage(QString::fromStdString(scored.string())));
}

TEST_F(RenderCommand, BadArgumentsAreUsageErrorsAndWriteNothing) {
  const fs::path png = out / "bad.png";
  auto r = run_zanplan(base() + " --no-score --bbox 3 51 2 50 -o " + quoted(png));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--bbox"), std::string::npos) << r.out;
  r = run_zanplan(base() + " --no-score --hide nosuchlayer -o " + quoted(png));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("nosuchlayer"), std::string::npos) << r.out;
  r = run_zanplan(base() + " --no-score --width 10 -o " + quoted(png));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_FALSE(fs::exists(png));
}

TEST_F(RenderCommand, AnUnwritableOutputIsAnOutputErrorAndLeavesNoFile) {
  const fs::path png = out / "missing-dir" / "map.png";
  const auto r = run_zanplan(base() + " --no-score --width 200 --height 200 -o " + quoted(png));
  EXPECT_EQ(r.code, 6) << r.out;
  EXPECT_NE(r.out.find(png.string()), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(png.parent_path()));
}

TEST_F(RenderCommand, AMissingWorkspaceIsNamed) {
  const fs::path png = out / "map.png";
  const auto r = run_zanplan("render " + quoted(out / "nope.gpkg") + " --no-score -o " + quoted(png));
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("nope.gpkg"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(png));
}

}  // namespace
