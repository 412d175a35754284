// Basemap tiles: the tile arithmetic, and the fetcher against a tile server running in this
// process on 127.0.0.1 (no internet needed) and against an MBTiles file.
#include "zanplan/maps/tiles.hpp"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <ostream>
#include <set>
#include <utility>
#include <vector>

namespace zm = zanplan::maps;

// Readable QString values in failure messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& text, std::ostream* out) { *out << '"' << text.toStdString() << '"'; }
QT_END_NAMESPACE

namespace {

constexpr double h = zm::web_mercator_half_world;

// Each served tile is one flat colour that encodes its key.
QRgb key_colour(const zm::TileKey& key) { return qRgb(40 + 10 * key.z, key.x % 256, key.y % 256); }

QByteArray tile_png(const zm::TileKey& key) {
  QImage image(256, 256, QImage::Format_RGB32);
  image.fill(key_colour(key));
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return bytes;
}

QString tile_path(const zm::TileKey& key) {
  return QStringLiteral("/%1/%2/%3.png").arg(key.z).arg(key.x).arg(key.y);
}

std::optional<zm::TileKey> key_of_path(const QString& path) {
  if (!path.startsWith(QLatin1Char('/')) || !path.endsWith(QLatin1String(".png"))) {
    return std::nullopt;
  }
  const QStringList parts = path.mid(1, path.size() - 5).split(QLatin1Char('/'));
  if (parts.size() != 3) {
    return std::nullopt;
  }
  return zm::TileKey{parts[0].toInt(), parts[1].toInt(), parts[2].toInt()};
}

// A minimal HTTP/1.1 tile server: GET /z/x/y.png, one request per connection.
class TileServer {
 public:
  enum class Mode { normal, slow, held, failing, flaky, not_found };

  explicit TileServer(Mode mode, int flaky_failures = 2) : mode_(mode), flaky_failures_(flaky_failures) {
    QObject::connect(&server_, &QTcpServer::newConnection, &server_, [this] { accept(); });
    listening_ = server_.listen(QHostAddress::LocalHost, 0);
  }

  [[nodiscard]] bool listening() const { return listening_; }
  [[nodiscard]] QString url_template() const {
    return QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(server_.serverPort());
  }
  [[nodiscard]] int requests(const zm::TileKey& key) const { return counts_.value(tile_path(key)); }
  [[nodiscard]] int total_requests() const { return total_; }
  [[nodiscard]] const QByteArray& last_user_agent() const { return user_agent_; }
  int slow_ms = 800;

  // Mode::held: answers wait until the test lets them go, then every later one is at once.
  void release() {
    released_ = true;
    for (auto& [socket, key] : held_) {
      if (socket) reply(socket, 200, "OK", tile_png(key));
    }
    held_.clear();
  }

 private:
  void accept() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
      QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      auto received = std::make_shared<QByteArray>();
      QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
        received->append(socket->readAll());
        const qsizetype end = received->indexOf("\r\n\r\n");
        if (end < 0) {
          return;
        }
        const QList<QByteArray> lines = received->left(end).split('\n');
        received->clear();
        for (const QByteArray& line : lines) {
          if (line.toLower().startsWith("user-agent:")) {
            user_agent_ = line.mid(11).trimmed();
          }
        }
        const QList<QByteArray> request_line = lines.value(0).trimmed().split(' ');
        answer(socket, QString::fromLatin1(request_line.value(1)));
      });
    }
  }

  void answer(QTcpSocket* socket, const QString& path) {
    const int count = ++counts_[path];
    ++total_;
    const std::optional<zm::TileKey> key = key_of_path(path);
    if (!key) {
      reply(socket, 400, "Bad Request", {});
      return;
    }
    switch (mode_) {
      case Mode::normal:
        reply(socket, 200, "OK", tile_png(*key));
        break;
      case Mode::slow:
        QTimer::singleShot(slow_ms, socket, [socket, k = *key] { reply(socket, 200, "OK", tile_png(k)); });
        break;
      case Mode::held:
        if (released_) {
          reply(socket, 200, "OK", tile_png(*key));
        } else {
          held_.emplace_back(socket, *key);
        }
        break;
      case Mode::failing:
        reply(socket, 500, "Internal Server Error", "boom");
        break;
      case Mode::flaky:
        if (count <= flaky_failures_) {
          reply(socket, 500, "Internal Server Error", "boom");
        } else {
          reply(socket, 200, "OK", tile_png(*key));
        }
        break;
      case Mode::not_found:
        reply(socket, 404, "Not Found", "no such tile");
        break;
    }
  }

  static void reply(QTcpSocket* socket, int status, const char* reason, const QByteArray& body) {
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += status == 200 ? "Content-Type: image/png\r\n" : "Content-Type: text/plain\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    response += body;
    socket->write(response);
    socket->disconnectFromHost();
  }

  QTcpServer server_;
  bool listening_ = false;
  Mode mode_;
  int flaky_failures_;
  QHash<QString, int> counts_;
  int total_ = 0;
  QByteArray user_agent_;
  bool released_ = false;
  std::vector<std::pair<QPointer<QTcpSocket>, zm::TileKey>> held_;
};

