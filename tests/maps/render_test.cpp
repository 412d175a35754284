// The map renderer without a widget: the viewport arithmetic against numbers worked out by
// hand, graduated styles, hit testing, golden images of small in-memory layers, and the
// level of detail that keeps a million features cheap at region scale.
#include "zanplan/maps/renderer.hpp"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontInfo>
#include <QGuiApplication>
#include <QLocale>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <numbers>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "maps/map_builders.hpp"
#include "render/overlays.hpp"
#include "zanplan/maps/user_layers.hpp"

namespace zm = zanplan::maps;
using zanplan::MapBounds;
using zanplan::MapFeature;
using zanplan::MapGeometry;
using zanplan::MapLayerData;
using zanplan::maps::testing::feature;
using zanplan::maps::testing::layer;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------------------
// In-memory layers

// The golden scenes: 320 × 240 pixels at 20 m per pixel around a point near Lille. Shapes
// are laid out in screen pixels and converted to map metres, so that the images are easy
// to read against the code.
constexpr QSize kSceneSize(320, 240);
constexpr double kSceneResolution = 20.0;
const QPointF kSceneCentre(337000.0, 6556000.0);

zm::Viewport scene_viewport() { return zm::Viewport(kSceneSize, kSceneCentre, kSceneResolution); }

QPointF px(double x, double y) { return scene_viewport().to_map({x, y}); }

std::vector<QPointF> rect_ring(double left, double top, double right, double bottom) {
  return {px(left, top), px(right, top), px(right, bottom), px(left, bottom)};
}

zm::LayerStyle outline_style(QColor fill, QColor stroke, double width) {
  zm::LayerStyle s;
  s.fill = fill;
  s.stroke = stroke;
  s.stroke_width = width;
  return s;
}

zm::LayerStyle symbol_style(QColor fill, zm::PointShape shape, double size) {
  zm::LayerStyle s;
  s.fill = fill;
  s.stroke = QColor(30, 30, 30);
  s.shape = shape;
  s.point_size = size;
  return s;
}

std::vector<zm::MapLayer> polygon_scene() {
  std::vector<zm::MapLayer> layers;
  // A square with a square hole: the background shows through the hole.
  layers.push_back(layer("holed", MapGeometry::polygon,
                         {feature("holed-1", {rect_ring(20, 20, 140, 140), rect_ring(60, 60, 100, 100)})},
                         outline_style(QColor(120, 170, 220), QColor(20, 60, 120), 1.5)));
  // One feature in two parts (a multi-polygon): a triangle and a rectangle.
  layers.push_back(layer("multi", MapGeometry::polygon,
                         {feature("multi-1", {{px(180, 30), px(300, 30), px(240, 120)}, rect_ring(170, 150, 300, 220)})},
                         outline_style(QColor(230, 170, 90, 200), QColor(140, 80, 20), 1.0)));
  // Overlapping the holed square: drawn on top (later layer), half transparent.
  layers.push_back(layer("over", MapGeometry::polygon, {feature("over-1", {rect_ring(110, 110, 200, 200)})},
                         outline_style(QColor(90, 180, 90, 128), QColor(20, 100, 20), 2.0)));
  return layers;
}

std::vector<zm::MapLayer> lines_points_scene() {
  std::vector<zm::MapLayer> layers;
  zm::LayerStyle line = outline_style(QColor(200, 50, 50), QColor(200, 50, 50), 3.0);
  layers.push_back(layer("line", MapGeometry::line,
                         {feature("line-1", {{px(10, 200), px(80, 40), px(160, 180), px(240, 40), px(310, 200)}}),
                          feature("line-2", {{px(10, 225), px(310, 225)}})},
                         line));
  const zm::PointShape shapes[] = {zm::PointShape::circle, zm::PointShape::square, zm::PointShape::triangle,
                                   zm::PointShape::diamond};
  const QColor colours[] = {QColor(20, 90, 200), QColor(140, 80, 170), QColor(240, 190, 0), QColor(60, 60, 60)};
  for (int i = 0; i < 4; ++i) {
    const double x = 50 + 70 * i;
    // Two points in one feature (a multi-point) per shape.
    layers.push_back(layer(QStringLiteral("points-%1").arg(i), MapGeometry::point,
                           {feature("p-" + std::to_string(i), {{px(x, 110)}, {px(x, 150)}})},
                           symbol_style(colours[i], shapes[i], 8.0 + 3.0 * i)));
  }
  return layers;
}

// Six squares valued 1 … 5 and one without a value, graduated in quantile classes.
zm::MapLayer graduated_layer() {
  std::vector<MapFeature> cells;
  const double values[] = {1, 2, 3, 4, 5, kNaN};
  for (int i = 0; i < 6; ++i) {
    const double left = 15 + 50 * i;
    cells.push_back(feature("cell-" + std::to_string(i), {rect_ring(left, 80, left + 40, 160)}, values[i]));
  }
  zm::LayerStyle s;
  s.stroke = QColor(40, 40, 40);
  s.stroke_width = 1.0;
  s.classes = zm::quantile_classes({1, 2, 3, 4, 5}, 3, {QColor(255, 240, 200), QColor(200, 30, 30)}, 0);
  s.no_value = QColor(180, 180, 180, 150);
  s.value_title = QStringLiteral("score");
  return layer("graduated", MapGeometry::polygon, std::move(cells), s);
}

zm::MapSnapshot scene(std::vector<zm::MapLayer> layers) {
  zm::MapSnapshot s;
  s.viewport = scene_viewport();
  s.layers = std::move(layers);
  s.overlays = false;
  return s;
}

// ---------------------------------------------------------------------------------------
// Golden images
//
// Tolerance: a pixel differs when one of its channels differs by more than 2 (of 255), and
// at most 0.5 % of the pixels may differ. That absorbs antialiasing differences between
// Qt builds and CPUs (raster engine code paths with or without SIMD) but not a moved,
// missing or recoloured shape: the polygon scene shifted by one pixel differs on about 3 %
// of its pixels (checked below). The overlay image (text) has a looser limit: see its test.
//
// ZANPLAN_UPDATE_GOLDEN=1 writes the rendered images as the new goldens (and passes).
// On a mismatch, the actual image and a diff (differing pixels in red over a faded copy
// of the golden) are written to ZANPLAN_GOLDEN_OUT_DIR and their paths printed.

constexpr int kChannelTolerance = 2;
constexpr double kDifferingShare = 0.005;

int channel_difference(QRgb a, QRgb b) {
  return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b)),
                   std::abs(qAlpha(a) - qAlpha(b))});
}

struct ImageDifference {
  qint64 differing = 0;  // pixels with a channel differing by more than kChannelTolerance
  qint64 total = 0;
  int worst = 0;  // the largest channel difference
  QImage diff;    // differing pixels in red over a faded copy of the expected image
};

