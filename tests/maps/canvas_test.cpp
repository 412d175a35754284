// The real MapCanvas widget, shown offscreen and driven with QTest: frames arrive from the
// worker thread, drag / wheel / keys move the view by the expected map distances, clicks
// select features, refreshes coalesce, and a heavy frame neither blocks the UI thread nor
// the widget's destruction.
#include "zanplan/maps/canvas.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "maps/map_builders.hpp"

namespace zm = zanplan::maps;
using zanplan::MapBounds;
using zanplan::MapFeature;
using zanplan::MapGeometry;
using zanplan::MapLayerData;
using zanplan::maps::testing::feature;

namespace {

std::vector<QPointF> square(double half, double cx = 0, double cy = 0) {
  return {{cx - half, cy - half}, {cx + half, cy - half}, {cx + half, cy + half}, {cx - half, cy + half}};
}

zm::MapLayer layer(const QString& id, MapGeometry geometry, std::vector<MapFeature> features, QColor fill) {
  zm::LayerStyle style;
  style.fill = fill;
  style.stroke = QColor(40, 40, 40);
  style.point_size = 10;
  return zm::testing::layer(id, geometry, std::move(features), style);
}

// Two squares (A: ±1000 m around the origin, B: ±500 m around (5000, 0)) and a point s1 at
// (−3000, 2000). The canvas is 400 × 300 at 20 m per pixel centred on the origin: A covers
// pixels 150 … 250 × 100 … 200, s1 is at pixel (50, 50), B is off to the right.
std::vector<zm::MapLayer> small_scene() {
  return {layer("zones", MapGeometry::polygon, {feature("A", {square(1000)}), feature("B", {square(500, 5000, 0)})},
                QColor(120, 170, 220)),
          layer("sites", MapGeometry::point, {feature("s1", {{{-3000, 2000}}})}, QColor(200, 40, 40))};
}

bool matches_full_redraw(const zm::MapCanvas& canvas);

constexpr QSize kSize(400, 300);
const zm::Viewport kStart(kSize, QPointF(0, 0), 20);

// Many antialiased octagons, 12 px across at 20 m per pixel, scattered over the start view
// (a fixed pseudo-random sequence): every one is drawn as a polygon, none as a dot.
zm::MapLayer make_heavy_layer(int count) {
  std::vector<MapFeature> features;
  features.reserve(static_cast<std::size_t>(count));
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  for (int i = 0; i < count; ++i) {
    const double cx = (next() - 0.5) * 8000, cy = (next() - 0.5) * 6000;
    std::vector<QPointF> ring;
    for (int k = 0; k < 8; ++k) {
      const double a = M_PI / 4 * k;
      ring.emplace_back(cx + 120 * std::cos(a), cy + 120 * std::sin(a));
    }
    features.push_back(feature(std::to_string(i), {ring}));
  }
  zm::MapLayer l = layer("heavy", MapGeometry::polygon, std::move(features), QColor(90, 160, 90, 120));
  l.style.stroke_width = 1.2;
  return l;
}

// Built once per count (the data is shared and immutable).
zm::MapLayer heavy_layer(int count) {
  static std::map<int, zm::MapLayer> built;
  auto it = built.find(count);
  if (it == built.end()) it = built.emplace(count, make_heavy_layer(count)).first;
  return it->second;
}

// Waits until no frame is scheduled or rendering and the last finished one was delivered
// (its result is posted to the UI thread after the worker returns, hence the short wait).
bool settle(zm::MapCanvas& canvas, int timeout_ms = 15000) {
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < timeout_ms) {
    if (!canvas.render_pending()) {
      QTest::qWait(30);
      if (!canvas.render_pending()) return true;
    } else {
      QTest::qWait(5);
    }
  }
  return false;
}

void expect_near(QPointF actual, QPointF expected, double tolerance = 1e-6) {
  EXPECT_NEAR(actual.x(), expected.x(), tolerance);
  EXPECT_NEAR(actual.y(), expected.y(), tolerance);
}

bool near_colour(QRgb actual, QColor expected, int tolerance = 2) {
  return std::abs(qRed(actual) - expected.red()) <= tolerance && std::abs(qGreen(actual) - expected.green()) <= tolerance &&
         std::abs(qBlue(actual) - expected.blue()) <= tolerance;
}

