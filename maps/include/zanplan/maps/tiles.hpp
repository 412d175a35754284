// Basemap tiles: XYZ tile arithmetic in Web Mercator and an asynchronous tile fetcher with a
// memory cache (LRU by decoded bytes), an optional disk cache, retries with exponential
// backoff, and an offline MBTiles source. See docs/basemap.md.
#pragma once

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <array>
#include <compare>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace zanplan::maps {

// Half the side of the Web Mercator (EPSG:3857) square world, in metres: pi * 6378137.
inline constexpr double web_mercator_half_world = 20037508.342789244;
// Side of a tile in pixels assumed by zoom_for_resolution.
inline constexpr int tile_pixels = 256;
// Highest zoom level the tile arithmetic accepts (x and y must fit an int).
inline constexpr int max_supported_zoom = 30;

// One tile of the XYZ scheme: Web Mercator, zoom z has 2^z x 2^z tiles, x from the west,
// y from the north.
struct TileKey {
  int z = 0, x = 0, y = 0;

  friend auto operator<=>(const TileKey&, const TileKey&) = default;  // NOLINT(modernize-use-nullptr)
  // "z/x/y"
  [[nodiscard]] QString text() const;
  // Whether 0 <= z <= max_supported_zoom and x, y are in [0, 2^z).
  [[nodiscard]] bool valid() const noexcept;
};
[[nodiscard]] size_t qHash(const TileKey& key, size_t seed = 0) noexcept;

struct TileSourceConfig {
  // {z} {x} {y}, optionally {-y} (TMS row, 2^z - 1 - y) and {s} (subdomain a, b or c).
  QString url_template = QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
  QString attribution = QStringLiteral("© OpenStreetMap contributors");
  // When set, tiles come from this MBTiles file (offline), not the network; no disk cache.
  QString mbtiles_path;
  // Empty: no disk cache. Tiles are stored as <dir>/<z>/<x>/<y>.png (temp file, then rename).
  QString disk_cache_dir;
  // Decoded QImage bytes kept in memory (LRU eviction); never less than one tile.
  qint64 memory_budget_bytes = 64LL << 20;
  int max_parallel = 4;          // concurrent network requests (at least 1)
  int timeout_ms = 10000;        // per request, without any byte received; 0: no timeout
  int max_retries = 3;           // after the first try, for network errors / 5xx / 408 / 429 / timeouts
  int initial_backoff_ms = 500;  // doubles each retry (capped at 60 s)
  QString user_agent = QStringLiteral("zanplan-map/0.1");  // the OSM tile policy requires one
  int max_zoom = 19;
};

// The keys of the tiles covering a Web Mercator rectangle (metres, EPSG:3857) at zoom z,
// clipped to the world, ordered from the rectangle's centre outwards (the order request()
// wants). A tile that only touches the rectangle's edge is not included. Empty when the
// rectangle is outside the world, not finite, or z is outside [0, max_supported_zoom].
// The caller keeps the count reasonable: it is the number of tiles in the rectangle.
[[nodiscard]] std::vector<TileKey> tiles_covering(double min_x, double min_y, double max_x, double max_y,
                                                  int z);
// The Web Mercator bounds (min_x, min_y, max_x, max_y) of a tile.
[[nodiscard]] std::array<double, 4> tile_bounds(const TileKey& key);
// Metres per pixel of 256-pixel tiles at zoom z.
[[nodiscard]] double tile_resolution(int z);
// The zoom level whose tile resolution (m per pixel at 256 px tiles) is closest to but not
// coarser than `metres_per_pixel`, clamped to [0, max_zoom].
[[nodiscard]] int zoom_for_resolution(double metres_per_pixel, int max_zoom);
// The URL of a tile for a source's url_template (placeholders as in TileSourceConfig).
[[nodiscard]] QUrl tile_url(const QString& url_template, const TileKey& key);
// A per-source disk cache folder under the user's cache location:
// <QStandardPaths::CacheLocation>/tiles/<host>-<hash of the template>.
[[nodiscard]] QString default_disk_cache_dir(const QString& url_template);

// Fetches, decodes and caches basemap tiles on the Qt event loop of the thread that owns
// it. Network requests go through a QNetworkAccessManager; disk-cache reads, MBTiles reads,
// decoding and disk-cache writes run on a small private thread pool. Nothing blocks.
class TileFetcher : public QObject {
  Q_OBJECT

 public:
  explicit TileFetcher(TileSourceConfig config, QObject* parent = nullptr);
  ~TileFetcher() override;
  TileFetcher(const TileFetcher&) = delete;
  TileFetcher& operator=(const TileFetcher&) = delete;

  // The configuration in use (limits normalised: max_parallel >= 1, max_zoom in
  // [0, max_supported_zoom], negative values as 0).
  [[nodiscard]] const TileSourceConfig& config() const;

  // The decoded tile if it is in the memory cache (counts a hit), else std::nullopt (counts a
  // miss) and the tile is scheduled: disk cache first, then the source; tileReady is emitted
  // when it arrives. Never blocks, never emits synchronously.
  std::optional<QImage> tile(const TileKey& key);

  // Schedule several tiles (e.g. the view), most important first; tiles already cached,
  // pending or failed-for-good are skipped. Network requests queued for an earlier call and
  // not started yet are dropped unless `keys` lists them again; requests in flight and
  // retries already scheduled continue.
  void request(const std::vector<TileKey>& keys);

  // Forget the tiles that failed for good so that they can be requested again (e.g. after
  // the connection came back, or on a user's "reload").
  void forget_failures();

  struct Stats {
    qint64 memory_hits = 0, memory_misses = 0;
    qint64 disk_hits = 0;         // tiles decoded from the disk cache
    qint64 mbtiles_hits = 0;      // tiles decoded from the MBTiles file
    qint64 network_requests = 0;  // every try, retries included
    qint64 network_failures = 0;  // tries that failed (error, bad status, timeout, undecodable)
    qint64 retries = 0;
    qint64 memory_bytes = 0;  // decoded bytes in the memory cache
    int memory_tiles = 0;
    int failed_tiles = 0;  // tiles currently remembered as failed for good
  };
  [[nodiscard]] Stats stats() const;

 signals:
  void tileReady(zanplan::maps::TileKey key);
  // After the last retry, or 404 (any 4xx but 408/429) / undecodable / missing in MBTiles.
  void tileFailed(zanplan::maps::TileKey key, QString reason);

 private:
  struct Impl;
  std::unique_ptr<Impl> d_;
};

}  // namespace zanplan::maps

Q_DECLARE_METATYPE(zanplan::maps::TileKey)