// Both images the same size.
ImageDifference compare_images(const QImage& actual_image, const QImage& expected_image) {
  const QImage actual = actual_image.convertToFormat(QImage::Format_ARGB32);
  const QImage expected = expected_image.convertToFormat(QImage::Format_ARGB32);
  ImageDifference r;
  r.diff = QImage(actual.size(), QImage::Format_ARGB32);
  r.total = static_cast<qint64>(actual.width()) * actual.height();
  for (int y = 0; y < actual.height(); ++y) {
    const auto* a = reinterpret_cast<const QRgb*>(actual.constScanLine(y));
    const auto* e = reinterpret_cast<const QRgb*>(expected.constScanLine(y));
    auto* d = reinterpret_cast<QRgb*>(r.diff.scanLine(y));
    for (int x = 0; x < actual.width(); ++x) {
      const int delta = channel_difference(a[x], e[x]);
      r.worst = std::max(r.worst, delta);
      if (delta > kChannelTolerance) {
        ++r.differing;
        d[x] = qRgb(255, 0, 0);
      } else {
        const int grey = 192 + qGray(e[x]) / 4;
        d[x] = qRgb(grey, grey, grey);
      }
    }
  }
  return r;
}

qint64 allowed_pixels(qint64 total, double differing_share) {
  return static_cast<qint64>(std::floor(differing_share * static_cast<double>(total)));
}

::testing::AssertionResult matches_golden(const QImage& rendered, const QString& name, double differing_share = kDifferingShare) {
  const QString golden_path = QStringLiteral(ZANPLAN_GOLDEN_DIR "/%1.png").arg(name);
  const QImage actual = rendered.convertToFormat(QImage::Format_ARGB32);
  if (qEnvironmentVariable("ZANPLAN_UPDATE_GOLDEN") == QLatin1String("1")) {
    QDir().mkpath(QStringLiteral(ZANPLAN_GOLDEN_DIR));
    if (!actual.save(golden_path, "PNG")) return ::testing::AssertionFailure() << "cannot write " << golden_path.toStdString();
    std::cout << "[ golden ] wrote " << golden_path.toStdString() << '\n';
    return ::testing::AssertionSuccess();
  }
  const QString out_dir = QStringLiteral(ZANPLAN_GOLDEN_OUT_DIR);
  QDir().mkpath(out_dir);
  const QString actual_path = out_dir + QStringLiteral("/%1-actual.png").arg(name);
  const QString diff_path = out_dir + QStringLiteral("/%1-diff.png").arg(name);
  const QImage expected(golden_path);
  if (expected.isNull()) {
    actual.save(actual_path, "PNG");
    return ::testing::AssertionFailure() << "no golden image " << golden_path.toStdString()
                                         << " (run with ZANPLAN_UPDATE_GOLDEN=1 to create it); actual image: "
                                         << actual_path.toStdString();
  }
  if (expected.size() != actual.size()) {
    actual.save(actual_path, "PNG");
    return ::testing::AssertionFailure() << name.toStdString() << ": size " << actual.width() << "x" << actual.height()
                                         << ", golden " << expected.width() << "x" << expected.height()
                                         << "; actual image: " << actual_path.toStdString();
  }
  const ImageDifference d = compare_images(actual, expected);
  const qint64 allowed = allowed_pixels(d.total, differing_share);
  if (d.differing <= allowed) return ::testing::AssertionSuccess();
  actual.save(actual_path, "PNG");
  d.diff.save(diff_path, "PNG");
  std::cout << "[ golden ] " << name.toStdString() << ": actual " << actual_path.toStdString() << ", diff "
            << diff_path.toStdString() << '\n';
  return ::testing::AssertionFailure() << name.toStdString() << ": " << d.differing << " of " << d.total
                                       << " pixels differ by more than " << kChannelTolerance << " (allowed " << allowed
                                       << ", largest difference " << d.worst << "); actual: " << actual_path.toStdString()
                                       << ", diff: " << diff_path.toStdString() << ", golden: " << golden_path.toStdString();
}

QRgb pixel(const QImage& image, QPointF at) { return image.pixel(static_cast<int>(at.x()), static_cast<int>(at.y())); }

// ---------------------------------------------------------------------------------------
// Viewport

TEST(Viewport, ToScreenAndBackByHand) {
  // 800 × 600 pixels, centre (1000, 2000), 10 m per pixel: the centre is at pixel
  // (400, 300); 100 m east and 100 m south is 10 pixels right and 10 pixels down.
  const zm::Viewport v(QSize(800, 600), QPointF(1000, 2000), 10);
  EXPECT_EQ(v.to_screen(1000, 2000), QPointF(400, 300));
  EXPECT_EQ(v.to_screen(1100, 1900), QPointF(410, 310));
  EXPECT_EQ(v.to_screen(-3000, 5000), QPointF(0, 0));  // 4000 m west, 3000 m north
  EXPECT_EQ(v.to_map({410, 310}), QPointF(1100, 1900));
  EXPECT_EQ(v.to_map({0, 600}), QPointF(-3000, -1000));
  for (const QPointF screen : {QPointF(0, 0), QPointF(123.25, 456.5), QPointF(799, 1)}) {
    const QPointF back = v.to_screen(v.to_map(screen).x(), v.to_map(screen).y());
    EXPECT_NEAR(back.x(), screen.x(), 1e-9);
    EXPECT_NEAR(back.y(), screen.y(), 1e-9);
  }
  const MapBounds b = v.visible_bounds();
  EXPECT_DOUBLE_EQ(b.min_x, -3000);
  EXPECT_DOUBLE_EQ(b.max_x, 5000);
  EXPECT_DOUBLE_EQ(b.min_y, -1000);
  EXPECT_DOUBLE_EQ(b.max_y, 5000);
}

TEST(Viewport, PanPixelsMovesTheCentreByDeltaTimesResolution) {
  zm::Viewport v(QSize(800, 600), QPointF(1000, 2000), 10);
  // Dragging the content 30 px right and 20 px up shows what lies west and south: the
  // centre moves 300 m west and 200 m south (screen y down, map y up).
  v.pan_pixels({30, -20});
  EXPECT_EQ(v.center(), QPointF(700, 1800));
  v.pan_pixels({-30, 20});
  EXPECT_EQ(v.center(), QPointF(1000, 2000));
  EXPECT_EQ(v.resolution(), 10);
}