class Canvas : public ::testing::Test {
 protected:
  void SetUp() override {
    canvas_ = std::make_unique<zm::MapCanvas>();
    canvas_->resize(kSize);
    canvas_->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(canvas_.get()));
    ASSERT_EQ(canvas_->size(), kSize);
  }

  // The small scene at the start view, with its first frame delivered.
  void show_scene(std::vector<zm::MapLayer> layers = small_scene()) {
    QSignalSpy frames(canvas_.get(), &zm::MapCanvas::frame_rendered);
    canvas_->set_layers(std::move(layers));
    canvas_->set_viewport(kStart);
    QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 1, 15000);
    ASSERT_TRUE(settle(*canvas_));
    ASSERT_EQ(canvas_->viewport(), kStart);
  }

  std::unique_ptr<zm::MapCanvas> canvas_;
};

TEST_F(Canvas, FirstFrameIsRenderedInTheBackground) {
  QSignalSpy frames(canvas_.get(), &zm::MapCanvas::frame_rendered);
  canvas_->set_layers(small_scene());
  canvas_->set_viewport(kStart);
  EXPECT_TRUE(canvas_->render_pending());
  QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 1, 15000);
  EXPECT_GE(frames.first().at(0).toDouble(), 0.0);  // milliseconds
  ASSERT_TRUE(settle(*canvas_));
  const QImage& frame = canvas_->frame();
  ASSERT_EQ(frame.size(), kSize);
  EXPECT_TRUE(near_colour(frame.pixel(200, 150), QColor(120, 170, 220), 0));  // inside A
  EXPECT_TRUE(near_colour(frame.pixel(50, 50), QColor(200, 40, 40), 0));      // the point
  EXPECT_TRUE(near_colour(frame.pixel(350, 250), QColor(242, 239, 233), 0));  // background
  // The widget shows the frame.
  const QImage shown = canvas_->grab().toImage().convertToFormat(QImage::Format_ARGB32);
  EXPECT_TRUE(near_colour(shown.pixel(200, 150), QColor(120, 170, 220), 0));
}

TEST_F(Canvas, DragPansByTheDraggedMapDistance) {
  show_scene();
  const QImage before = canvas_->frame().convertToFormat(QImage::Format_ARGB32);
  QSignalSpy clicked(canvas_.get(), &zm::MapCanvas::feature_clicked);
  QSignalSpy changed(canvas_.get(), &zm::MapCanvas::viewport_changed);
  // Drag right by 100 px in three moves: the centre moves 100 × 20 = 2000 m west.
  QTest::mousePress(canvas_.get(), Qt::LeftButton, {}, QPoint(100, 100));
  QTest::mouseMove(canvas_.get(), QPoint(130, 100));
  QTest::mouseMove(canvas_.get(), QPoint(170, 100));
  QTest::mouseMove(canvas_.get(), QPoint(200, 100));
  QTest::mouseRelease(canvas_.get(), Qt::LeftButton, {}, QPoint(200, 100));
  expect_near(canvas_->viewport().center(), QPointF(-2000, 0));
  EXPECT_EQ(canvas_->viewport().resolution(), 20);
  EXPECT_EQ(changed.count(), 3);
  EXPECT_EQ(clicked.count(), 0);  // a drag is not a click

  // Until the new frame arrives, the last one is drawn shifted by the drag.
  ASSERT_TRUE(canvas_->render_pending());
  const QImage shifted = canvas_->grab().toImage().convertToFormat(QImage::Format_ARGB32);
  int mismatches = 0;
  for (int y = 0; y < kSize.height(); y += 7) {
    for (int x = 100; x < kSize.width(); ++x) mismatches += shifted.pixel(x, y) != before.pixel(x - 100, y) ? 1 : 0;
  }
  EXPECT_EQ(mismatches, 0);

  // Then the new frame: A is now 100 px further right.
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_TRUE(near_colour(canvas_->frame().pixel(340, 150), QColor(120, 170, 220), 0));
  EXPECT_TRUE(near_colour(canvas_->frame().pixel(200, 150), QColor(242, 239, 233), 0));

  // Dragging up by 50 px shows what lies south: the centre moves 1000 m down.
  QTest::mousePress(canvas_.get(), Qt::LeftButton, {}, QPoint(200, 200));
  QTest::mouseMove(canvas_.get(), QPoint(200, 150));
  QTest::mouseRelease(canvas_.get(), Qt::LeftButton, {}, QPoint(200, 150));
  expect_near(canvas_->viewport().center(), QPointF(-2000, -1000));
}