zm::TileSourceConfig config_for(const TileServer& server) {
  zm::TileSourceConfig config;
  config.url_template = server.url_template();
  config.initial_backoff_ms = 20;
  config.timeout_ms = 3000;
  return config;
}

// The 2 x 3 tiles of zoom 3 around the middle of the world.
std::vector<zm::TileKey> view_keys() {
  std::vector<zm::TileKey> keys;
  for (int y = 3; y <= 4; ++y) {
    for (int x = 2; x <= 4; ++x) {
      keys.push_back({3, x, y});
    }
  }
  return keys;
}

zm::TileKey key_at(const QSignalSpy& spy, qsizetype i) { return spy.at(i).at(0).value<zm::TileKey>(); }

std::set<zm::TileKey> keys_of(const QSignalSpy& spy) {
  std::set<zm::TileKey> keys;
  for (qsizetype i = 0; i < spy.size(); ++i) {
    keys.insert(key_at(spy, i));
  }
  return keys;
}

// Web Mercator metres of a WGS84 point.
std::array<double, 2> mercator(double lon, double lat) {
  constexpr double radius = 6378137.0;
  const double to_rad = std::numbers::pi / 180.0;
  return {radius * lon * to_rad, radius * std::log(std::tan(std::numbers::pi / 4.0 + lat * to_rad / 2.0))};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Tile arithmetic

TEST(TileMath, ZoomZeroIsOneTileCoveringTheWorld) {
  EXPECT_EQ(zm::tiles_covering(-h, -h, h, h, 0), (std::vector<zm::TileKey>{{0, 0, 0}}));
  const auto bounds = zm::tile_bounds({0, 0, 0});
  EXPECT_DOUBLE_EQ(bounds[0], -h);
  EXPECT_DOUBLE_EQ(bounds[1], -h);
  EXPECT_DOUBLE_EQ(bounds[2], h);
  EXPECT_DOUBLE_EQ(bounds[3], h);
  // Zoom 1: four quadrants, y from the north: 1/1/0 is the north-east one.
  EXPECT_EQ(zm::tiles_covering(-h, -h, h, h, 1).size(), 4U);
  EXPECT_EQ(zm::tiles_covering(1000, 1000, 2000, 2000, 1), (std::vector<zm::TileKey>{{1, 1, 0}}));
  EXPECT_EQ(zm::tiles_covering(-2000, -2000, -1000, -1000, 1), (std::vector<zm::TileKey>{{1, 0, 1}}));
  const auto ne = zm::tile_bounds({1, 1, 0});
  EXPECT_DOUBLE_EQ(ne[0], 0.0);
  EXPECT_DOUBLE_EQ(ne[1], 0.0);
  EXPECT_DOUBLE_EQ(ne[2], h);
  EXPECT_DOUBLE_EQ(ne[3], h);
}

// Lille (lon 3.0573, lat 50.6292) at zoom 10, n = 2^10 = 1024, slippy-map formulas:
//   x = floor((lon + 180) / 360 * n) = floor(183.0573 / 360 * 1024) = floor(520.70) = 520
//   y = floor((1 - ln(tan(lat) + sec(lat)) / pi) / 2 * n)
//     tan(50.6292 deg) = 1.21869, sec(50.6292 deg) = 1.57645, ln(2.79514) = 1.02788
//     (1 - 1.02788 / 3.14159) / 2 * 1024 = (1 - 0.32719) / 2 * 1024 = 344.48 -> y = 344
// Check: row 344 spans latitudes 50.5134..50.7365 (north edge atan(sinh(pi * (1 - 2 * 344 / 1024)))),
// and row 342 would be 50.9584..51.1793, north of Lille. Column 520 spans 2.8125..3.1641 E.
// In metres: tile size 2h / 1024; min_x = h * (2 * 520 / 1024 - 1) = h * 16 / 1024,
// max_y = h * (1 - 2 * 344 / 1024) = h * 336 / 1024.
TEST(TileMath, LilleAtZoomTen) {
  const auto [x, y] = mercator(3.0573, 50.6292);
  EXPECT_NEAR(x, 340337.08, 0.01);
  EXPECT_NEAR(y, 6555963.75, 0.01);
  EXPECT_EQ(zm::tiles_covering(x, y, x, y, 10), (std::vector<zm::TileKey>{{10, 520, 344}}));
  EXPECT_EQ(zm::tiles_covering(x - 1, y - 1, x + 1, y + 1, 10), (std::vector<zm::TileKey>{{10, 520, 344}}));
  const auto bounds = zm::tile_bounds({10, 520, 344});
  EXPECT_NEAR(bounds[0], 313086.06785608194, 1e-6);
  EXPECT_NEAR(bounds[1], 6535671.666495711, 1e-6);
  EXPECT_NEAR(bounds[2], 352221.82633809216, 1e-6);
  EXPECT_NEAR(bounds[3], 6574807.424977721, 1e-6);
}

TEST(TileMath, CoveringClipsToTheWorldAndIgnoresTouchingTiles) {
  // Exactly one tile's bounds: its neighbours only touch it.
  const auto b = zm::tile_bounds({5, 10, 12});
  EXPECT_EQ(zm::tiles_covering(b[0], b[1], b[2], b[3], 5), (std::vector<zm::TileKey>{{5, 10, 12}}));
  // A rectangle reaching beyond the world is clipped: the whole zoom-2 world is 16 tiles.
  EXPECT_EQ(zm::tiles_covering(-3 * h, -3 * h, 3 * h, 3 * h, 2).size(), 16U);
  // Beyond the east edge only, and at the date line: only the last column.
  const auto east = zm::tiles_covering(h - 1000, -1000, h + 5000, 1000, 2);
  EXPECT_EQ(east, (std::vector<zm::TileKey>{{2, 3, 1}, {2, 3, 2}}));
  EXPECT_TRUE(zm::tiles_covering(2 * h, 0, 3 * h, 10, 3).empty());
  EXPECT_TRUE(zm::tiles_covering(0, 0, std::nan(""), 10, 3).empty());
  EXPECT_TRUE(zm::tiles_covering(10, 10, 0, 0, 3).empty());
  EXPECT_TRUE(zm::tiles_covering(0, 0, 1, 1, -1).empty());
  EXPECT_TRUE(zm::tiles_covering(0, 0, 1, 1, zm::max_supported_zoom + 1).empty());
  // 3 x 3 tiles around 4/8/8: the centre tile comes first, the corners last.
  const auto c = zm::tile_bounds({4, 8, 8});
  const double s = c[2] - c[0];
  const auto around = zm::tiles_covering(c[0] - s / 2, c[1] - s / 2, c[2] + s / 2, c[3] + s / 2, 4);
  ASSERT_EQ(around.size(), 9U);
  EXPECT_EQ(around.front(), (zm::TileKey{4, 8, 8}));
  for (size_t i = 5; i < 9; ++i) {
    EXPECT_TRUE(around[i].x != 8 && around[i].y != 8) << around[i].text().toStdString();
  }
}

TEST(TileMath, ZoomForResolution) {
  const double r0 = 2 * h / 256;  // 156543.034 m per pixel at zoom 0
  EXPECT_NEAR(zm::tile_resolution(0), r0, 1e-9);
  EXPECT_NEAR(zm::tile_resolution(10), r0 / 1024, 1e-9);
  EXPECT_EQ(zm::zoom_for_resolution(r0, 19), 0);
  EXPECT_EQ(zm::zoom_for_resolution(r0 * 10, 19), 0);
  EXPECT_EQ(zm::zoom_for_resolution(r0 * 0.99, 19), 1);  // zoom 0 would be coarser
  EXPECT_EQ(zm::zoom_for_resolution(zm::tile_resolution(10), 19), 10);
  EXPECT_EQ(zm::zoom_for_resolution(zm::tile_resolution(10) * 1.5, 19), 10);  // 9 is coarser
  EXPECT_EQ(zm::zoom_for_resolution(zm::tile_resolution(10) * 0.7, 19), 11);
  // 10 m per pixel: zoom 14 has 156543.034 / 2^14 = 9.55 <= 10; zoom 13 has 19.1.
  EXPECT_EQ(zm::zoom_for_resolution(10.0, 19), 14);
  EXPECT_EQ(zm::zoom_for_resolution(0.01, 19), 19);
  EXPECT_EQ(zm::zoom_for_resolution(0.01, 12), 12);
  EXPECT_EQ(zm::zoom_for_resolution(0.0, 19), 19);
  EXPECT_EQ(zm::zoom_for_resolution(-5.0, 19), 19);
}

TEST(TileMath, UrlTemplateAndKeys) {
  const zm::TileKey key{3, 4, 1};
  EXPECT_EQ(key.text(), QStringLiteral("3/4/1"));
  EXPECT_EQ(zm::tile_url(QStringLiteral("https://{s}.tile.example.org/{z}/{x}/{y}.png"), key).toString(),
            QStringLiteral("https://c.tile.example.org/3/4/1.png"));  // subdomain (4 + 1) % 3 = 2
  EXPECT_EQ(zm::tile_url(QStringLiteral("http://tms.example.org/{z}/{x}/{-y}.jpg"), key).toString(),
            QStringLiteral("http://tms.example.org/3/4/6.jpg"));
  EXPECT_TRUE(key.valid());
  EXPECT_FALSE((zm::TileKey{3, 8, 0}.valid()));
  EXPECT_FALSE((zm::TileKey{-1, 0, 0}.valid()));
  EXPECT_LT((zm::TileKey{3, 4, 1}), (zm::TileKey{3, 4, 2}));
  EXPECT_EQ(zm::qHash(key, 7), zm::qHash(zm::TileKey{3, 4, 1}, 7));
  const QString dir = zm::default_disk_cache_dir(zm::TileSourceConfig{}.url_template);
  EXPECT_TRUE(dir.contains(QStringLiteral("/tiles/tile.openstreetmap.org-"))) << dir.toStdString();
}

// ---------------------------------------------------------------------------------------------
// Fetcher against the local server

TEST(TileFetcher, LoadsAViewThenServesItFromMemory) {
  TileServer server(TileServer::Mode::normal);
  ASSERT_TRUE(server.listening());
  zm::TileFetcher fetcher(config_for(server));
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);
  const auto keys = view_keys();

  fetcher.request(keys);
  EXPECT_EQ(ready.size(), 0);  // never synchronously
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 6; }, 5000));
  EXPECT_EQ(failed.size(), 0);
  EXPECT_EQ(keys_of(ready), std::set<zm::TileKey>(keys.begin(), keys.end()));
  EXPECT_EQ(server.last_user_agent(), QByteArray("zanplan-map/0.1"));
  for (const auto& key : keys) {
    const std::optional<QImage> image = fetcher.tile(key);
    ASSERT_TRUE(image.has_value()) << key.text().toStdString();
    EXPECT_EQ(image->size(), QSize(256, 256));
    EXPECT_EQ(image->pixel(128, 128), key_colour(key)) << key.text().toStdString();
    EXPECT_EQ(server.requests(key), 1);
  }
  EXPECT_EQ(fetcher.stats().memory_hits, 6);
  EXPECT_EQ(fetcher.stats().network_requests, 6);

  // The same view again: memory only.
  fetcher.request(keys);
  for (const auto& key : keys) {
    EXPECT_TRUE(fetcher.tile(key).has_value());
  }
  QTest::qWait(100);
  EXPECT_EQ(server.total_requests(), 6);
  EXPECT_EQ(ready.size(), 6);
  const auto stats = fetcher.stats();
  EXPECT_EQ(stats.memory_hits, 12);
  EXPECT_EQ(stats.memory_misses, 0);
  EXPECT_EQ(stats.memory_tiles, 6);
  EXPECT_EQ(stats.memory_bytes, 6 * 256 * 256 * 4);
}

