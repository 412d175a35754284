// Planners' own layers on the map: `zanplan render` draws them in the documented default
// style (docs/map.md, "User layers") and lists them in the legend, and the gis library reads a
// feature's attributes for the map's identify. Pixels are checked at positions projected by
// PROJ's cs2cs and placed with the viewport worked out by hand; attributes against the
// fixtures' text.
#include <QColor>
#include <QImage>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/three_communes.hpp"
#include "support/program.hpp"
#include "support/tables.hpp"
#include "support/temporary.hpp"
#include "zanplan/error.hpp"
#include "zanplan/feature_attributes.hpp"

namespace fs = std::filesystem;

namespace {

using zanplan::test_support::Outcome;
using zanplan::test_support::quoted;

Outcome run(const std::string& arguments) { return zanplan::test_support::run_zanplan(arguments); }
const fs::path fixtures = fs::path(ZANPLAN_FIXTURES_DIR) / "user-layers";

// The palette as docs/map.md lists it: the n-th user layer added takes the n-th colour.
const std::vector<QColor> documented_palette{QColor(0x6A, 0x1B, 0x9A), QColor(0xD6, 0x27, 0x8C), QColor(0x00, 0x8B, 0x8B),
                                             QColor(0x8C, 0x51, 0x0A), QColor(0x7A, 0x7A, 0x00), QColor(0x1F, 0x3A, 0x93)};
// Polygons are filled with their colour at alpha 85 of 255 (docs/map.md).
constexpr int kFillAlpha = 85;

// The three communes with three user layers: a polygon layer (zone.geojson), a point layer
// and a line layer, each read from its fixture in WGS 84.
class UserLayersOnTheMap : public ::testing::Test {
 protected:
  static fs::path dir;
  static fs::path workspace;

  static void SetUpTestSuite() {
    dir = zanplan::test_support::temporary("user_layers_map");
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string failure = zanplan::test_support::import_three_communes(dir, workspace);
    ASSERT_TRUE(failure.empty()) << failure;
    for (const auto& [name, file] : layers()) {
      const Outcome r = run("layer add " + quoted(workspace) + " " + name + " " + quoted(fixtures / file));
      ASSERT_EQ(r.code, 0) << r.out;
    }
  }

  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }

  static std::vector<std::pair<std::string, std::string>> layers() {
    return {{"zone", "zone.geojson"}, {"releves", "survey-points.geojson"}, {"liaison", "planned-line.geojson"}};
  }

  // The colour docs/map.md gives the layer: its rank in the order of addition (the
  // registry's imported_at, then the name), as SQLite sorts the registry.
  static QColor colour_of(const std::string& name) {
    const auto rows = zanplan::test_support::csv_rows(zanplan::test_support::command_output(
        "ogr2ogr -f CSV /vsistdout/ " + quoted(workspace) +
        " -sql \"SELECT name FROM zanplan_user_layers ORDER BY imported_at, name\" 2>/dev/null"));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].at("name") == name) return documented_palette[i % documented_palette.size()];
    }
    ADD_FAILURE() << name << " is not in the registry";
    return {};
  }
};

fs::path UserLayersOnTheMap::dir;
fs::path UserLayersOnTheMap::workspace;

// Longitude/latitude → Web Mercator metres by PROJ (cs2cs takes EPSG:4326 as latitude first).
std::vector<QPointF> web_mercator(const std::vector<QPointF>& lon_lat) {
  const fs::path input = zanplan::test_support::temporary("points.txt");
  {
    std::ofstream out(input);
    out.precision(12);
    for (const QPointF& p : lon_lat) out << p.y() << ' ' << p.x() << '\n';
  }
  std::istringstream in(zanplan::test_support::command_output("cs2cs -f %.6f EPSG:4326 EPSG:3857 < " + quoted(input)));
  fs::remove(input);
  std::vector<QPointF> out;
  double x = 0, y = 0, z = 0;
  while (in >> x >> y >> z) out.emplace_back(x, y);
  return out;
}