TEST_F(Canvas, WheelZoomsAtTheCursor) {
  show_scene();
  const QPointF cursor(300, 80);
  const QPointF under = canvas_->viewport().to_map(cursor);  // (2000, 1400)
  expect_near(under, QPointF(2000, 1400));
  QWheelEvent in(cursor, canvas_->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                 Qt::NoScrollPhase, false);
  QApplication::sendEvent(canvas_.get(), &in);
  EXPECT_NEAR(canvas_->viewport().resolution(), 20 / 1.25, 1e-9);  // one notch: × 1.25
  expect_near(canvas_->viewport().to_map(cursor), under);
  // Two notches out.
  QWheelEvent out(cursor, canvas_->mapToGlobal(cursor), QPoint(), QPoint(0, -240), Qt::NoButton, Qt::NoModifier,
                  Qt::NoScrollPhase, false);
  QApplication::sendEvent(canvas_.get(), &out);
  EXPECT_NEAR(canvas_->viewport().resolution(), 20 * 1.25, 1e-9);
  expect_near(canvas_->viewport().to_map(cursor), under);
  ASSERT_TRUE(settle(*canvas_));
  // The new frame is rendered for the zoomed view (25 m/px): A (±1000 m) is now 80 px wide;
  // 100 m inside its left edge is 4 px inside, clear of the outline.
  const QPointF a_left = canvas_->viewport().to_screen(-900, 0);
  EXPECT_TRUE(near_colour(canvas_->frame().pixel(a_left.toPoint()), QColor(120, 170, 220), 0));
}

TEST_F(Canvas, KeysZoomPanAndGoHome) {
  show_scene();
  QTest::keyClick(canvas_.get(), Qt::Key_Plus);
  EXPECT_DOUBLE_EQ(canvas_->viewport().resolution(), 10);
  expect_near(canvas_->viewport().center(), QPointF(0, 0));
  QTest::keyClick(canvas_.get(), Qt::Key_Minus);
  QTest::keyClick(canvas_.get(), Qt::Key_Minus);
  EXPECT_DOUBLE_EQ(canvas_->viewport().resolution(), 40);
  expect_near(canvas_->viewport().center(), QPointF(0, 0));
  // Arrows pan by a fifth of the view: 80 px × 40 m across, 60 px × 40 m up and down.
  QTest::keyClick(canvas_.get(), Qt::Key_Left);
  expect_near(canvas_->viewport().center(), QPointF(-3200, 0));
  QTest::keyClick(canvas_.get(), Qt::Key_Up);
  expect_near(canvas_->viewport().center(), QPointF(-3200, 2400));
  QTest::keyClick(canvas_.get(), Qt::Key_Right);
  QTest::keyClick(canvas_.get(), Qt::Key_Right);
  expect_near(canvas_->viewport().center(), QPointF(3200, 2400));
  QTest::keyClick(canvas_.get(), Qt::Key_Down);
  expect_near(canvas_->viewport().center(), QPointF(3200, 0));
  // Home shows every visible layer: x −3000 … 5500, y −1000 … 2000 in 360 × 270 usable
  // pixels (5 % margins): 8500 / 360 = 23.61 m/px across (3000 / 270 = 11.1 up), centred on
  // (1250, 500).
  QTest::keyClick(canvas_.get(), Qt::Key_Home);
  EXPECT_NEAR(canvas_->viewport().resolution(), 8500.0 / 360.0, 1e-9);
  expect_near(canvas_->viewport().center(), QPointF(1250, 500));
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_EQ(canvas_->frame().size(), kSize);
}