TEST(TileFetcher, TileMissSchedulesAndInvalidKeysFail) {
  TileServer server(TileServer::Mode::normal);
  zm::TileFetcher fetcher(config_for(server));
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);
  const zm::TileKey key{5, 16, 10};
  EXPECT_FALSE(fetcher.tile(key).has_value());
  EXPECT_FALSE(fetcher.tile(key).has_value());  // pending: not asked twice
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 1; }, 5000));
  EXPECT_EQ(key_at(ready, 0), key);
  EXPECT_TRUE(fetcher.tile(key).has_value());
  EXPECT_EQ(server.requests(key), 1);
  EXPECT_EQ(fetcher.stats().memory_misses, 2);
  EXPECT_EQ(fetcher.stats().memory_hits, 1);

  EXPECT_FALSE(fetcher.tile({3, 8, 0}).has_value());   // x out of range
  EXPECT_FALSE(fetcher.tile({20, 0, 0}).has_value());  // beyond max_zoom 19
  EXPECT_EQ(failed.size(), 0);
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.size() == 2; }, 2000));
  EXPECT_EQ(server.total_requests(), 1);
}

TEST(TileFetcher, DiskCacheServesANewFetcherWithoutTheNetwork) {
  TileServer server(TileServer::Mode::normal);
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  auto config = config_for(server);
  config.disk_cache_dir = dir.path() + QStringLiteral("/cache");
  const auto keys = view_keys();
  {
    zm::TileFetcher fetcher(config);
    QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
    fetcher.request(keys);
    ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 6; }, 5000));
    EXPECT_EQ(fetcher.stats().disk_hits, 0);
  }
  EXPECT_EQ(server.total_requests(), 6);
  for (const auto& key : keys) {
    const QString file =
        QStringLiteral("%1/%2/%3/%4.png").arg(config.disk_cache_dir).arg(key.z).arg(key.x).arg(key.y);
    EXPECT_TRUE(QFile::exists(file)) << file.toStdString();
  }
  // Nothing but the tiles: the temporary files were renamed.
  int files = 0;
  QDirIterator it(config.disk_cache_dir, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    EXPECT_TRUE(it.next().endsWith(QLatin1String(".png")));
    ++files;
  }
  EXPECT_EQ(files, 6);

  zm::TileFetcher second(config);
  QSignalSpy ready(&second, &zm::TileFetcher::tileReady);
  second.request(keys);
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 6; }, 5000));
  EXPECT_EQ(server.total_requests(), 6);
  for (const auto& key : keys) {
    const auto image = second.tile(key);
    ASSERT_TRUE(image.has_value());
    EXPECT_EQ(image->pixel(10, 10), key_colour(key));
  }
  EXPECT_EQ(second.stats().disk_hits, 6);
  EXPECT_EQ(second.stats().network_requests, 0);
}