TEST(Viewport, ZoomAtKeepsTheAnchorsMapPoint) {
  zm::Viewport v(QSize(800, 600), QPointF(1000, 2000), 10);
  const QPointF anchor(100, 500);
  const QPointF before = v.to_map(anchor);  // (1000 - 3000, 2000 - 2000) = (-2000, 0)
  EXPECT_EQ(before, QPointF(-2000, 0));
  v.zoom_at(anchor, 2.0);
  EXPECT_DOUBLE_EQ(v.resolution(), 5);
  EXPECT_NEAR(v.to_map(anchor).x(), -2000, 1e-9);
  EXPECT_NEAR(v.to_map(anchor).y(), 0, 1e-9);
  // The centre moved half-way towards the anchor: (1000 + -2000) / 2, (2000 + 0) / 2.
  EXPECT_NEAR(v.center().x(), -500, 1e-9);
  EXPECT_NEAR(v.center().y(), 1000, 1e-9);
  v.zoom_at(anchor, 0.25);  // zoom out
  EXPECT_DOUBLE_EQ(v.resolution(), 20);
  EXPECT_NEAR(v.to_map(anchor).x(), -2000, 1e-9);
  EXPECT_NEAR(v.to_map(anchor).y(), 0, 1e-9);
  // Clamped at the finest resolution; the anchor still stays put.
  v.zoom_at(anchor, 1e9);
  EXPECT_DOUBLE_EQ(v.resolution(), zm::Viewport::kMinResolution);
  EXPECT_NEAR(v.to_map(anchor).x(), -2000, 1e-6);
}

TEST(Viewport, FitShowsTheBounds) {
  zm::Viewport v(QSize(800, 600), QPointF(0, 0), 1);
  MapBounds b;
  b.add(0, 0);
  b.add(8000, 3000);
  v.fit(b, 0.05);
  // Usable 720 × 540 pixels: 8000 / 720 = 11.11 m/px across, 3000 / 540 = 5.56 up; the
  // larger wins, centred on (4000, 1500).
  EXPECT_NEAR(v.resolution(), 8000.0 / 720.0, 1e-12);
  EXPECT_EQ(v.center(), QPointF(4000, 1500));
  const MapBounds shown = v.visible_bounds();
  EXPECT_LE(shown.min_x, b.min_x);
  EXPECT_GE(shown.max_x, b.max_x);
  EXPECT_LE(shown.min_y, b.min_y);
  EXPECT_GE(shown.max_y, b.max_y);
  // 5 % margin each side: the bounds start 40 pixels in from the left edge.
  EXPECT_NEAR(v.to_screen(0, 0).x(), 40, 1e-9);
  // A tall box: the height decides.
  MapBounds tall;
  tall.add(-100, -5400);
  tall.add(100, 5400);
  v.fit(tall, 0.05);
  EXPECT_NEAR(v.resolution(), 20, 1e-12);  // 10800 / 540
}

TEST(Viewport, FitInAFrameCentresTheBoundsInIt) {
  // 200 × 100 px, the right half free: 100 × 100 map metres fill it at 1 m a pixel, and the
  // bounds' centre (50, 50) lands on the frame's centre (150, 50).
  zm::Viewport v(QSize(200, 100), QPointF(0, 0), 7);
  MapBounds b;
  b.add(0, 0);
  b.add(100, 100);
  v.fit_in(b, QRectF(100, 0, 100, 100), 0);
  EXPECT_DOUBLE_EQ(v.resolution(), 1);
  EXPECT_DOUBLE_EQ(v.to_screen(50, 50).x(), 150);
  EXPECT_DOUBLE_EQ(v.to_screen(50, 50).y(), 50);
  EXPECT_DOUBLE_EQ(v.to_screen(0, 100).x(), 100);  // the top-left corner at the frame's
}

TEST(Viewport, ScaleDenominatorAtTheEquatorAndAtLille) {
  // At 96 dpi a pixel is 0.0254 / 96 = 0.000264583 m of screen. At the equator the ground
  // resolution equals the Web Mercator resolution, so at 10 m/px the scale is
  // 10 / 0.000264583 = 37,795.28.
  zm::Viewport equator(QSize(800, 600), QPointF(0, 0), 10);
  EXPECT_NEAR(equator.ground_resolution(), 10, 1e-12);
  EXPECT_NEAR(equator.scale_denominator(), 37795.2756, 1e-3);
  // Lille, 50.63° N: y = R ln tan(45° + 25.315°) = 6,556,104.14 m. Web Mercator stretches
  // by 1 / cos(lat); cos 50.63° = cos 50° − sin 50° × 0.010996 rad − cos 50° × 0.010996² / 2
  // = 0.642788 − 0.008423 − 0.000039 = 0.634326. So 10 m/px there is 6.34326 m of ground
  // per pixel and the scale 37,795.28 × 0.634326 = 23,974.5.
  const zanplan::MapPoint lille = zanplan::lon_lat_to_web_mercator({3.06, 50.63});
  EXPECT_NEAR(lille.y, 6556104.14, 0.5);
  zm::Viewport north(QSize(800, 600), QPointF(lille.x, lille.y), 10);
  EXPECT_NEAR(north.ground_resolution(), 6.34326, 1e-5);
  EXPECT_NEAR(north.scale_denominator(), 23974.5, 0.5);
  EXPECT_NEAR(north.scale_denominator() / equator.scale_denominator(), 0.634326, 1e-6);
  // At 2 × 96 dpi a pixel is half as long on the screen: twice the denominator.
  EXPECT_NEAR(north.scale_denominator(192), 23974.5 * 2, 1.0);
}

TEST(Viewport, ScaleBarIsARoundLengthNearAFifthOfTheWidth) {
  // 800 px at 10 m/px at the equator: a fifth is 1600 m → 1000 m (1, 2, 5 × 10^n ≤ target).
  EXPECT_DOUBLE_EQ(zm::scale_bar_metres(zm::Viewport(QSize(800, 600), QPointF(0, 0), 10)), 1000);
  // 800 px at 20 m/px: 3200 m → 2000 m.
  EXPECT_DOUBLE_EQ(zm::scale_bar_metres(zm::Viewport(QSize(800, 600), QPointF(0, 0), 20)), 2000);
  // At Lille 20 m/px is 12.69 m of ground: 2030 m → 2000 m; 40 m/px: 4060 m → 2000 m.
  const zanplan::MapPoint lille = zanplan::lon_lat_to_web_mercator({3.06, 50.63});
  EXPECT_DOUBLE_EQ(zm::scale_bar_metres(zm::Viewport(QSize(800, 600), QPointF(lille.x, lille.y), 40)), 2000);
  EXPECT_DOUBLE_EQ(zm::scale_bar_metres(zm::Viewport(QSize(800, 600), QPointF(lille.x, lille.y), 100)), 10000);
}

// ---------------------------------------------------------------------------------------
// Styles

