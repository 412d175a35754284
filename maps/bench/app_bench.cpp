// Application benchmark: the real zanplan-map window (offscreen, no basemap) on a workspace,
// as a planner meets it. Measures
//   - window to first frame: from constructing the window to the first map frame that shows
//     the workspace's layers (opening, reading and rendering included);
//   - window to ranked: until the first scoring's results reach the table and the map;
//   - pan redraws at region zoom: a drag in small mouse moves, each timed from the move to the
//     frame that shows it (wall clock, event loop included);
//   - pan redraws at city zoom (parcels drawn), same measure;
//   - re-score and recolour: from a weight change to the map frame that shows the new scores;
//   - peak RSS (getrusage; scripts/bench-map.sh also runs it under /usr/bin/time -v).
// Prints one "RESULT name value" line per number.
//
//   zanplan_app_bench --workspace PATH [--data DIR] [--size WxH] [--steps N]
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMouseEvent>
#include <QSlider>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "main_window.hpp"
#include "zanplan/maps/region_layers.hpp"

namespace zm = zanplan::maps;

namespace {

struct Options {
  std::filesystem::path workspace;
  std::filesystem::path data_dir = ZANPLAN_BENCH_DATA_DIR;
  QSize size{1600, 1000};
  int steps = 60;
};

void report(const std::string& name, double value) {
  std::printf("RESULT %s %.3f\n", name.c_str(), value);
  std::fflush(stdout);
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = p * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(rank));
  const auto high = std::min(values.size() - 1, low + 1);
  return values[low] + (values[high] - values[low]) * (rank - static_cast<double>(low));
}

double ms_since(const QElapsedTimer& clock) { return static_cast<double>(clock.nsecsElapsed()) / 1e6; }

// Runs the event loop until `done()` holds after a frame, or `timeout_ms`; false on timeout.
template <typename Done>
bool wait_for_frame_where(zm::MapCanvas& canvas, Done done, int timeout_ms = 600000) {
  bool ok = false;
  QEventLoop loop;
  const auto connection = QObject::connect(&canvas, &zm::MapCanvas::frame_rendered, &loop, [&] {
    if (done()) {
      ok = true;
      loop.quit();
    }
  });
  QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
  loop.exec();
  QObject::disconnect(connection);
  return ok;
}

bool wait_for_frame(zm::MapCanvas& canvas) {
  return wait_for_frame_where(canvas, [] { return true; });
}