TEST(TileFetcher, DamagedDiskCacheFileIsDownloadedAgain) {
  TileServer server(TileServer::Mode::normal);
  QTemporaryDir dir;
  auto config = config_for(server);
  config.disk_cache_dir = dir.path();
  const zm::TileKey key{2, 1, 1};
  ASSERT_TRUE(QDir().mkpath(dir.filePath(QStringLiteral("2/1"))));
  QFile damaged(dir.filePath(QStringLiteral("2/1/1.png")));
  ASSERT_TRUE(damaged.open(QIODevice::WriteOnly));
  damaged.write("not a png");
  damaged.close();

  zm::TileFetcher fetcher(config);
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  fetcher.request({key});
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 1; }, 5000));
  EXPECT_EQ(server.requests(key), 1);
  EXPECT_EQ(fetcher.tile(key)->pixel(0, 0), key_colour(key));
  QImage rewritten(dir.filePath(QStringLiteral("2/1/1.png")));
  EXPECT_EQ(rewritten.pixel(0, 0), key_colour(key));
}

TEST(TileFetcher, SlowSourceDoesNotBlockTheEventLoop) {
  // The server answers only when the test lets it: a source as slow as the test wants, on
  // any machine. It runs on this thread, so a fetcher that waited for an answer inside
  // request() would never return.
  TileServer server(TileServer::Mode::held);
  zm::TileFetcher fetcher(config_for(server));
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  int ticks = 0;
  QTimer ticker;
  ticker.setInterval(5);
  QObject::connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
  ticker.start();

  fetcher.request(view_keys());  // 6 tiles, 4 at a time
  // The first four requests wait at the server while the event loop goes on.
  ASSERT_TRUE(QTest::qWaitFor([&] { return server.total_requests() == 4 && ticks >= 20; }, 10000));
  EXPECT_EQ(ready.size(), 0);
  server.release();
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 6; }, 10000));
  ticker.stop();
  EXPECT_EQ(server.total_requests(), 6);
}

