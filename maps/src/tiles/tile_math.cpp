// XYZ tile arithmetic in Web Mercator (EPSG:3857) and tile URLs.
#include "zanplan/maps/tiles.hpp"

#include <QCryptographicHash>
#include <QHashFunctions>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

namespace zanplan::maps {

QString TileKey::text() const { return QStringLiteral("%1/%2/%3").arg(z).arg(x).arg(y); }

bool TileKey::valid() const noexcept {
  if (z < 0 || z > max_supported_zoom) {
    return false;
  }
  const int n = 1 << z;
  return x >= 0 && y >= 0 && x < n && y < n;
}

size_t qHash(const TileKey& key, size_t seed) noexcept { return qHashMulti(seed, key.z, key.x, key.y); }

namespace {

double tile_size_metres(int z) { return 2.0 * web_mercator_half_world / std::ldexp(1.0, z); }

}  // namespace

double tile_resolution(int z) { return tile_size_metres(z) / tile_pixels; }

std::vector<TileKey> tiles_covering(double min_x, double min_y, double max_x, double max_y, int z) {
  if (z < 0 || z > max_supported_zoom) {
    return {};
  }
  if (!std::isfinite(min_x) || !std::isfinite(min_y) || !std::isfinite(max_x) || !std::isfinite(max_y)) {
    return {};
  }
  const double h = web_mercator_half_world;
  if (min_x > max_x || min_y > max_y || max_x < -h || min_x > h || max_y < -h || min_y > h) {
    return {};
  }
  min_x = std::clamp(min_x, -h, h);
  max_x = std::clamp(max_x, -h, h);
  min_y = std::clamp(min_y, -h, h);
  max_y = std::clamp(max_y, -h, h);

  const double size = tile_size_metres(z);
  const int last = (1 << z) - 1;
  const auto index = [last](double v) { return std::clamp(static_cast<int>(v), 0, last); };
  // A tile whose west (north) edge is the rectangle's east (south) edge only touches it.
  const int x0 = index(std::floor((min_x + h) / size));
  const int x1 = std::max(x0, index(std::ceil((max_x + h) / size) - 1.0));
  const int y0 = index(std::floor((h - max_y) / size));
  const int y1 = std::max(y0, index(std::ceil((h - min_y) / size) - 1.0));

  std::vector<TileKey> keys;
  keys.reserve(static_cast<size_t>(x1 - x0 + 1) * static_cast<size_t>(y1 - y0 + 1));
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      keys.push_back(TileKey{z, x, y});
    }
  }
  // From the centre outwards, in tile units.
  const double cx = ((min_x + max_x) / 2.0 + h) / size;
  const double cy = (h - (min_y + max_y) / 2.0) / size;
  const auto distance = [cx, cy](const TileKey& k) {
    const double dx = k.x + 0.5 - cx;
    const double dy = k.y + 0.5 - cy;
    return dx * dx + dy * dy;
  };
  std::stable_sort(keys.begin(), keys.end(),
                   [&distance](const TileKey& a, const TileKey& b) { return distance(a) < distance(b); });
  return keys;
}

std::array<double, 4> tile_bounds(const TileKey& key) {
  const double h = web_mercator_half_world;
  const double size = tile_size_metres(key.z);
  const double min_x = -h + key.x * size;
  const double max_y = h - key.y * size;
  return {min_x, max_y - size, min_x + size, max_y};
}

int zoom_for_resolution(double metres_per_pixel, int max_zoom) {
  const int top = std::clamp(max_zoom, 0, max_supported_zoom);
  if (std::isnan(metres_per_pixel) || metres_per_pixel <= 0.0) {
    return top;
  }
  // The first (coarsest) zoom whose pixels are at most metres_per_pixel; the tolerance keeps
  // a resolution computed from tile_resolution(z) at z despite rounding.
  for (int z = 0; z < top; ++z) {
    if (tile_resolution(z) <= metres_per_pixel * (1.0 + 1e-9)) {
      return z;
    }
  }
  return top;
}

QUrl tile_url(const QString& url_template, const TileKey& key) {
  static const char subdomains[] = {'a', 'b', 'c'};
  const int tms_y = key.z >= 0 && key.z <= max_supported_zoom ? (1 << key.z) - 1 - key.y : key.y;
  const auto subdomain = static_cast<size_t>(((key.x + key.y) % 3 + 3) % 3);
  QString url = url_template;
  url.replace(QLatin1String("{z}"), QString::number(key.z))
      .replace(QLatin1String("{x}"), QString::number(key.x))
      .replace(QLatin1String("{-y}"), QString::number(tms_y))
      .replace(QLatin1String("{y}"), QString::number(key.y))
      .replace(QLatin1String("{s}"), QString(QLatin1Char(subdomains[subdomain])));
  return QUrl{url};
}

QString default_disk_cache_dir(const QString& url_template) {
  QString host = QUrl(url_template).host();
  if (host.isEmpty()) {
    host = QStringLiteral("local");
  }
  const QByteArray hash =
      QCryptographicHash::hash(url_template.toUtf8(), QCryptographicHash::Sha1).toHex().left(8);
  return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/tiles/") + host +
         QLatin1Char('-') + QString::fromLatin1(hash);
}

}  // namespace zanplan::maps