TEST(Style, QuantileClassesOnAKnownVector) {
  // Ten values 1 … 10 (shuffled, with a NaN and an infinity ignored) in four classes: the
  // k-th break is the value at sorted index ceil(10 k / 4) − 1 = 2, 4, 7, 9 → 3, 5, 8, 10.
  const std::vector<double> values = {7, 3, kNaN, 10, 1, 9, std::numeric_limits<double>::infinity(), 2, 8, 5, 4, 6};
  const auto classes = zm::quantile_classes(values, 4, {QColor(0, 0, 0), QColor(255, 255, 255)}, 0);
  ASSERT_EQ(classes.size(), 4U);
  EXPECT_EQ(classes[0].upper, 3);
  EXPECT_EQ(classes[1].upper, 5);
  EXPECT_EQ(classes[2].upper, 8);
  EXPECT_TRUE(std::isinf(classes[3].upper));  // the last class takes everything above
  EXPECT_EQ(classes[0].label, QStringLiteral("1 – 3"));
  EXPECT_EQ(classes[1].label, QStringLiteral("3 – 5"));
  EXPECT_EQ(classes[2].label, QStringLiteral("5 – 8"));
  EXPECT_EQ(classes[3].label, QStringLiteral("8 – 10"));
  // Colours along the ramp at 0, 1/3, 2/3, 1: 0, 85, 170, 255.
  EXPECT_EQ(classes[0].color, QColor(0, 0, 0));
  EXPECT_EQ(classes[1].color, QColor(85, 85, 85));
  EXPECT_EQ(classes[2].color, QColor(170, 170, 170));
  EXPECT_EQ(classes[3].color, QColor(255, 255, 255));

  // Repeated values merge classes: {1, 1, 1, 1, 2} in four gives breaks 1, 1, 1, 2 → two.
  const auto merged = zm::quantile_classes({1, 1, 1, 1, 2}, 4, {QColor(0, 0, 0), QColor(255, 255, 255)}, 1);
  ASSERT_EQ(merged.size(), 2U);
  EXPECT_EQ(merged[0].upper, 1);
  EXPECT_EQ(merged[0].label, QStringLiteral("1.0 – 1.0"));
  EXPECT_EQ(merged[1].label, QStringLiteral("1.0 – 2.0"));

  EXPECT_TRUE(zm::quantile_classes({kNaN, kNaN}, 3, {QColor(0, 0, 0)}, 0).empty());
  EXPECT_TRUE(zm::quantile_classes({1, 2}, 0, {QColor(0, 0, 0)}, 0).empty());
}

TEST(Style, ColorForAtTheEdges) {
  zm::LayerStyle s;
  s.classes = zm::fixed_classes({10, 20, 30}, {QColor(255, 0, 0), QColor(0, 0, 255)}, {});
  s.no_value = QColor(1, 2, 3, 4);
  const QColor first(255, 0, 0), middle(128, 0, 128), last(0, 0, 255);
  EXPECT_EQ(s.classes[1].color, middle);
  EXPECT_EQ(s.color_for(-1e9), first);
  EXPECT_EQ(s.color_for(10), first);  // equal to the upper bound: still in the class
  EXPECT_EQ(s.color_for(std::nextafter(10.0, 11.0)), middle);
  EXPECT_EQ(s.color_for(20), middle);
  EXPECT_EQ(s.color_for(20.5), last);
  EXPECT_EQ(s.color_for(1e12), last);  // the last class is open-ended
  EXPECT_EQ(s.color_for(std::numeric_limits<double>::infinity()), last);
  EXPECT_EQ(s.color_for(kNaN), s.no_value);

  zm::LayerStyle single;
  single.fill = QColor(10, 20, 30);
  EXPECT_EQ(single.color_for(kNaN), QColor(10, 20, 30));
  single.fill = Qt::transparent;  // a line or an unfilled outline: the stroke colour
  single.stroke = QColor(40, 50, 60);
  EXPECT_EQ(single.color_for(5), QColor(40, 50, 60));
}

// ---------------------------------------------------------------------------------------
// Hit testing: a 200 × 200 view at 10 m per pixel centred on (0, 0); the map point (x, y) is
// at pixel (100 + x / 10, 100 − y / 10).

const zm::Viewport kHitView(QSize(200, 200), QPointF(0, 0), 10);

QPointF at_pixel(double x, double y) { return {x, y}; }

std::vector<QPointF> square(double half, double cx = 0, double cy = 0) {
  return {{cx - half, cy - half}, {cx + half, cy - half}, {cx + half, cy + half}, {cx - half, cy + half}};
}

TEST(HitTest, PointsWithinTheTolerance) {
  const std::vector<zm::MapLayer> layers = {
      layer("pts", MapGeometry::point, {feature("a", {{{0, 0}}}), feature("b", {{{300, 0}}})})};
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).id, "a");
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(104, 100)).id, "a");   // 4 px away, tolerance 5
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(103, 104)).id, "a");   // 5 px away
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(106, 100)).id, "");    // 6 px
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(104, 104)).id, "");    // 5.66 px
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(106, 100), 8).id, "a");  // wider tolerance
  // Between the two points the nearer one wins: pixel 118 is 18 px from a, 12 from b.
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(118, 100), 20).id, "b");
  const zm::Hit hit = zm::hit_test(layers, kHitView, at_pixel(131, 101));
  EXPECT_EQ(hit.layer, QStringLiteral("pts"));
  EXPECT_EQ(hit.id, "b");
  EXPECT_EQ(hit.feature, 1U);
}

TEST(HitTest, PolygonWithAHole) {
  // Outer square ±600 m (pixels 40 … 160), hole ±200 m (pixels 80 … 120).
  const std::vector<zm::MapLayer> layers = {
      layer("holed", MapGeometry::polygon, {feature("ring", {square(600), square(200)})}, outline_style(Qt::red, Qt::black, 1))};
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).id, "");      // in the hole
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(115, 85)).id, "");       // still in the hole
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(130, 100)).id, "ring");  // between hole and outline
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(50, 150)).id, "ring");
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(170, 100)).id, "");      // outside
  // A multi-polygon's second part counts too.
  const std::vector<zm::MapLayer> multi = {
      layer("multi", MapGeometry::polygon, {feature("two", {square(100, -500, 0), square(100, 500, 0)})})};
  EXPECT_EQ(zm::hit_test(multi, kHitView, at_pixel(50, 100)).id, "two");
  EXPECT_EQ(zm::hit_test(multi, kHitView, at_pixel(150, 100)).id, "two");
  EXPECT_EQ(zm::hit_test(multi, kHitView, at_pixel(100, 100)).id, "");
}

TEST(HitTest, TopmostVisibleLayerWins) {
  std::vector<zm::MapLayer> layers = {
      layer("bottom", MapGeometry::polygon, {feature("under", {square(500)})}, outline_style(Qt::red, Qt::black, 1)),
      layer("top", MapGeometry::polygon, {feature("over", {square(200)})}, outline_style(Qt::blue, Qt::black, 1))};
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).layer, QStringLiteral("top"));
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).id, "over");
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(140, 100)).id, "under");  // outside the top square
  layers[1].visible = false;
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).layer, QStringLiteral("bottom"));
  layers[0].visible = false;
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).id, "");
  // A graduated feature drawn transparent (no value) cannot be clicked: the one below can.
  layers[0].visible = true;
  layers[1].visible = true;
  layers[1].style.classes = zm::fixed_classes({1}, {QColor(0, 0, 255)}, {});
  layers[1].style.no_value = Qt::transparent;
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).id, "under");
  layers[1].values = std::make_shared<std::vector<double>>(std::vector<double>{0.5});
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).id, "over");
}