TEST(TileFetcher, FailingSourceGivesUpAfterRetries) {
  TileServer server(TileServer::Mode::failing);
  auto config = config_for(server);
  config.max_retries = 3;
  zm::TileFetcher fetcher(config);
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);
  const zm::TileKey key{4, 3, 5};

  fetcher.request({key});
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.size() == 1; }, 5000));
  EXPECT_EQ(key_at(failed, 0), key);
  const QString reason = failed.at(0).at(1).toString();
  EXPECT_TRUE(reason.contains(QLatin1String("500"))) << reason.toStdString();
  EXPECT_TRUE(reason.contains(QLatin1String("after 3 retries"))) << reason.toStdString();
  EXPECT_EQ(server.requests(key), 4);
  auto stats = fetcher.stats();
  EXPECT_EQ(stats.retries, 3);
  EXPECT_EQ(stats.network_requests, 4);
  EXPECT_EQ(stats.network_failures, 4);
  EXPECT_EQ(stats.failed_tiles, 1);
  EXPECT_EQ(ready.size(), 0);

  // Failed for good: asking again does not reach the server.
  EXPECT_FALSE(fetcher.tile(key).has_value());
  fetcher.request({key});
  QTest::qWait(300);
  EXPECT_EQ(server.requests(key), 4);
  EXPECT_EQ(failed.size(), 1);

  // Until the failures are forgotten.
  fetcher.forget_failures();
  EXPECT_EQ(fetcher.stats().failed_tiles, 0);
  fetcher.request({key});
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.size() == 2; }, 5000));
  EXPECT_EQ(server.requests(key), 8);
}

