// Map benchmark: a real MapCanvas shown offscreen (1600 × 1000 by default) on the demo
// workspace. Measures the time to the first frame (loading the layers, then rendering),
// redraw times while panning at region and at city zoom, peak memory, the memory of a full
// basemap tile cache (tiles from a generated MBTiles file), and frames of a synthetic
// one-million-parcel layer at region zoom. Prints a table, and one "RESULT name value" line
// per number for scripts/bench-map.sh, which runs it several times and takes medians.
//
//   zanplan_map_bench [--workspace PATH] [--size WxH] [--steps N] [--parcels N]
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QTemporaryDir>
#include <QTimer>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "zanplan/maps/canvas.hpp"
#include "zanplan/maps/region_layers.hpp"
#include "zanplan/maps/renderer.hpp"
#include "zanplan/maps/tiles.hpp"

namespace zm = zanplan::maps;

namespace {

struct Options {
  std::filesystem::path workspace = "workspace/hauts-de-france.gpkg";
  QSize size{1600, 1000};
  int steps = 60;
  int parcels = 1'000'000;
};

struct Result {
  std::string name, unit, what;
  double value = 0;
};
std::vector<Result> results;

void report(const std::string& name, double value, const std::string& unit, const std::string& what) {
  results.push_back({name, unit, what, value});
  std::printf("RESULT %s %.3f\n", name.c_str(), value);
  std::fflush(stdout);
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

double current_rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  }
  return 0;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = p * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(rank));
  const auto high = std::min(values.size() - 1, low + 1);
  return values[low] + (values[high] - values[low]) * (rank - static_cast<double>(low));
}

// Runs the event loop until the canvas delivers a frame; its render time in ms, or nullopt
// after `timeout_ms`.
std::optional<double> wait_for_frame(zm::MapCanvas& canvas, int timeout_ms = 120000) {
  std::optional<double> ms;
  QEventLoop loop;
  const auto connection = QObject::connect(&canvas, &zm::MapCanvas::frame_rendered, &loop, [&](double m) {
    ms = m;
    loop.quit();
  });
  QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
  loop.exec();
  QObject::disconnect(connection);
  return ms;
}

// Lets a frame still in progress finish, so that a measurement starts from a quiet canvas.
void settle(zm::MapCanvas& canvas) {
  while (canvas.render_pending()) {
    if (!wait_for_frame(canvas)) break;
  }
  QEventLoop loop;
  QTimer::singleShot(20, &loop, &QEventLoop::quit);
  loop.exec();
}

void send_mouse(zm::MapCanvas& canvas, QEvent::Type type, QPointF at, Qt::MouseButtons buttons) {
  QMouseEvent event(type, at, canvas.mapToGlobal(at), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                    Qt::NoModifier);
  QApplication::sendEvent(&canvas, &event);
}

// A drag across the canvas in `steps` mouse moves of `step` pixels, each waiting for its
// frame, as a user panning slowly would see it. Returns the frames' render times (ms).
std::vector<double> pan(zm::MapCanvas& canvas, int steps, QPointF step) {
  settle(canvas);
  std::vector<double> frames;
  QPointF at(canvas.width() / 2.0, canvas.height() / 2.0);
  send_mouse(canvas, QEvent::MouseButtonPress, at, Qt::LeftButton);
  for (int i = 0; i < steps; ++i) {
    // Back and forth, so that the view stays over the data.
    at += (i / 15) % 2 == 0 ? step : -step;
    send_mouse(canvas, QEvent::MouseMove, at, Qt::LeftButton);
    if (auto ms = wait_for_frame(canvas)) frames.push_back(*ms);
  }
  send_mouse(canvas, QEvent::MouseButtonRelease, at, Qt::NoButton);
  settle(canvas);
  return frames;
}

void report_pan(const std::string& name, const std::vector<double>& frames, const std::string& what) {
  report(name + "_median_ms", percentile(frames, 0.5), "ms", "median redraw, " + what);
  report(name + "_p95_ms", percentile(frames, 0.95), "ms", "p95 redraw, " + what);
}

// An MBTiles file of `columns` × `rows` tiles at zoom z starting at tile (x0, y0): textured
// PNGs (a gradient with a grid), stored with TMS rows.
bool write_mbtiles(const QString& path, int z, int x0, int y0, int columns, int rows) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) return false;
  const char* schema =
      "CREATE TABLE metadata (name TEXT, value TEXT);"
      "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
      "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
      "INSERT INTO metadata VALUES ('name', 'bench'), ('format', 'png');"
      "BEGIN;";
  bool ok = sqlite3_exec(db, schema, nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_stmt* insert = nullptr;
  ok = ok && sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &insert, nullptr) == SQLITE_OK;
  for (int i = 0; ok && i < columns; ++i) {
    for (int j = 0; ok && j < rows; ++j) {
      QImage image(zm::tile_pixels, zm::tile_pixels, QImage::Format_RGB32);
      for (int y = 0; y < image.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
          const bool grid = x % 32 == 0 || y % 32 == 0;
          line[x] = grid ? qRgb(200, 200, 200) : qRgb(230 - x / 16, 235 - y / 16, 220 + (i + j) % 30);
        }
      }
      QByteArray png;
      QBuffer buffer(&png);
      buffer.open(QIODevice::WriteOnly);
      image.save(&buffer, "PNG");
      const int y = y0 + j;
      sqlite3_bind_int(insert, 1, z);
      sqlite3_bind_int(insert, 2, x0 + i);
      sqlite3_bind_int(insert, 3, (1 << z) - 1 - y);
      sqlite3_bind_blob(insert, 4, png.constData(), static_cast<int>(png.size()), SQLITE_TRANSIENT);
      ok = sqlite3_step(insert) == SQLITE_DONE;
      sqlite3_reset(insert);
    }
  }
  sqlite3_finalize(insert);
  ok = ok && sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