TEST(HitTest, LinesAlongTheirSegments) {
  // One 1 km segment (pixels 50 … 150 on row 100) and a two-part line further up.
  const std::vector<zm::MapLayer> layers = {
      layer("roads", MapGeometry::line,
            {feature("long", {{{-500, 0}, {500, 0}}}), feature("parts", {{{-500, 600}, {-400, 600}}, {{400, 600}, {500, 700}}})})};
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 103)).id, "long");  // mid-segment, 50 px from a vertex
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(149, 96)).id, "long");
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 106)).id, "");      // 6 px off
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(156, 100)).id, "");      // past the end
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(145, 35)).id, "parts");  // the second part
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 40)).id, "");       // between the parts
}

TEST(HitTest, LayersNotDrawnAtThisZoomCannotBeClicked) {
  // Parcels drawn only up to 25 m/px over a commune: at 10 m/px the parcel is hit, at 100
  // m/px (the parcels not drawn) the commune under it.
  std::vector<zm::MapLayer> layers = {
      layer("communes", MapGeometry::polygon, {feature("commune", {square(5000)})}, outline_style(Qt::white, Qt::black, 1)),
      layer("parcels", MapGeometry::polygon, {feature("parcel", {square(300)})}, outline_style(Qt::green, Qt::black, 1))};
  layers[1].style.max_resolution = 25;
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(100, 100)).id, "parcel");
  const zm::Viewport region(QSize(200, 200), QPointF(0, 0), 100);
  EXPECT_EQ(zm::hit_test(layers, region, at_pixel(100, 100)).id, "commune");
}

// A planner's translucent zone drawn over the candidate sites: a click inside it on a site
// picks the site, elsewhere in it the zone; a planner's point above the site still wins.
TEST(HitTest, ASiteUnderAPlannersZoneStaysClickable) {
  std::vector<zm::MapLayer> layers = {
      layer("communes", MapGeometry::polygon, {feature("commune", {square(5000)})}, outline_style(Qt::white, Qt::black, 1)),
      layer("candidates", MapGeometry::polygon, {feature("site", {square(100)})}, outline_style(Qt::green, Qt::black, 1)),
      layer("user:zone", MapGeometry::polygon, {feature("1", {square(600)})}, zm::user_layer_style(MapGeometry::polygon, 0)),
      layer("user:points", MapGeometry::point, {feature("7", {{{50, 0}}})}, zm::user_layer_style(MapGeometry::point, 1))};
  layers[1].style.clickable_under_polygons = true;
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(98, 100)).id, "site");  // 7 px from the point
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(105, 102)).layer, QStringLiteral("user:points"));
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(130, 100)).layer, QStringLiteral("user:zone"));  // outside the site
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(165, 100)).id, "commune");                       // outside the zone
  // Without the flag the topmost polygon wins, as for every other layer.
  layers[1].style.clickable_under_polygons = false;
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(98, 100)).layer, QStringLiteral("user:zone"));
  // A hidden site layer yields nothing.
  layers[1].style.clickable_under_polygons = true;
  layers[1].visible = false;
  EXPECT_EQ(zm::hit_test(layers, kHitView, at_pixel(98, 100)).layer, QStringLiteral("user:zone"));
}

// ---------------------------------------------------------------------------------------
// User layers' default style

TEST(UserLayerStyle, OneColourPerLayerAndASymbolPerGeometry) {
  const auto& palette = zm::user_layer_palette();
  ASSERT_GE(palette.size(), 6U);
  for (std::size_t i = 0; i < palette.size(); ++i) {
    EXPECT_EQ(palette[i].alpha(), 255);
    for (std::size_t j = 0; j < i; ++j) EXPECT_NE(palette[i], palette[j]) << i << " and " << j;
    EXPECT_EQ(zm::user_layer_colour(i), palette[i]);
    EXPECT_EQ(zm::user_layer_colour(i + palette.size()), palette[i]);  // cycling
  }
  const QColor colour = palette[2];
  const zm::LayerStyle polygon = zm::user_layer_style(MapGeometry::polygon, 2);
  EXPECT_EQ(polygon.stroke, colour);  // a solid outline
  EXPECT_DOUBLE_EQ(polygon.stroke_width, 2);
  EXPECT_EQ(polygon.fill.rgb(), colour.rgb());  // the same hue, translucent
  EXPECT_GT(polygon.fill.alpha(), 40);
  EXPECT_LT(polygon.fill.alpha(), 128);
  EXPECT_FALSE(polygon.graduated());
  const zm::LayerStyle line = zm::user_layer_style(MapGeometry::line, 2);
  EXPECT_EQ(line.color_for(kNaN), colour);  // what a line is stroked with
  EXPECT_DOUBLE_EQ(line.stroke_width, 1.5);
  const zm::LayerStyle point = zm::user_layer_style(MapGeometry::point, 2);
  EXPECT_EQ(point.color_for(kNaN), colour);
  EXPECT_EQ(point.shape, zm::PointShape::circle);
  EXPECT_LE(point.point_size, 8);

  EXPECT_EQ(zm::user_layer_id("ppri"), QStringLiteral("user:ppri"));
  EXPECT_EQ(zm::user_layer_name(QStringLiteral("user:ppri")), "ppri");
  EXPECT_EQ(zm::user_layer_name(QStringLiteral("communes")), std::nullopt);
  EXPECT_EQ(zm::user_layer_name(QStringLiteral("user:")), std::nullopt);
}

// ---------------------------------------------------------------------------------------
// Golden images

TEST(Golden, PolygonsWithHoleAndMultiPolygon) {
  const QImage image = zm::render_map(scene(polygon_scene()));
  ASSERT_EQ(image.size(), kSceneSize);
  // Sanity checks that do not depend on the golden: the hole shows the background, the
  // square's fill is drawn, the multi-polygon's second part is filled.
  EXPECT_EQ(QColor(pixel(image, {80, 80})), QColor(242, 239, 233));
  EXPECT_EQ(QColor(pixel(image, {40, 40})), QColor(120, 170, 220));
  EXPECT_NE(QColor(pixel(image, {280, 200})), QColor(242, 239, 233));
  EXPECT_TRUE(matches_golden(image, QStringLiteral("polygons")));
}