TEST(TileFetcher, FlakySourceSucceedsAfterRetries) {
  TileServer server(TileServer::Mode::flaky, 2);
  zm::TileFetcher fetcher(config_for(server));
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);
  const std::vector<zm::TileKey> keys{{6, 10, 20}, {6, 11, 20}};

  fetcher.request(keys);
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 2; }, 5000));
  EXPECT_EQ(failed.size(), 0);
  for (const auto& key : keys) {
    EXPECT_EQ(server.requests(key), 3);
    EXPECT_EQ(fetcher.tile(key)->pixel(5, 5), key_colour(key));
  }
  const auto stats = fetcher.stats();
  EXPECT_EQ(stats.retries, 4);
  EXPECT_EQ(stats.network_requests, 6);
  EXPECT_EQ(stats.network_failures, 4);
  EXPECT_EQ(stats.failed_tiles, 0);
}

TEST(TileFetcher, NotFoundIsNotRetried) {
  TileServer server(TileServer::Mode::not_found);
  zm::TileFetcher fetcher(config_for(server));
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);
  const zm::TileKey key{7, 64, 43};
  fetcher.request({key});
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.size() == 1; }, 5000));
  const QString reason = failed.at(0).at(1).toString();
  EXPECT_TRUE(reason.contains(QLatin1String("404"))) << reason.toStdString();
  QTest::qWait(150);
  EXPECT_EQ(server.requests(key), 1);
  EXPECT_EQ(fetcher.stats().retries, 0);
}

TEST(TileFetcher, TimeoutIsRetriedThenFails) {
  TileServer server(TileServer::Mode::slow);
  server.slow_ms = 1500;
  auto config = config_for(server);
  config.timeout_ms = 200;
  config.max_retries = 1;
  zm::TileFetcher fetcher(config);
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);
  const zm::TileKey key{3, 1, 1};
  fetcher.request({key});
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.size() == 1; }, 5000));
  const QString reason = failed.at(0).at(1).toString();
  EXPECT_TRUE(reason.contains(QLatin1String("timed out"))) << reason.toStdString();
  EXPECT_EQ(server.requests(key), 2);
  EXPECT_EQ(fetcher.stats().retries, 1);
}