TEST_F(Canvas, ClickingAFeatureSelectsIt) {
  show_scene();
  QSignalSpy clicked(canvas_.get(), &zm::MapCanvas::feature_clicked);
  QTest::mouseClick(canvas_.get(), Qt::LeftButton, {}, QPoint(210, 140));
  ASSERT_EQ(clicked.count(), 1);
  EXPECT_EQ(clicked.at(0).at(0).toString(), QStringLiteral("zones"));
  EXPECT_EQ(clicked.at(0).at(1).toString(), QStringLiteral("A"));
  EXPECT_EQ(canvas_->selected_layer(), QStringLiteral("zones"));
  EXPECT_EQ(canvas_->selected_id(), "A");
  // The selection is outlined in the next frame (blue over white, along A's edge at x = 150).
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_TRUE(near_colour(canvas_->frame().pixel(150, 150), QColor(0, 160, 255)));
  EXPECT_TRUE(near_colour(canvas_->frame().pixel(152, 150), QColor(255, 255, 255)));  // the 6 px white halo

  // A point within a few pixels of the cursor.
  QTest::mouseClick(canvas_.get(), Qt::LeftButton, {}, QPoint(53, 48));
  ASSERT_EQ(clicked.count(), 2);
  EXPECT_EQ(clicked.at(1).at(0).toString(), QStringLiteral("sites"));
  EXPECT_EQ(clicked.at(1).at(1).toString(), QStringLiteral("s1"));
  EXPECT_EQ(canvas_->selected_id(), "s1");

  // Clicking nothing clears the selection.
  QTest::mouseClick(canvas_.get(), Qt::LeftButton, {}, QPoint(380, 20));
  ASSERT_EQ(clicked.count(), 3);
  EXPECT_EQ(clicked.at(2).at(0).toString(), QString());
  EXPECT_EQ(clicked.at(2).at(1).toString(), QString());
  EXPECT_EQ(canvas_->selected_layer(), QString());
  EXPECT_EQ(canvas_->selected_id(), "");
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_FALSE(near_colour(canvas_->frame().pixel(150, 150), QColor(0, 160, 255), 40));  // no highlight any more
  EXPECT_TRUE(near_colour(canvas_->frame().pixel(152, 150), QColor(120, 170, 220)));  // A's fill again
}

TEST_F(Canvas, ZoomToLayerAndToSelection) {
  show_scene();
  // zones: x −1000 … 5500 (6500 m), y −1000 … 1000: 6500 / 360 = 18.06 m/px, centre (2250, 0).
  canvas_->zoom_to_layer(QStringLiteral("zones"));
  EXPECT_NEAR(canvas_->viewport().resolution(), 6500.0 / 360.0, 1e-9);
  expect_near(canvas_->viewport().center(), QPointF(2250, 0));
  const zm::Viewport zoomed = canvas_->viewport();
  canvas_->zoom_to_layer(QStringLiteral("no such layer"));
  EXPECT_EQ(canvas_->viewport(), zoomed);
  // A selected point is shown with about 2 km around it: 2000 / 270 = 7.41 m/px (the
  // height decides), centred on the point.
  canvas_->set_selection(QStringLiteral("sites"), "s1");
  canvas_->zoom_to_selection();
  EXPECT_NEAR(canvas_->viewport().resolution(), 2000.0 / 270.0, 1e-9);
  expect_near(canvas_->viewport().center(), QPointF(-3000, 2000));
  // A larger feature with its surroundings, three times its size: A (2 km) padded by 2 km
  // on each side, 6000 / 270 = 22.2 m/px.
  canvas_->set_selection(QStringLiteral("zones"), "A");
  canvas_->zoom_to_selection();
  EXPECT_NEAR(canvas_->viewport().resolution(), 6000.0 / 270.0, 1e-9);
  expect_near(canvas_->viewport().center(), QPointF(0, 0));
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_EQ(canvas_->frame().size(), kSize);
}