TEST(Golden, ToleranceCatchesAOnePixelShift) {
  // The tolerance absorbs antialiasing noise, not a moved shape: the polygon scene drawn one
  // pixel to the right differs from itself on more than 0.5 % of the pixels.
  zm::MapSnapshot s = scene(polygon_scene());
  const QImage reference = zm::render_map(s);
  EXPECT_EQ(compare_images(reference, zm::render_map(s)).differing, 0);  // deterministic
  s.viewport.pan_pixels({1, 0});
  const ImageDifference shifted = compare_images(zm::render_map(s), reference);
  std::cout << "[ golden ] one-pixel shift: " << shifted.differing << " of " << shifted.total << " pixels differ\n";
  EXPECT_GT(shifted.differing, allowed_pixels(shifted.total, kDifferingShare));
  // A class colour 3 levels darker in red, in one of six cells (40 × 80 px, 4 % of the image).
  zm::MapSnapshot g = scene({graduated_layer()});
  const QImage before = zm::render_map(g);
  auto& classes = g.layers[0].style.classes;
  classes[2].color = QColor(classes[2].color.red() - 3, classes[2].color.green(), classes[2].color.blue());
  const ImageDifference recoloured = compare_images(zm::render_map(g), before);
  EXPECT_GT(recoloured.differing, allowed_pixels(recoloured.total, kDifferingShare));
}

TEST(Golden, LinesAndEveryPointShape) {
  const QImage image = zm::render_map(scene(lines_points_scene()));
  EXPECT_EQ(QColor(pixel(image, {50, 110})), QColor(20, 90, 200));  // the circle's inside
  EXPECT_EQ(QColor(pixel(image, {5, 5})), QColor(242, 239, 233));
  EXPECT_TRUE(matches_golden(image, QStringLiteral("lines-points")));
}

TEST(Golden, GraduatedLayerWithSelection) {
  zm::MapSnapshot s = scene({graduated_layer()});
  s.selected_layer = QStringLiteral("graduated");
  s.selected_id = "cell-2";
  const QImage image = zm::render_map(s);
  // Values 1 … 5 in three quantile classes (breaks 2, 4, 5): 1 and 2 in the lightest.
  const auto& classes = s.layers[0].style.classes;
  ASSERT_EQ(classes.size(), 3U);
  EXPECT_EQ(QColor(pixel(image, {35, 120})), classes[0].color);
  EXPECT_EQ(QColor(pixel(image, {85, 120})), classes[0].color);
  EXPECT_EQ(QColor(pixel(image, {185, 120})), classes[1].color);
  EXPECT_EQ(QColor(pixel(image, {235, 120})), classes[2].color);
  EXPECT_TRUE(matches_golden(image, QStringLiteral("graduated")));
}

TEST(Golden, OverlaysLegendAndScaleBar) {
  // Text makes this image depend on the font: it was drawn with Debian 12's default sans
  // font (DejaVu Sans, through fontconfig), the same in CI. Elsewhere it is skipped rather
  // than compared. Glyph edges are antialiased, so this one allows 1 % of the pixels to
  // differ (about 770 pixels) instead of 0.5 %.
  const QFontInfo font(QGuiApplication::font());
  if (!font.family().contains(QStringLiteral("DejaVu"))) {
    GTEST_SKIP() << "the overlay golden uses DejaVu Sans; the default font here is " << font.family().toStdString();
  }
  std::vector<zm::MapLayer> layers = lines_points_scene();
  layers.resize(2);  // the line and the circles
  layers.insert(layers.begin(), graduated_layer());
  layers[2].title = QStringLiteral("Ports");
  layers[2].synthetic = true;
  zm::MapSnapshot s = scene(std::move(layers));
  s.overlays = true;
  s.legend_title = QStringLiteral("Legend");
  s.attribution = QStringLiteral("© test tiles");
  const QImage image = zm::render_map(s);
  EXPECT_TRUE(matches_golden(image, QStringLiteral("overlays"), 0.01));
}

// ---------------------------------------------------------------------------------------
// Report map: title block, legend with candidate classes, north arrow, scale bar, sources,
// place names and rank labels that keep clear of each other and of every overlay.

constexpr QSize kReportSize(640, 480);

zm::LayerStyle candidate_classes_style() {
  zm::LayerStyle s = symbol_style(QColor(0, 104, 55), zm::PointShape::square, 5);
  s.classes = {{-0.5, QColor(170, 170, 170), QStringLiteral("excluded")},
               {0.5, QColor(255, 255, 204), QStringLiteral("0–0.5")},
               {1.0, QColor(0, 104, 55), QStringLiteral("0.5–1")}};
  s.value_title = QStringLiteral("score");
  return s;
}

zm::MapSnapshot report_scene() {
  const zm::Viewport view(kReportSize, kSceneCentre, 10);
  auto at = [&](double x, double y) { return view.to_map({x, y}); };
  std::vector<zm::MapLayer> layers;
  // Candidates: excluded (value −1) and scored ones, small squares around the cluster.
  std::vector<MapFeature> candidates;
  for (int i = 0; i < 12; ++i) {
    candidates.push_back(feature("c-" + std::to_string(i), {{at(150 + 30 * i, 330 + 10 * (i % 3))}}, i % 3 == 0 ? -1.0 : i / 12.0));
  }
  layers.push_back(layer("candidates", MapGeometry::point, std::move(candidates), candidate_classes_style()));
  // Three towns; the middle one sits in the cluster of top sites and must give way.
  zm::LayerStyle towns = symbol_style(QColor(40, 40, 40), zm::PointShape::circle, 5);
  towns.labels = true;
  towns.labels_optional = true;
  towns.label_size = 1.0;
  towns.label_bold = true;
  towns.max_label_resolution = 1e12;
  layers.push_back(layer("towns", MapGeometry::point,
                         {feature("t-1", {{at(120, 250)}}, kNaN, "Amiens"), feature("t-2", {{at(318, 238)}}, kNaN, "Lille"),
                          feature("t-3", {{at(480, 300)}}, kNaN, "Arras")},
                         towns));
  // Twenty top sites crowded in 60 × 50 pixels (seeded positions), numbered by rank.
  zm::LayerStyle top = symbol_style(QColor(0, 104, 55), zm::PointShape::circle, 13);
  top.stroke = QColor(255, 255, 255);
  top.labels = true;
  top.label_size = 0.9;
  top.label_bold = true;
  top.max_label_resolution = 1e12;
  std::vector<MapFeature> sites;
  std::uint32_t seed = 7;
  auto next = [&seed] {  // a small linear congruential generator: the same scene everywhere
    seed = seed * 1103515245U + 12345U;
    return static_cast<double>((seed >> 16) & 0x7fff) / 32767.0;
  };
  for (int rank = 1; rank <= 20; ++rank) {
    const double x = 290 + 60 * next(), y = 215 + 50 * next();
    sites.push_back(feature("s-" + std::to_string(rank), {{at(x, y)}}, kNaN, std::to_string(rank)));
  }
  layers.push_back(layer("top", MapGeometry::point, std::move(sites), top));
  zm::MapSnapshot s;
  s.viewport = view;
  s.layers = std::move(layers);
  s.legend_title = QStringLiteral("Legend");
  zm::MapDecorations d;
  d.title = QStringLiteral("Candidate sites for the gigafactory profile");
  d.subtitle = QStringLiteral("ZAN regime test, no scenario");
  d.date = QDate(2026, 11, 30);
  d.sources = {QStringLiteral("Candidates: test data (Licence Ouverte) — SYNTHETIC"), QStringLiteral("Towns: test data"),
               QStringLiteral("Basemap: © test tiles")};
  s.report = d;
  return s;
}