TEST(TileFetcher, UnreachableSourceFailsWithAReason) {
  quint16 port = 0;
  {
    QTcpServer closed;  // a port nobody listens on any more
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    port = closed.serverPort();
  }
  zm::TileSourceConfig config;
  config.url_template = QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(port);
  config.initial_backoff_ms = 10;
  config.max_retries = 2;
  zm::TileFetcher fetcher(config);
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);
  fetcher.request(view_keys());
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.size() == 6; }, 5000));
  EXPECT_FALSE(failed.at(0).at(1).toString().isEmpty());
  EXPECT_EQ(fetcher.stats().network_requests, 18);
}

TEST(TileFetcher, NewViewDropsQueuedTilesOfTheOldOne) {
  TileServer server(TileServer::Mode::normal);
  auto config = config_for(server);
  config.max_parallel = 1;
  zm::TileFetcher fetcher(config);
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  const auto old_view = view_keys();
  const std::vector<zm::TileKey> new_view{{4, 1, 1}, {4, 2, 1}};

  fetcher.request(old_view);  // the first one starts, five wait
  fetcher.request(new_view);
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 3; }, 5000));
  QTest::qWait(100);
  EXPECT_EQ(server.total_requests(), 3);
  EXPECT_EQ(server.requests(old_view[0]), 1);  // it was in flight
  for (const auto& key : new_view) {
    EXPECT_EQ(server.requests(key), 1);
  }
  // Dropped tiles are not failures: the old view can be asked for again.
  fetcher.request(old_view);
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 8; }, 5000));
  EXPECT_EQ(server.total_requests(), 8);
}

TEST(TileFetcher, MemoryStaysWithinItsBudget) {
  TileServer server(TileServer::Mode::normal);
  auto config = config_for(server);
  constexpr qint64 tile_bytes = qint64{256} * 256 * 4;
  config.memory_budget_bytes = 3 * tile_bytes;
  zm::TileFetcher fetcher(config);
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  qint64 most_bytes = 0;
  int most_tiles = 0;
  QObject::connect(&fetcher, &zm::TileFetcher::tileReady, &fetcher, [&] {
    const auto stats = fetcher.stats();
    most_bytes = std::max(most_bytes, stats.memory_bytes);
    most_tiles = std::max(most_tiles, stats.memory_tiles);
  });
  const auto all = zm::tiles_covering(-h, -h, h, h, 2);
  ASSERT_EQ(all.size(), 16U);
  fetcher.request(all);
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 16; }, 5000));
  EXPECT_LE(most_bytes, config.memory_budget_bytes);
  EXPECT_EQ(most_tiles, 3);
  EXPECT_EQ(fetcher.stats().memory_bytes, 3 * tile_bytes);

  // Least recently used out: the last one is there, the first one was evicted and comes back.
  const zm::TileKey last = key_at(ready, 15);
  const zm::TileKey first = key_at(ready, 0);
  EXPECT_TRUE(fetcher.tile(last).has_value());
  EXPECT_FALSE(fetcher.tile(first).has_value());
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 17; }, 5000));
  EXPECT_EQ(server.requests(first), 2);
  EXPECT_TRUE(fetcher.tile(first).has_value());
  EXPECT_LE(fetcher.stats().memory_bytes, config.memory_budget_bytes);
}

// ---------------------------------------------------------------------------------------------
// MBTiles