// `count` parcels (rectangles of 40–120 m, slightly rotated) scattered over `bounds`.
std::shared_ptr<zanplan::MapLayerData> synthetic_parcels(int count, const zanplan::MapBounds& bounds) {
  auto data = std::make_shared<zanplan::MapLayerData>();
  data->layer = "synthetic_parcels";
  data->geometry = zanplan::MapGeometry::polygon;
  data->synthetic = true;
  data->features.resize(static_cast<std::size_t>(count));
  std::mt19937_64 random(20261126);
  std::uniform_real_distribution<double> ux(bounds.min_x, bounds.max_x), uy(bounds.min_y, bounds.max_y),
      side(40, 120), tilt(-0.3, 0.3);
  for (int i = 0; i < count; ++i) {
    zanplan::MapFeature& f = data->features[static_cast<std::size_t>(i)];
    const double cx = ux(random), cy = uy(random), w = side(random), h = side(random), a = tilt(random);
    const double c = std::cos(a), s = std::sin(a);
    f.id = "p" + std::to_string(i);
    f.part_starts = {0};
    for (const auto& [dx, dy] : {std::pair{-w, -h}, {w, -h}, {w, h}, {-w, h}, {-w, -h}}) {
      const double x = cx + (dx * c - dy * s) / 2, y = cy + (dx * s + dy * c) / 2;
      f.xy.push_back(x);
      f.xy.push_back(y);
      f.bounds.add(x, y);
    }
    data->bounds.add(f.bounds);
  }
  return data;
}