TEST_F(Canvas, RapidRefreshesCoalesceAndTheLastFrameMatchesTheLastView) {
  std::vector<zm::MapLayer> layers = small_scene();
  layers.insert(layers.begin(), heavy_layer(20'000));  // a few tens of ms per frame
  show_scene(std::move(layers));
  QSignalSpy frames(canvas_.get(), &zm::MapCanvas::frame_rendered);
  constexpr int kCalls = 60;
  for (int i = 0; i < kCalls; ++i) {
    zm::Viewport v = kStart;
    v.set_center(QPointF(37.0 * i, -11.0 * i));
    canvas_->set_viewport(v);
    canvas_->refresh();
    canvas_->refresh();
    // Let the event loop start a frame now and then, so that newer views cancel it.
    if (i % 5 == 0) QTest::qWait(3);
  }
  ASSERT_TRUE(settle(*canvas_));
  std::cout << "[ canvas ] " << 2 * kCalls << " refresh calls, " << frames.count() << " frames\n";
  EXPECT_GE(frames.count(), 1);
  EXPECT_LT(frames.count(), kCalls / 2);
  EXPECT_EQ(canvas_->viewport().center(), QPointF(37.0 * (kCalls - 1), -11.0 * (kCalls - 1)));
  // The frame on screen is the frame of the final view: composed from the cached layers,
  // it matches a full redraw within the golden tolerance.
  EXPECT_TRUE(matches_full_redraw(*canvas_));
}

// Holds each frame in the worker until the test lets it go (or the frame is cancelled):
// "a frame that takes long" without depending on how fast this machine draws.
class FrameGate {
 public:
  FrameGate() {
    zm::MapCanvas::set_render_hook_for_testing([this](const std::atomic<bool>& cancel) {
      std::unique_lock lock(mutex_);
      ++entered_;
      while (!released_ && !cancel.load()) changed_.wait_for(lock, std::chrono::milliseconds(2));
    });
  }
  ~FrameGate() {
    release();
    zm::MapCanvas::set_render_hook_for_testing({});
  }
  FrameGate(const FrameGate&) = delete;
  FrameGate& operator=(const FrameGate&) = delete;

  [[nodiscard]] int entered() {
    const std::lock_guard lock(mutex_);
    return entered_;
  }
  void release() {
    const std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool released_ = false;
};

TEST_F(Canvas, AHeavyFrameDoesNotBlockTheUiThread) {
  QSignalSpy frames(canvas_.get(), &zm::MapCanvas::frame_rendered);
  canvas_->set_viewport(kStart);
  ASSERT_TRUE(settle(*canvas_));
  frames.clear();
  FrameGate gate;
  int ticks = 0;
  QTimer timer;
  timer.setInterval(5);
  QObject::connect(&timer, &QTimer::timeout, [&] { ++ticks; });
  canvas_->set_layers({heavy_layer(20'000)});
  timer.start();
  // The frame has started in the worker and is held there ...
  ASSERT_TRUE(QTest::qWaitFor([&] { return gate.entered() >= 1; }, 15000));
  // ... while the UI thread keeps running its timers and events: 20 ticks go by with the
  // frame still pending and nothing delivered.
  ASSERT_TRUE(QTest::qWaitFor([&] { return ticks >= 20; }, 15000));
  EXPECT_TRUE(canvas_->render_pending());
  EXPECT_EQ(frames.count(), 0);
  // Let go: the frame arrives.
  gate.release();
  ASSERT_TRUE(frames.count() >= 1 || frames.wait(20000));
  timer.stop();
  EXPECT_EQ(gate.entered(), 1);
}

TEST(CanvasLifetime, DestructionWhileAFrameRendersIsClean) {
  for (int round = 0; round < 3; ++round) {
    FrameGate gate;  // never released: only the destruction's cancel lets the frame go
    auto canvas = std::make_unique<zm::MapCanvas>();
    canvas->resize(kSize);
    canvas->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(canvas.get()));
    canvas->set_layers({heavy_layer(150'000)});
    canvas->set_viewport(kStart);
    ASSERT_TRUE(QTest::qWaitFor([&] { return gate.entered() >= 1; }, 15000));  // rendering in the worker
    ASSERT_TRUE(canvas->render_pending());
    QElapsedTimer clock;
    clock.start();
    canvas.reset();  // cancels the frame and waits for the worker
    EXPECT_LT(clock.elapsed(), 2000);
    QTest::qWait(20);  // a late result, if any, has nowhere to go
  }
}

}  // namespace

namespace {

// Pixels whose channels differ by more than 2, as the golden comparisons count them.
std::int64_t differing_pixels(const QImage& a_image, const QImage& b_image) {
  const QImage a = a_image.convertToFormat(QImage::Format_ARGB32);
  const QImage b = b_image.convertToFormat(QImage::Format_ARGB32);
  if (a.size() != b.size()) return std::int64_t{a.width()} * a.height();
  std::int64_t differing = 0;
  for (int y = 0; y < a.height(); ++y) {
    const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
    const auto* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
    for (int x = 0; x < a.width(); ++x) {
      const int d = std::max({std::abs(qRed(pa[x]) - qRed(pb[x])), std::abs(qGreen(pa[x]) - qGreen(pb[x])),
                              std::abs(qBlue(pa[x]) - qBlue(pb[x])), std::abs(qAlpha(pa[x]) - qAlpha(pb[x]))});
      if (d > 2) ++differing;
    }
  }
  return differing;
}

// The golden tolerance: at most 0.5 % of the pixels differ.
// The frame against render_map for the view it shows (within half a pixel of the canvas's).
bool matches_full_redraw(const zm::MapCanvas& canvas) {
  const zm::Viewport& view = canvas.viewport();
  const zm::Viewport& shown = canvas.frame_viewport();
  EXPECT_EQ(shown.resolution(), view.resolution());
  EXPECT_LE(std::abs(shown.center().x() - view.center().x()), view.resolution() / 2 + 1e-6);
  EXPECT_LE(std::abs(shown.center().y() - view.center().y()), view.resolution() / 2 + 1e-6);
  zm::MapSnapshot snapshot = canvas.snapshot();
  snapshot.viewport = shown;
  const QImage full = zm::render_map(snapshot);
  const std::int64_t differing = differing_pixels(canvas.frame(), full);
  std::cout << "[ cache ] " << differing << " pixels differ from a full redraw\n";
  return differing <= full.width() * full.height() / 200;
}

}  // namespace

TEST_F(Canvas, PansAreComposedFromTheCachedLayersAndMatchAFullRedraw) {
  std::vector<zm::MapLayer> layers = small_scene();
  layers.insert(layers.begin(), heavy_layer(300));
  show_scene(layers);
  EXPECT_TRUE(matches_full_redraw(*canvas_));
  const zm::MapCanvas::Stats before = canvas_->stats();
  // Arrow keys pan by a fifth of the view: inside the cached image's margin.
  for (int key : {Qt::Key_Left, Qt::Key_Up, Qt::Key_Right, Qt::Key_Right}) {
    QTest::keyClick(canvas_.get(), static_cast<Qt::Key>(key));
    ASSERT_TRUE(settle(*canvas_));
    EXPECT_EQ(canvas_->frame_viewport(), canvas_->viewport());
    EXPECT_TRUE(matches_full_redraw(*canvas_));
  }
  EXPECT_EQ(canvas_->stats().layer_renders, before.layer_renders) << "a pan redrew the layers";
  EXPECT_GE(canvas_->stats().composed_frames, before.composed_frames + 4);
  // The selection and the legend are drawn over the cached layers, not into them.
  canvas_->set_selection(QStringLiteral("zones"), "A");
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_EQ(canvas_->stats().layer_renders, before.layer_renders);
  EXPECT_TRUE(matches_full_redraw(*canvas_));
  // A change to the layers invalidates the cache: hiding one redraws, and it is gone.
  canvas_->set_layer_visible(QStringLiteral("heavy"), false);
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_EQ(canvas_->stats().layer_renders, before.layer_renders + 1);
  EXPECT_TRUE(matches_full_redraw(*canvas_));
  // So does a zoom, and a pan beyond the margin.
  QTest::keyClick(canvas_.get(), Qt::Key_Plus);
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_EQ(canvas_->stats().layer_renders, before.layer_renders + 2);
  canvas_->set_viewport(zm::Viewport(kSize, QPointF(4000, 0), canvas_->viewport().resolution()));
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_EQ(canvas_->stats().layer_renders, before.layer_renders + 3);
  EXPECT_TRUE(matches_full_redraw(*canvas_));
}

namespace {

// A per-view source whose reads wait until the test opens their gate: read n (from 1)
// returns one square "read<n>" at the centre of the box it was asked for.
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  int calls = 0;
  int opened = 0;
  std::vector<bool> cancelled_when_released;

  int call_count() {
    std::scoped_lock lock(mutex);
    return calls;
  }
  void open(int upto) {
    {
      std::scoped_lock lock(mutex);
      opened = std::max(opened, upto);
    }
    changed.notify_all();
  }
};

std::shared_ptr<zm::ViewSource> gated_source(const std::shared_ptr<Gate>& gate) {
  auto source = std::make_shared<zm::ViewSource>();
  source->read = [gate](const MapBounds& box, const std::atomic<bool>& cancel) {
    std::unique_lock lock(gate->mutex);
    const int n = ++gate->calls;
    gate->changed.notify_all();
    gate->changed.wait(lock, [&] { return gate->opened >= n; });
    gate->cancelled_when_released.push_back(cancel.load());
    auto data = std::make_shared<MapLayerData>();
    data->geometry = MapGeometry::polygon;
    const double cx = (box.min_x + box.max_x) / 2, cy = (box.min_y + box.max_y) / 2;
    data->features.push_back(feature("read" + std::to_string(n), {square(200, cx, cy)}));
    data->bounds = data->features.back().bounds;
    return std::shared_ptr<const MapLayerData>(std::move(data));
  };
  source->values = [](const zanplan::MapLayerData& d) {
    return std::make_shared<const std::vector<double>>(d.features.size(), 1.0);
  };
  return source;
}

}  // namespace

TEST_F(Canvas, AViewReadOvertakenByANewerOneIsDropped) {
  auto gate = std::make_shared<Gate>();
  zm::MapLayer big = layer("big", MapGeometry::polygon, {}, QColor(200, 120, 40));
  big.source = gated_source(gate);
  canvas_->set_layers({big});
  canvas_->set_viewport(kStart);
  QTRY_COMPARE_WITH_TIMEOUT(gate->call_count(), 1, 15000);
  EXPECT_TRUE(canvas_->reading());
  // The view moves far away while the first read waits: a second read starts.
  canvas_->set_viewport(zm::Viewport(kSize, QPointF(100000, 0), 20));
  QTRY_COMPARE_WITH_TIMEOUT(gate->call_count(), 2, 15000);
  // The first read finishes last but one: its result is dropped, the layer stays empty.
  gate->open(1);
  QTRY_COMPARE_WITH_TIMEOUT(canvas_->stats().view_reads_dropped, 1, 15000);
  EXPECT_TRUE(canvas_->layer(QStringLiteral("big"))->data->features.empty());
  EXPECT_EQ(canvas_->stats().view_reads_applied, 0);
  {
    std::scoped_lock lock(gate->mutex);
    ASSERT_EQ(gate->cancelled_when_released.size(), 1U);
    EXPECT_TRUE(gate->cancelled_when_released[0]) << "the overtaken read was not told to stop";
  }
  // The newest read is applied, with the source's values.
  QSignalSpy read(canvas_.get(), &zm::MapCanvas::layer_data_read);
  gate->open(2);
  QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 15000);
  const zm::MapLayer* l = canvas_->layer(QStringLiteral("big"));
  ASSERT_EQ(l->data->features.size(), 1U);
  EXPECT_EQ(l->data->features[0].id, "read2");
  ASSERT_TRUE(l->values);
  EXPECT_EQ(l->values->size(), 1U);
  EXPECT_FALSE(canvas_->reading());
  ASSERT_TRUE(settle(*canvas_));
  // It is drawn: the square sits at the view's centre.
  EXPECT_TRUE(near_colour(canvas_->frame().pixel(200, 150), QColor(200, 120, 40), 0));
  // A small pan stays inside what was read (the view and its margin): no new read.
  QTest::keyClick(canvas_.get(), Qt::Key_Left);
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_EQ(gate->call_count(), 2);
  // Zoomed out past the layer's max_resolution, nothing is read.
  zm::MapLayer limited = *canvas_->layer(QStringLiteral("big"));
  limited.style.max_resolution = 30;
  canvas_->set_layers({limited});
  canvas_->set_viewport(zm::Viewport(kSize, QPointF(-200000, 0), 40));
  ASSERT_TRUE(settle(*canvas_));
  EXPECT_EQ(gate->call_count(), 2);
  EXPECT_EQ(canvas_->stats().view_reads_started, 2);
  gate->open(1000);
}