namespace {

// An MBTiles file with two tiles of zoom 1, stored with TMS rows (row 0 is the south).
void write_mbtiles(const QString& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
  const char* schema =
      "CREATE TABLE metadata (name TEXT, value TEXT);"
      "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
      "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
      "INSERT INTO metadata VALUES ('name', 'test'), ('format', 'png'), ('minzoom', '1'), ('maxzoom', '1');";
  ASSERT_EQ(sqlite3_exec(db, schema, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_stmt* insert = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &insert, nullptr),
            SQLITE_OK);
  for (const zm::TileKey key : {zm::TileKey{1, 0, 0}, zm::TileKey{1, 0, 1}}) {
    const QByteArray png = tile_png(key);
    sqlite3_bind_int(insert, 1, key.z);
    sqlite3_bind_int(insert, 2, key.x);
    sqlite3_bind_int(insert, 3, (1 << key.z) - 1 - key.y);
    sqlite3_bind_blob(insert, 4, png.constData(), static_cast<int>(png.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(insert), SQLITE_DONE);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
}

}  // namespace

TEST(TileFetcher, ReadsMbtilesWithTmsRows) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("basemap.mbtiles"));
  write_mbtiles(path);
  zm::TileSourceConfig config;
  config.mbtiles_path = path;
  config.url_template = QStringLiteral("http://127.0.0.1:9/{z}/{x}/{y}.png");  // never used
  zm::TileFetcher fetcher(config);
  QSignalSpy ready(&fetcher, &zm::TileFetcher::tileReady);
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);

  const zm::TileKey north{1, 0, 0}, south{1, 0, 1}, missing{1, 1, 1};
  fetcher.request({north, south, missing});
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() == 2 && failed.size() == 1; }, 5000));
  // XYZ row 0 (north) is TMS row 1: the colour says which key was stored there.
  EXPECT_EQ(fetcher.tile(north)->pixel(1, 1), key_colour(north));
  EXPECT_EQ(fetcher.tile(south)->pixel(1, 1), key_colour(south));
  EXPECT_EQ(key_at(failed, 0), missing);
  EXPECT_TRUE(failed.at(0).at(1).toString().contains(QLatin1String("not in the MBTiles")))
      << failed.at(0).at(1).toString().toStdString();
  EXPECT_EQ(fetcher.stats().mbtiles_hits, 2);
  EXPECT_EQ(fetcher.stats().network_requests, 0);
}

TEST(TileFetcher, MissingMbtilesFileFailsEveryTile) {
  QTemporaryDir dir;
  zm::TileSourceConfig config;
  config.mbtiles_path = dir.filePath(QStringLiteral("absent.mbtiles"));
  zm::TileFetcher fetcher(config);
  QSignalSpy failed(&fetcher, &zm::TileFetcher::tileFailed);
  fetcher.request({{0, 0, 0}, {1, 0, 0}});
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.size() == 2; }, 5000));
  EXPECT_TRUE(failed.at(0).at(1).toString().contains(QLatin1String("cannot open")))
      << failed.at(0).at(1).toString().toStdString();
  EXPECT_FALSE(QFile::exists(config.mbtiles_path));  // opened read-only: not created
}

// ---------------------------------------------------------------------------------------------
// Lifetime

TEST(TileFetcher, DestroyedWithRequestsInFlight) {
  TileServer server(TileServer::Mode::slow);
  server.slow_ms = 500;
  QTemporaryDir dir;
  auto config = config_for(server);
  config.disk_cache_dir = dir.path();
  auto fetcher = std::make_unique<zm::TileFetcher>(config);
  int signals_after = 0;
  bool destroyed = false;
  QObject::connect(fetcher.get(), &zm::TileFetcher::tileReady, [&] { signals_after += destroyed ? 1 : 0; });
  fetcher->request(zm::tiles_covering(-h, -h, h, h, 3));  // 64 tiles, 4 in flight
  ASSERT_TRUE(QTest::qWaitFor([&] { return server.total_requests() >= 4; }, 5000));
  fetcher.reset();
  destroyed = true;
  QTest::qWait(800);  // the server answers into closed connections
  EXPECT_EQ(signals_after, 0);

  // Destroyed while tiles are being decoded and written to disk.
  TileServer quick(TileServer::Mode::normal);
  config = config_for(quick);
  config.disk_cache_dir = dir.path() + QStringLiteral("/quick");
  fetcher = std::make_unique<zm::TileFetcher>(config);
  QSignalSpy ready(fetcher.get(), &zm::TileFetcher::tileReady);
  fetcher->request(zm::tiles_covering(-h, -h, h, h, 4));
  ASSERT_TRUE(QTest::qWaitFor([&] { return ready.size() >= 1; }, 5000));
  fetcher.reset();
  QTest::qWait(100);
}