// A --plain --bbox map: the box's corners in Web Mercator fitted into the image with a 2 %
// margin on each side, the resolution the larger of the two that fit, the box's centre at
// the image's centre.
struct View {
  double centre_x = 0, centre_y = 0, resolution = 0;
  int width = 0, height = 0;
  [[nodiscard]] QPointF pixel(QPointF m) const {
    return {(m.x() - centre_x) / resolution + width / 2.0, (centre_y - m.y()) / resolution + height / 2.0};
  }
};

View fitted(QPointF low, QPointF high, int width, int height) {
  View v{(low.x() + high.x()) / 2, (low.y() + high.y()) / 2, 0, width, height};
  v.resolution = std::max((high.x() - low.x()) / (width * 0.96), (high.y() - low.y()) / (height * 0.96));
  return v;
}

// Source over: a colour of alpha `alpha` over an opaque pixel.
QColor blended(QColor over, int alpha, QColor under) {
  auto mix = [alpha](int top, int bottom) { return static_cast<int>(std::lround((top * alpha + bottom * (255 - alpha)) / 255.0)); };
  return {mix(over.red(), under.red()), mix(over.green(), under.green()), mix(over.blue(), under.blue())};
}

int difference(QColor a, QColor b) {
  return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

// The image's pixels within `tolerance` of a colour, in a box.
std::vector<QPoint> pixels_like(const QImage& image, QColor colour, QRect box, int tolerance = 2) {
  std::vector<QPoint> found;
  box = box.intersected(image.rect());
  for (int y = box.top(); y <= box.bottom(); ++y) {
    for (int x = box.left(); x <= box.right(); ++x) {
      if (difference(image.pixelColor(x, y), colour) <= tolerance) found.emplace_back(x, y);
    }
  }
  return found;
}

// The region around Lille: the zone (3.0–3.1 E, 50.59–50.66 N) lies in the image's left half,
// clear of the legend at the top right. The infrastructure and the candidates, drawn over or
// through the zone, are hidden, so that only the communes, business parks and logistics areas
// lie under it.
constexpr double kLonMin = 2.96, kLatMin = 50.55, kLonMax = 3.40, kLatMax = 50.70;
constexpr int kWidth = 900, kHeight = 600;
const std::string kOnlyAreas =
    " --hide candidates --hide parcels --hide motorway_segments --hide brownfields --hide rail_points --hide ports"
    " --hide substations --hide place_names";

class RenderedUserLayers : public UserLayersOnTheMap {
 protected:
  QImage render(const std::string& name, const std::string& options) const {
    const fs::path png = dir / (name + ".png");
    const Outcome r = run("render " + quoted(workspace) + " --data-dir " + quoted(ZANPLAN_DATA_DIR) +
                          " -q --no-score --plain --bbox 2.96 50.55 3.40 50.70 --width 900 --height 600" + kOnlyAreas +
                          options + " -o " + quoted(png));
    EXPECT_EQ(r.code, 0) << r.out;
    return QImage(QString::fromStdString(png.string())).convertToFormat(QImage::Format_RGB32);
  }
};

TEST_F(RenderedUserLayers, TheZoneIsFilledAndOutlinedInItsColourOverWhatLiesBeneath) {
  const QImage without = render("without", " --no-user-layers");
  const QImage zone = render("zone", " --hide user:releves --hide user:liaison");
  ASSERT_EQ(zone.size(), QSize(kWidth, kHeight));
  const QColor colour = colour_of("zone");

  const auto corners = web_mercator({{kLonMin, kLatMin}, {kLonMax, kLatMax}, {3.0, 50.59}, {3.1, 50.66}});
  ASSERT_EQ(corners.size(), 4U);
  const View view = fitted(corners[0], corners[1], kWidth, kHeight);
  // A lon/lat rectangle is a rectangle in Web Mercator: the zone's corners in pixels.
  const QPointF south_west = view.pixel(corners[2]), north_east = view.pixel(corners[3]);
  const QRectF box(QPointF(south_west.x(), north_east.y()), QPointF(north_east.x(), south_west.y()));
  ASSERT_GT(box.width(), 100);
  ASSERT_LT(box.right(), kWidth / 2.0);

  // Inside (3 px clear of the outline): the fill at alpha 85 over the pixel of the map
  // without user layers.
  int inside = 0, wrong_inside = 0, outside = 0, wrong_outside = 0;
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth / 2; ++x) {
      const QPointF centre(x + 0.5, y + 0.5);
      const QColor under = without.pixelColor(x, y), drawn = zone.pixelColor(x, y);
      if (box.adjusted(3, 3, -3, -3).contains(centre)) {
        ++inside;
        if (difference(drawn, blended(colour, kFillAlpha, under)) > 2) ++wrong_inside;
      } else if (!box.adjusted(-3, -3, 3, 3).contains(centre)) {
        ++outside;
        if (drawn != under) ++wrong_outside;
      }
    }
  }
  EXPECT_GT(inside, 10000);
  EXPECT_EQ(wrong_inside, 0) << "of " << inside << " pixels inside the zone";
  EXPECT_GT(outside, 100000);
  EXPECT_EQ(wrong_outside, 0) << "of " << outside << " pixels outside the zone";

  // The outline is solid and 2 px wide, so that it covers at least one whole pixel across:
  // on the middle row, a pixel of the full colour within 2 px of the west and of the east edge.
  const int row = static_cast<int>(box.center().y());
  for (const double edge : {box.left(), box.right()}) {
    const QRect near(static_cast<int>(edge) - 2, row, 5, 1);
    EXPECT_FALSE(pixels_like(zone, colour, near).empty()) << "no outline near x = " << edge;
  }
}