bool any_pixel(const QImage& image, const QRectF& box, const std::function<bool(QColor)>& test) {
  const QRect r = box.toAlignedRect().intersected(image.rect());
  for (int y = r.top(); y <= r.bottom(); ++y) {
    for (int x = r.left(); x <= r.right(); ++x) {
      if (test(image.pixelColor(x, y))) return true;
    }
  }
  return false;
}

bool dark(QColor c) { return qGray(c.rgb()) < 60; }

TEST(ReportMap, RankLabelsAndPlaceNamesNeverOverlapEachOtherOrTheOverlays) {
  zm::RenderStats stats;
  const QImage image = zm::render_map(report_scene(), nullptr, &stats);
  ASSERT_EQ(image.size(), kReportSize);
  // Title, legend, sources, scale bar and north arrow: five overlays.
  ASSERT_EQ(stats.overlays.size(), 5U);
  // Every rank label is drawn (none crowded) and the two towns away from the cluster; the
  // town inside it gives way to the rank labels and their leader lines.
  EXPECT_EQ(stats.labels_crowded, 0U);
  EXPECT_EQ(stats.labels.size(), 22U);
  for (std::size_t i = 0; i < stats.labels.size(); ++i) {
    EXPECT_TRUE(QRectF(image.rect()).contains(stats.labels[i])) << "label " << i;
    for (std::size_t j = i + 1; j < stats.labels.size(); ++j) {
      EXPECT_FALSE(stats.labels[i].intersects(stats.labels[j])) << "labels " << i << " and " << j;
    }
    for (const QRectF& overlay : stats.overlays) EXPECT_FALSE(stats.labels[i].intersects(overlay)) << "label " << i;
  }
  for (std::size_t i = 0; i < stats.overlays.size(); ++i) {
    for (std::size_t j = i + 1; j < stats.overlays.size(); ++j) {
      EXPECT_FALSE(stats.overlays[i].intersects(stats.overlays[j])) << "overlays " << i << " and " << j;
    }
  }
}

TEST(ReportMap, TitleNorthArrowLegendClassesAndSourcesAreDrawn) {
  const zm::MapSnapshot s = report_scene();
  const zm::OverlayLayout layout = zm::layout_overlays(s);
  const QImage image = zm::render_map(s);
  // The title block is at the top left, the legend at the top right, the sources along the
  // bottom, the north arrow above them on the right.
  EXPECT_LT(layout.title.right(), layout.legend.left());
  EXPECT_DOUBLE_EQ(layout.sources.bottom(), kReportSize.height());
  EXPECT_LE(layout.north_arrow.bottom(), layout.sources.top());
  EXPECT_LE(layout.scale_bar.bottom(), layout.sources.top());
  EXPECT_TRUE(any_pixel(image, layout.title, dark));    // the title's text
  EXPECT_TRUE(any_pixel(image, layout.sources, dark));  // the sources' text
  // The north arrow: one half black, the other white.
  EXPECT_TRUE(any_pixel(image, layout.north_arrow, [](QColor c) { return c == QColor(0, 0, 0); }));
  EXPECT_TRUE(any_pixel(image, layout.north_arrow, [](QColor c) { return c == QColor(255, 255, 255); }));
  // The legend shows the candidate classes, the grey "excluded" one among them.
  EXPECT_TRUE(any_pixel(image, layout.legend, [](QColor c) { return c == QColor(170, 170, 170); }));
  EXPECT_TRUE(any_pixel(image, layout.legend, [](QColor c) { return c == QColor(0, 104, 55); }));
  // On a narrow image the title wraps rather than running under the legend.
  zm::MapSnapshot narrow = s;
  narrow.viewport.set_size(QSize(420, 480));
  const zm::OverlayLayout squeezed = zm::layout_overlays(narrow);
  EXPECT_LT(squeezed.title.right(), squeezed.legend.left());
  // Without decorations none of the report's overlays is laid out.
  zm::MapSnapshot plain = s;
  plain.report.reset();
  const zm::OverlayLayout without = zm::layout_overlays(plain);
  EXPECT_TRUE(without.title.isEmpty());
  EXPECT_TRUE(without.sources.isEmpty());
  EXPECT_TRUE(without.north_arrow.isEmpty());
}

TEST(ReportMap, ScaleBarMatchesAHandComputationAndLambert93) {
  // At latitude 50° and 200 Web Mercator metres a pixel, a pixel is 200 × cos 50° =
  // 128.558 m of ground; a fifth of 1600 px is 41,139 m, so the round length is 20 km,
  // 20,000 / 128.558 = 155.57 px long.
  const zanplan::MapPoint centre = zanplan::lon_lat_to_web_mercator({2.8, 50.0});
  const zm::Viewport view(QSize(1600, 1200), QPointF(centre.x, centre.y), 200);
  EXPECT_DOUBLE_EQ(zm::scale_bar_metres(view), 20000);
  const double pixels = zm::scale_bar_metres(view) / view.ground_resolution();
  EXPECT_NEAR(pixels, 155.57, 0.01);
  // The same bar laid across the map's centre and measured in Lambert-93 (PROJ): the bar is
  // worked out on Web Mercator's sphere, the ellipsoid's parallel at 50° is 0.2 % longer and
  // Lambert-93 stretches it by about 0.09 % more there. Together well under half a pixel of
  // the bar: right at the map's scale.
  auto lambert93 = [&](double screen_x) {
    constexpr double kR = 6378137.0;
    const QPointF m = view.to_map({screen_x, 600});
    const double lon = m.x() / kR * 180 / std::numbers::pi, lat = std::atan(std::sinh(m.y() / kR)) * 180 / std::numbers::pi;
    return zanplan::lon_lat_to_lambert93({lon, lat});
  };
  const zanplan::MapPoint a = lambert93(800 - pixels / 2), b = lambert93(800 + pixels / 2);
  const double measured = std::hypot(b.x - a.x, b.y - a.y);
  std::cout << "[ scale ] 20 km bar of " << pixels << " px measures " << measured << " m in Lambert-93\n";
  EXPECT_LT(std::abs(measured - 20000) / 20000 * pixels, 0.5);
}