void pause_ms(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

// Until no frame is pending and nothing arrives for a moment.
void settle(zm::MapCanvas& canvas) {
  for (int i = 0; i < 100; ++i) {
    while (canvas.render_pending()) {
      if (!wait_for_frame(canvas)) return;
    }
    pause_ms(300);
    if (!canvas.render_pending()) return;
  }
}

void send_mouse(zm::MapCanvas& canvas, QEvent::Type type, QPointF at, Qt::MouseButtons buttons) {
  QMouseEvent event(type, at, canvas.mapToGlobal(at), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                    Qt::NoModifier);
  QApplication::sendEvent(&canvas, &event);
}

// A drag in `steps` moves of `step` pixels, back and forth; each move's time to the frame
// rendered for that exact view.
std::vector<double> pan(zm::MapCanvas& canvas, int steps, QPointF step) {
  settle(canvas);
  std::vector<double> frames;
  QPointF at(canvas.width() / 2.0, canvas.height() / 2.0);
  send_mouse(canvas, QEvent::MouseButtonPress, at, Qt::LeftButton);
  for (int i = 0; i < steps; ++i) {
    at += (i / 15) % 2 == 0 ? step : -step;
    QElapsedTimer clock;
    clock.start();
    send_mouse(canvas, QEvent::MouseMove, at, Qt::LeftButton);
    const zm::Viewport wanted = canvas.viewport();
    // The frame of that view (a composed frame may show it moved by under half a pixel).
    const auto shows_wanted = [&] {
      const zm::Viewport& shown = canvas.frame_viewport();
      return shown.resolution() == wanted.resolution() &&
             std::abs(shown.center().x() - wanted.center().x()) <= wanted.resolution() / 2 &&
             std::abs(shown.center().y() - wanted.center().y()) <= wanted.resolution() / 2;
    };
    if (wait_for_frame_where(canvas, shows_wanted, 60000)) frames.push_back(ms_since(clock));
  }
  send_mouse(canvas, QEvent::MouseButtonRelease, at, Qt::NoButton);
  settle(canvas);
  return frames;
}

void report_pan(const std::string& name, const std::vector<double>& frames) {
  report(name + "_median_ms", percentile(frames, 0.5));
  report(name + "_min_ms", frames.empty() ? 0 : *std::min_element(frames.begin(), frames.end()));
  report(name + "_max_ms", frames.empty() ? 0 : *std::max_element(frames.begin(), frames.end()));
  report(name + "_frames", static_cast<double>(frames.size()));
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--workspace") o.workspace = value;
    else if (key == "--data") o.data_dir = value;
    else if (key == "--steps") o.steps = std::max(1, std::atoi(value.c_str()));
    else if (key == "--size") {
      int w = 0, h = 0;
      if (std::sscanf(value.c_str(), "%dx%d", &w, &h) == 2 && w > 0 && h > 0) o.size = QSize(w, h);
    } else {
      std::fprintf(stderr, "unknown option %s\n", key.c_str());
      std::exit(2);
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  qputenv("ZANPLAN_NO_DIALOGS", "1");
  QApplication app(argc, argv);
  const Options options = parse(argc, argv);
  if (options.workspace.empty() || !std::filesystem::exists(options.workspace)) {
    std::fprintf(stderr, "no workspace '%s' (--workspace PATH)\n", options.workspace.string().c_str());
    return 1;
  }

  // 1. Window to first frame with the workspace's layers, then to the ranked sites.
  QElapsedTimer clock;
  clock.start();
  zanplan::app::WindowOptions window_options;
  window_options.data_dir = options.data_dir;
  window_options.basemap = false;
  auto window = std::make_unique<zanplan::app::MainWindow>(window_options);
  bool ranked = false;
  double ranked_ms = 0;
  QObject::connect(window.get(), &zanplan::app::MainWindow::results_shown, window.get(), [&] {
    if (!ranked) ranked_ms = ms_since(clock);
    ranked = true;
  });
  bool failed = false;
  QObject::connect(window->session(), &zanplan::app::Session::failed, window.get(), [&](const QString& what, const QString& message) {
    std::fprintf(stderr, "%s: %s\n", qPrintable(what), qPrintable(message));
    failed = true;
  });
  window->open_workspace(options.workspace);
  window->show();
  zm::MapCanvas& canvas = *window->canvas();
  if (!wait_for_frame_where(canvas, [&] { return failed || canvas.layer(zm::kCommunes) != nullptr; }) || failed) {
    std::fprintf(stderr, "no first frame\n");
    return 1;
  }
  report("window_to_first_frame_ms", ms_since(clock));
  while (!ranked && !failed) {
    if (!wait_for_frame(canvas)) break;
  }
  if (!ranked) {
    std::fprintf(stderr, "never ranked\n");
    return 1;
  }
  report("window_to_ranked_ms", ranked_ms);
  settle(canvas);
  std::printf("# canvas %dx%d, region view %.0f m/px\n", canvas.width(), canvas.height(), canvas.viewport().resolution());

  // 2. Panning at region zoom, then at city zoom (Lille, 4 m/px).
  canvas.zoom_to_layer(zm::kCommunes);
  settle(canvas);
  report_pan("pan_region", pan(canvas, options.steps, {12, 4}));
  const zanplan::MapPoint lille = zanplan::lon_lat_to_web_mercator({3.063, 50.630});
  canvas.set_viewport(zm::Viewport(canvas.size(), QPointF(lille.x, lille.y), 4.0));
  settle(canvas);
  report_pan("pan_city", pan(canvas, options.steps, {12, 4}));

  // 3. A weight change at region zoom: from the slider to the frame with the new colours.
  canvas.zoom_to_layer(zm::kCommunes);
  settle(canvas);
  for (int round = 0; round < 3; ++round) {
    bool shown = false;
    const auto connection = QObject::connect(window.get(), &zanplan::app::MainWindow::results_shown, window.get(), [&] { shown = true; });
    QSlider* slider = window->weights()->slider(QStringLiteral("power_distance_km"));
    QElapsedTimer rescore;
    rescore.start();
    slider->setValue(round % 2 == 0 ? 0 : slider->maximum() / 2);
    if (!wait_for_frame_where(canvas, [&] { return shown && !canvas.render_pending(); })) {
      std::fprintf(stderr, "no frame after the weight change\n");
      return 1;
    }
    report("rescore_recolour_ms", ms_since(rescore));
    QObject::disconnect(connection);
    settle(canvas);
  }
  report("peak_rss_mib", peak_rss_mib());
  window.reset();
  return 0;
}