TEST_F(RenderedUserLayers, PointsAndLinesAreDrawnInTheirColours) {
  const QImage without = render("without-points", " --no-user-layers");
  const QImage all = render("all", "");
  // survey-points.geojson's first point, and the midpoint of planned-line.geojson's first
  // segment (straight in Lambert-93, which at this scale is straight in Web Mercator to well
  // under a pixel).
  const auto at = web_mercator({{kLonMin, kLatMin}, {kLonMax, kLatMax}, {3.08, 50.64}, {3.03, 50.62}, {3.11, 50.67}});
  ASSERT_EQ(at.size(), 5U);
  const View view = fitted(at[0], at[1], kWidth, kHeight);
  const QPointF point = view.pixel(at[2]);
  // A 7 px circle: its centre pixel is the point's colour.
  EXPECT_LE(difference(all.pixelColor(static_cast<int>(point.x()), static_cast<int>(point.y())), colour_of("releves")), 2);
  const QPointF middle = (view.pixel(at[3]) + view.pixel(at[4])) / 2;
  const QRect around(static_cast<int>(middle.x()) - 2, static_cast<int>(middle.y()) - 2, 5, 5);
  const QColor line = colour_of("liaison");
  EXPECT_FALSE(pixels_like(all, line, around, 40).empty()) << "no line stroke near " << middle.x() << ", " << middle.y();
  EXPECT_TRUE(pixels_like(without, line, around, 40).empty());
}

TEST_F(RenderedUserLayers, TheLegendListsEachVisibleUserLayer) {
  const QImage without = render("legend-without", " --no-user-layers");
  const QImage zone = render("legend-zone", " --hide user:releves --hide user:liaison");
  // The zone lies in the left half: in the right half, its fill over white is its legend
  // swatch (the legend's white lets an eighth of the map through: hence the tolerance), which
  // the map without user layers does not have.
  const QColor swatch_fill = blended(colour_of("zone"), kFillAlpha, Qt::white);
  const QRect right_half(kWidth / 2, 0, kWidth / 2, kHeight);
  const auto swatch = pixels_like(zone, swatch_fill, right_half, 8);
  ASSERT_GE(swatch.size(), 20U) << "no swatch of the zone's colour in the legend";
  EXPECT_TRUE(pixels_like(without, swatch_fill, right_half, 8).empty());
  // Beside the swatch, on its row, the layer's name: dark text.
  int left = kWidth, right = 0, top = kHeight, bottom = 0;
  for (const QPoint& p : swatch) {
    left = std::min(left, p.x());
    right = std::max(right, p.x());
    top = std::min(top, p.y());
    bottom = std::max(bottom, p.y());
  }
  EXPECT_LE(right - left, 20) << "one swatch";
  int ink = 0;
  for (int y = top - 2; y <= bottom + 2; ++y) {
    for (int x = right + 3; x < std::min(kWidth, right + 60); ++x) ink += qGray(zone.pixel(x, y)) < 100 ? 1 : 0;
  }
  EXPECT_GT(ink, 10) << "no name beside the swatch";
  // Hidden user layers are neither drawn nor listed: the same image as without them.
  const QImage hidden = render("legend-hidden", " --hide user:zone --hide user:releves --hide user:liaison");
  EXPECT_TRUE(hidden == without);
}