TEST(Golden, ReportMap) {
  // Text: DejaVu Sans only, and 1 % of the pixels may differ (see OverlaysLegendAndScaleBar).
  const QFontInfo font(QGuiApplication::font());
  if (!font.family().contains(QStringLiteral("DejaVu"))) {
    GTEST_SKIP() << "the report golden uses DejaVu Sans; the default font here is " << font.family().toStdString();
  }
  const QLocale before;
  QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));  // the date's words
  const QImage image = zm::render_map(report_scene());
  QLocale::setDefault(before);
  EXPECT_TRUE(matches_golden(image, QStringLiteral("report"), 0.01));
}

// ---------------------------------------------------------------------------------------
// Level of detail

// `count` squares of 40 m on a 300 m grid, filling a square region (1000 × 1000 squares:
// 300 km across, about the size of Hauts-de-France).
std::shared_ptr<MapLayerData> tiny_polygons(int count) {
  auto data = std::make_shared<MapLayerData>();
  data->geometry = MapGeometry::polygon;
  data->features.resize(static_cast<std::size_t>(count));
  const int side = static_cast<int>(std::ceil(std::sqrt(count)));
  for (int i = 0; i < count; ++i) {
    MapFeature& f = data->features[static_cast<std::size_t>(i)];
    const double x = 300.0 * (i % side), y = 300.0 * (i / side);
    f.id = std::to_string(i);
    f.xy = {x, y, x + 40, y, x + 40, y + 40, x, y + 40};
    f.part_starts = {0};
    f.bounds.add(x, y);
    f.bounds.add(x + 40, y + 40);
  }
  for (const auto& f : data->features) data->bounds.add(f.bounds);
  return data;
}

zm::MapSnapshot region_snapshot(std::shared_ptr<const MapLayerData> data) {
  zm::MapLayer l;
  l.id = QStringLiteral("parcels");
  l.data = std::move(data);
  l.style = outline_style(QColor(170, 210, 140), QColor(90, 90, 90), 0.5);
  zm::MapSnapshot s;
  s.viewport = zm::Viewport(QSize(1000, 800), QPointF(0, 0), 1);
  s.viewport.fit(l.data->bounds);  // region scale: about 330 m per pixel
  s.layers.push_back(std::move(l));
  s.overlays = false;
  return s;
}

TEST(LevelOfDetail, AMillionTinyPolygonsAtRegionScaleAreDots) {
  auto data = tiny_polygons(1'000'000);
  // Five features large enough to be drawn as polygons (5 km squares).
  for (int i = 0; i < 5; ++i) {
    data->features.push_back(feature("big-" + std::to_string(i), {square(2500, 30000.0 + 50000 * i, 150000)}));
  }
  zm::MapSnapshot s = region_snapshot(data);
  EXPECT_GT(s.viewport.resolution(), 300);
  zm::RenderStats stats;
  QElapsedTimer clock;
  clock.start();
  const QImage image = zm::render_map(s, nullptr, &stats);
  std::cout << "[ lod    ] 1,000,005 features at " << s.viewport.resolution() << " m/px: " << clock.elapsed()
            << " ms, " << stats.features_as_dots << " dots, " << stats.features_drawn << " drawn, "
            << stats.vertices_drawn << " vertices\n";
  EXPECT_FALSE(stats.cancelled);
  EXPECT_EQ(stats.features_as_dots, 1'000'000U);
  EXPECT_EQ(stats.features_drawn, 5U);
  EXPECT_LE(stats.vertices_drawn, 5U * 5U);
  // The dots are drawn: the region is not empty.
  const QPointF inside = s.viewport.to_screen(150000, 100000);
  EXPECT_NE(QColor(pixel(image, inside)), QColor(242, 239, 233));

  // Zoomed in on one corner (10 m per pixel, 4 × 3 km), every visible square (4 px) is a
  // real polygon.
  s.viewport = zm::Viewport(QSize(400, 300), QPointF(3000, 3000), 10);
  zm::RenderStats close;
  zm::render_map(s, nullptr, &close);
  EXPECT_EQ(close.features_as_dots, 0U);
  // Only those in view: about (4000 / 300 + 1) × (3000 / 300 + 1) = 14 × 11.
  EXPECT_GT(close.features_drawn, 120U);
  EXPECT_LT(close.features_drawn, 200U);

  // Above its max_resolution the layer is not drawn at all.
  s = region_snapshot(data);
  s.layers[0].style.max_resolution = 25;
  zm::RenderStats skipped;
  zm::render_map(s, nullptr, &skipped);
  EXPECT_EQ(skipped.features_as_dots + skipped.features_drawn, 0U);
}

TEST(LevelOfDetail, VerticesCloserThanTheSpacingAreSkipped) {
  // A ring of 10,000 vertices on a 1 km circle, seen at 100 m per pixel (a 20-pixel circle):
  // most vertices fall within 0.6 px of the previous drawn one.
  std::vector<QPointF> ring;
  for (int i = 0; i < 10000; ++i) {
    const double a = 2 * M_PI * i / 10000;
    ring.emplace_back(1000 * std::cos(a), 1000 * std::sin(a));
  }
  zm::MapSnapshot s;
  s.viewport = zm::Viewport(QSize(200, 200), QPointF(0, 0), 100);
  s.layers.push_back(layer("circle", MapGeometry::polygon, {feature("c", {ring})}, outline_style(Qt::red, Qt::black, 1)));
  s.overlays = false;
  zm::RenderStats stats;
  zm::render_map(s, nullptr, &stats);
  EXPECT_EQ(stats.features_drawn, 1U);
  // The circumference is 63 px: at least one vertex per 0.6 px step in x or y → ≤ ~ 200.
  EXPECT_LT(stats.vertices_drawn, 300U);
  EXPECT_GT(stats.vertices_drawn, 20U);
  s.viewport.set_resolution(0.5);  // 4000 px across: every vertex is 0.6 px or more apart
  zm::RenderStats close;
  zm::render_map(s, nullptr, &close);
  EXPECT_GT(close.vertices_drawn, 9000U);
}

TEST(LevelOfDetail, ACancelledRenderReturnsEarly) {
  const zm::MapSnapshot s = region_snapshot(tiny_polygons(200'000));
  std::atomic<bool> cancel{true};
  zm::RenderStats stats;
  const QImage image = zm::render_map(s, &cancel, &stats);
  EXPECT_TRUE(stats.cancelled);
  EXPECT_EQ(stats.features_drawn + stats.features_as_dots, 0U);
  EXPECT_EQ(image.size(), s.viewport.size());  // a partial (here: background only) image
  cancel = false;
  zm::RenderStats full;
  zm::render_map(s, &cancel, &full);
  EXPECT_FALSE(full.cancelled);
  EXPECT_EQ(full.features_as_dots, 200'000U);
}

}  // namespace
