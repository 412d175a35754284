// `zanplan render` run as a user would: a PNG of the region, and clear failures (exit codes
// of docs/exit-codes.md) that leave no file behind.
#include <QBuffer>
#include <QColor>
#include <QImage>
#include <filesystem>

#include <sqlite3.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include "app/demo_workspace.hpp"
#include "support/program.hpp"
#include "zanplan/maps/tiles.hpp"

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

// An offline basemap: every tile of zoom levels 0–10 over the region, one flat colour.
void write_mbtiles(const fs::path& path, QColor colour) {
  QImage tile(256, 256, QImage::Format_RGB32);
  tile.fill(colour);
  QByteArray png;
  QBuffer buffer(&png);
  buffer.open(QIODevice::WriteOnly);
  tile.save(&buffer, "PNG");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE metadata (name TEXT, value TEXT);"
                         "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* insert = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &insert, nullptr), SQLITE_OK);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  // Web Mercator box around Hauts-de-France (lon 1.3–4.3°, lat 48.8–51.2°), generously.
  for (int z = 0; z <= 10; ++z) {
    for (const auto& key : zanplan::maps::tiles_covering(100'000, 6'200'000, 500'000, 6'700'000, z)) {
      sqlite3_bind_int(insert, 1, key.z);
      sqlite3_bind_int(insert, 2, key.x);
      sqlite3_bind_int(insert, 3, (1 << key.z) - 1 - key.y);  // MBTiles rows count from the south
      sqlite3_bind_blob(insert, 4, png.constData(), static_cast<int>(png.size()), SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
      sqlite3_reset(insert);
    }
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_finalize(insert);
  sqlite3_close(db);
}

TEST_F(RenderCommand, DrawsAnOfflineMbtilesBasemapUnderTheLayers) {
  const fs::path tiles = out / "basemap.mbtiles", png = out / "basemap.png";
  const QColor tile_colour(40, 200, 220);
  write_mbtiles(tiles, tile_colour);
  const auto r = run_zanplan(base() + " --no-score --plain --width 400 --height 300 --mbtiles " + quoted(tiles) +
                             " --attribution 'Test tiles' -o " + quoted(png));
  ASSERT_EQ(r.code, 0) << r.out;
  const QImage image(QString::fromStdString(png.string()));
  // Outside the region (top left corner), the basemap shows instead of the plain background.
  EXPECT_EQ(image.pixelColor(5, 5), tile_colour);
}

// Dark pixels (text, lines) in a box of the image.
int dark_pixels(const QImage& image, QRect box) {
  int count = 0;
  for (int y = box.top(); y <= box.bottom(); ++y) {
    for (int x = box.left(); x <= box.right(); ++x) count += qGray(image.pixel(x, y)) < 60 ? 1 : 0;
  }
  return count;
}

TEST_F(RenderCommand, AReportMapHasATitleAndSourcesThatThePlainMapHasNot) {
  const fs::path report = out / "report.png", plain = out / "plain.png";
  auto r = run_zanplan(base() + " --no-score --width 800 --height 600 --title 'Hauts-de-France' --subtitle 'ZAN' -o " +
                       quoted(report));
  ASSERT_EQ(r.code, 0) << r.out;
  r = run_zanplan(base() + " --no-score --plain --width 800 --height 600 -o " + quoted(plain));
  ASSERT_EQ(r.code, 0) << r.out;
  const QImage with(QString::fromStdString(report.string())), without(QString::fromStdString(plain.string()));
  // The title's text at the top left, dark there only on the report; the sources' lines
  // along the bottom (no layer colour is that dark).
  const QRect title(15, 15, 120, 20), sources(5, 575, 790, 24);
  EXPECT_GT(dark_pixels(with, title), 30);
  EXPECT_EQ(dark_pixels(without, title), 0);
  EXPECT_GT(dark_pixels(with, sources), 30);
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