void print_table(const Options& options) {
  std::printf("\nzanplan map benchmark — canvas %dx%d, %d pan steps\n\n", options.size.width(), options.size.height(),
              options.steps);
  std::printf("| %-44s | %12s |\n|%s|%s|\n", "measure", "value", std::string(46, '-').c_str(), std::string(14, '-').c_str());
  for (const auto& r : results) std::printf("| %-44s | %9.1f %-2s |\n", r.what.c_str(), r.value, r.unit.c_str());
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--workspace") o.workspace = value;
    else if (key == "--steps") o.steps = std::max(1, std::atoi(value.c_str()));
    else if (key == "--parcels") o.parcels = std::max(0, std::atoi(value.c_str()));
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
  QApplication app(argc, argv);
  const Options options = parse(argc, argv);
  if (!std::filesystem::exists(options.workspace)) {
    std::fprintf(stderr, "no workspace %s (scripts/demo.sh builds it)\n", options.workspace.string().c_str());
    return 1;
  }

  // 1. Time to the first frame: the window, the layers read from the workspace, the frame.
  QElapsedTimer clock;
  clock.start();
  auto canvas = std::make_unique<zm::MapCanvas>();
  canvas->resize(options.size);
  canvas->show();
  std::vector<zm::MapLayer> layers = zm::load_region_layers(options.workspace);
  const double load_ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
  canvas->set_layers(layers);
  canvas->zoom_to_all();  // region zoom
  const auto first_render = wait_for_frame(*canvas);
  const double first_frame_ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
  if (!first_render) {
    std::fprintf(stderr, "no first frame\n");
    return 1;
  }
  std::size_t features = 0;
  std::vector<const zanplan::MapLayerData*> counted;  // parcels and candidates share their data
  for (const auto& l : layers) {
    if (std::find(counted.begin(), counted.end(), l.data.get()) != counted.end()) continue;
    counted.push_back(l.data.get());
    features += l.data->features.size();
  }
  std::printf("# %zu layers, %zu features; region view %.0f m/px\n", layers.size(), features,
              canvas->viewport().resolution());
  report("load_ms", load_ms, "ms", "load: window + read the workspace layers");
  report("first_render_ms", first_frame_ms - load_ms, "ms", "first frame after load (region zoom)");
  report("time_to_first_frame_ms", first_frame_ms, "ms", "time to first frame (load + render)");

  // 2. Panning at region zoom, then at city zoom (Lille, 4 m/px: parcels drawn).
  report_pan("pan_region", pan(*canvas, options.steps, {12, 4}), "pan at region zoom");
  const zanplan::MapPoint lille = zanplan::lon_lat_to_web_mercator({3.063, 50.630});
  canvas->set_viewport(zm::Viewport(options.size, QPointF(lille.x, lille.y), 4.0));
  settle(*canvas);
  report_pan("pan_city", pan(*canvas, options.steps, {12, 4}), "pan at city zoom (4 m/px)");
  report("peak_rss_demo_mib", peak_rss_mib(), "MiB", "peak RSS, demo workspace");

  // 3. A full basemap cache: 24 × 16 tiles of zoom 15 around Lille (96 MiB decoded) read
  // from an MBTiles file into a fetcher with the default 64 MiB budget.
  {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.mbtiles"));
    const int z = 15, columns = 24, rows = 16;
    const double world = 2 * zm::web_mercator_half_world;
    const int cx = static_cast<int>((lille.x + zm::web_mercator_half_world) / world * (1 << z));
    const int cy = static_cast<int>((zm::web_mercator_half_world - lille.y) / world * (1 << z));
    if (!write_mbtiles(path, z, cx - columns / 2, cy - rows / 2, columns, rows)) {
      std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
      return 1;
    }
    zm::TileSourceConfig config;
    config.url_template.clear();
    config.mbtiles_path = path;
    config.attribution = QStringLiteral("bench tiles");
    zm::TileFetcher fetcher(config);
    std::vector<zm::TileKey> keys;
    for (int i = 0; i < columns; ++i) {
      for (int j = 0; j < rows; ++j) keys.push_back({z, cx - columns / 2 + i, cy - rows / 2 + j});
    }
    const double rss_before = current_rss_mib();
    int done = 0;
    QEventLoop loop;
    QObject::connect(&fetcher, &zm::TileFetcher::tileReady, &loop, [&] {
      if (++done == static_cast<int>(keys.size())) loop.quit();
    });
    QObject::connect(&fetcher, &zm::TileFetcher::tileFailed, &loop, [&] {
      if (++done == static_cast<int>(keys.size())) loop.quit();
    });
    QElapsedTimer fill;
    fill.start();
    fetcher.request(keys);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    const double fill_ms = static_cast<double>(fill.nsecsElapsed()) / 1e6;
    const auto stats = fetcher.stats();
    std::printf("# basemap: %d of %zu tiles in memory after %d delivered\n", stats.memory_tiles, keys.size(), done);
    report("basemap_fill_ms", fill_ms, "ms", "fill the tile cache (384 MBTiles tiles)");
    report("basemap_cache_mib", static_cast<double>(stats.memory_bytes) / (1024.0 * 1024.0), "MiB",
           "tile memory cache, stats().memory_bytes");
    report("basemap_rss_delta_mib", current_rss_mib() - rss_before, "MiB", "RSS growth while filling it");
    // Panning at city zoom over the basemap (tiles from the cache, or read again).
    canvas->set_basemap(&fetcher);
    canvas->set_viewport(zm::Viewport(options.size, QPointF(lille.x, lille.y), 4.0));
    settle(*canvas);
    report_pan("pan_city_basemap", pan(*canvas, options.steps, {12, 4}), "pan at city zoom with basemap");
    canvas->set_basemap(nullptr);
    settle(*canvas);
  }

  // 4. Scale: one million synthetic parcels over the region, drawn at region zoom.
  if (options.parcels > 0) {
    zanplan::MapBounds region;
    for (const auto& l : layers) {
      if (l.id == zm::kCommunes) region = l.data->bounds;
    }
    QElapsedTimer generate;
    generate.start();
    zm::MapLayer parcels;
    parcels.id = QStringLiteral("synthetic_parcels");
    parcels.title = QStringLiteral("Synthetic parcels");
    parcels.data = synthetic_parcels(options.parcels, region);
    parcels.synthetic = true;
    parcels.style.fill = QColor(170, 210, 140, 110);
    parcels.style.stroke = QColor(90, 90, 90, 140);
    parcels.style.stroke_width = 0.5;
    std::printf("# %d synthetic parcels generated in %.0f ms\n", options.parcels,
                static_cast<double>(generate.nsecsElapsed()) / 1e6);
    std::vector<zm::MapLayer> big = {layers.front(), parcels};  // communes and the parcels
    canvas->set_layers(big);
    canvas->zoom_to_all();
    if (!wait_for_frame(*canvas)) return 1;
    const std::vector<double> frames = pan(*canvas, std::min(options.steps, 20), {12, 4});
    report("parcels_1m_region_median_ms", percentile(frames, 0.5), "ms",
           "median frame, " + std::to_string(options.parcels) + " parcels at region zoom");
    zm::RenderStats stats;
    zm::render_map(canvas->snapshot(), nullptr, &stats);
    std::printf("# synthetic parcels at %.0f m/px: %zu features as dots, %zu drawn, %zu vertices\n", canvas->viewport().resolution(),
                stats.features_as_dots, stats.features_drawn, stats.vertices_drawn);
    report("peak_rss_1m_mib", peak_rss_mib(), "MiB", "peak RSS with the synthetic parcels");
  }

  print_table(options);
  canvas.reset();
  return 0;
}