TEST_F(UserLayersOnTheMap, UnknownUserLayersAreUsageErrors) {
  const fs::path png = dir / "unknown.png";
  const Outcome r = run("render " + quoted(workspace) + " --data-dir " + quoted(ZANPLAN_DATA_DIR) +
                        " -q --no-score --hide user:nosuch -o " + quoted(png));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("user:nosuch"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(png));
}

// ---- identify: a feature's attributes --------------------------------------------------

// Each stored feature's attributes are one of the fixture's features' properties, in the
// fixture's order, as the fixture writes them: strings as they are, numbers as JSON writes
// them (12.5, 225), null as null.
TEST_F(UserLayersOnTheMap, FeatureAttributesAreTheFixturesValues) {
  for (const auto& [name, file] : layers()) {
    SCOPED_TRACE(name);
    const auto fixture = nlohmann::ordered_json::parse(zanplan::test_support::read_file(fixtures / file));
    std::vector<std::string> expected, read;
    for (const auto& feature : fixture.at("features")) {
      std::string record;
      for (const auto& [key, value] : feature.at("properties").items()) {
        record += key + "=" + (value.is_null() ? "<null>" : value.is_string() ? value.get<std::string>() : value.dump()) + "; ";
      }
      expected.push_back(record);
    }
    const auto count = static_cast<std::int64_t>(fixture.at("features").size());
    for (std::int64_t fid = 1; fid <= count; ++fid) {
      std::string record;
      for (const auto& a : zanplan::read_feature_attributes(workspace, name, fid)) {
        record += a.name + "=" + (a.null ? "<null>" : a.text) + "; ";
        if (a.real) {
          EXPECT_EQ(std::stod(a.text), *a.real) << a.name;
        }
        EXPECT_TRUE(!a.null || a.text.empty()) << a.name;
      }
      read.push_back(record);
    }
    std::sort(expected.begin(), expected.end());
    std::sort(read.begin(), read.end());
    EXPECT_EQ(read, expected);
    // Past the last feature, and in a layer that does not exist: workspace errors naming them.
    try {
      zanplan::read_feature_attributes(workspace, name, count + 1);
      ADD_FAILURE() << "no error past the last feature";
    } catch (const zanplan::Error& e) {
      EXPECT_EQ(e.kind(), zanplan::ErrorKind::workspace);
      EXPECT_EQ(e.context().feature, count + 1);
      EXPECT_EQ(e.context().layer, name);
    }
  }
  EXPECT_THROW(zanplan::read_feature_attributes(workspace, "nosuch", 1), zanplan::Error);
}

// The reals keep their decimals: the shortest text that reads back as the same number.
TEST_F(UserLayersOnTheMap, RealsAreWrittenInTheirShortestForm) {
  std::map<std::string, std::string> depth;
  for (std::int64_t fid = 1; fid <= 2; ++fid) {
    std::string nom, value;
    for (const auto& a : zanplan::read_feature_attributes(workspace, "releves", fid)) {
      if (a.name == "nom") nom = a.text;
      if (a.name == "profondeur_m") {
        value = a.text;
        EXPECT_TRUE(a.real.has_value());
      }
    }
    depth[nom] = value;
  }
  EXPECT_EQ(depth.at("Puits de contrôle"), "12.5");
  EXPECT_EQ(depth.at("Borne"), "0.75");
}

}  // namespace
