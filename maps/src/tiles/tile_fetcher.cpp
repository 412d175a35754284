// TileFetcher: memory cache -> disk cache or MBTiles -> network, all asynchronous.
#include "tiles/mbtiles_reader.hpp"
#include "zanplan/maps/tiles.hpp"

#include <QCache>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <deque>
#include <functional>
#include <limits>

namespace zanplan::maps {

namespace {

constexpr int max_backoff_ms = 60'000;

// What a job of the thread pool hands back to the fetcher's thread.
struct LoadResult {
  QImage image;  // not null on success
  QString error;
};

QImage decode(const QByteArray& bytes) {
  QImage image;
  if (bytes.isEmpty() || !image.loadFromData(bytes)) {
    return {};
  }
  // The formats QPainter draws fastest.
  const QImage::Format format =
      image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32;
  if (image.format() != format) {
    image.convertTo(format);
  }
  return image;
}

QString disk_path(const QString& dir, const TileKey& key) {
  return QStringLiteral("%1/%2/%3/%4.png").arg(dir).arg(key.z).arg(key.x).arg(key.y);
}

LoadResult load_from_disk(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return {};  // not cached
  }
  QImage image = decode(file.readAll());
  if (image.isNull()) {
    return {.error = QStringLiteral("undecodable disk cache file %1").arg(path)};
  }
  return {.image = std::move(image)};
}

// Temp file in the same folder, then rename: a reader never sees a partial tile.
void write_atomically(const QString& path, const QByteArray& bytes) {
  if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
    return;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return;
  }
  if (file.write(bytes) != bytes.size()) {
    file.cancelWriting();
  }
  file.commit();
}

LoadResult decode_and_store(const QByteArray& bytes, const QString& path) {
  QImage image = decode(bytes);
  if (image.isNull()) {
    return {.error = QStringLiteral("undecodable image (%1 bytes)").arg(bytes.size())};
  }
  if (!path.isEmpty()) {
    write_atomically(path, bytes);
  }
  return {.image = std::move(image)};
}

LoadResult load_from_mbtiles(detail::MbtilesReader& reader, const TileKey& key) {
  detail::MbtilesReader::Lookup lookup = reader.read(key);
  if (!lookup.error.isEmpty()) {
    return {.error = lookup.error};
  }
  if (!lookup.data) {
    return {.error = QStringLiteral("tile %1 is not in the MBTiles file").arg(key.text())};
  }
  QImage image = decode(*lookup.data);
  if (image.isNull()) {
    return {
        .error =
            QStringLiteral("undecodable MBTiles tile %1 (only raster tiles are supported)").arg(key.text())};
  }
  return {.image = std::move(image)};
}

// 4xx other than 408 (timeout) and 429 (too many requests), and errors that no retry mends.
bool permanent_failure(QNetworkReply::NetworkError error, int status) {
  if (status != 0) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }
  switch (error) {
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
      return true;
    default:
      return false;
  }
}

TileSourceConfig normalised(TileSourceConfig config) {
  config.max_parallel = std::max(config.max_parallel, 1);
  config.timeout_ms = std::max(config.timeout_ms, 0);
  config.max_retries = std::max(config.max_retries, 0);
  config.initial_backoff_ms = std::max(config.initial_backoff_ms, 0);
  config.memory_budget_bytes = std::max<qint64>(config.memory_budget_bytes, 0);
  config.max_zoom = std::clamp(config.max_zoom, 0, max_supported_zoom);
  return config;
}

}  // namespace

struct TileFetcher::Impl {
  enum class Stage { local, queued, in_flight, waiting_retry, decoding };
  struct Pending {
    Stage stage = Stage::queued;
    int retries_done = 0;
  };

  TileFetcher* q;
  TileSourceConfig config;
  QNetworkAccessManager* network = nullptr;  // child of q; none for an MBTiles source
  std::shared_ptr<detail::MbtilesReader> mbtiles;
  QThreadPool pool;
  QCache<TileKey, QImage> memory;
  QHash<TileKey, Pending> pending;  // every tile being loaded, whatever its stage
  QHash<TileKey, QString> failed;   // failed for good, with the reason
  std::deque<TileKey> queue;        // waiting for a network slot, first served first
  QHash<QNetworkReply*, TileKey> in_flight;
  Stats counters;

  Impl(TileFetcher* owner, TileSourceConfig source) : q(owner), config(normalised(std::move(source))) {
    memory.setMaxCost(static_cast<qsizetype>(config.memory_budget_bytes));
    pool.setMaxThreadCount(2);
    if (!config.mbtiles_path.isEmpty()) {
      mbtiles = std::make_shared<detail::MbtilesReader>(config.mbtiles_path);
    } else {
      network = new QNetworkAccessManager(q);
    }
  }

  // Runs `job` on the pool and `done` with its result on the fetcher's thread (unless the
  // fetcher is gone by then).
  void run_job(std::function<LoadResult()> job, std::function<void(const LoadResult&)> done) {
    auto* watcher = new QFutureWatcher<LoadResult>(q);
    QObject::connect(watcher, &QFutureWatcherBase::finished, q, [watcher, done = std::move(done)] {
      watcher->deleteLater();
      done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&pool, std::move(job)));
  }

  void schedule(const TileKey& key) {
    if (memory.contains(key) || pending.contains(key) || failed.contains(key)) {
      return;
    }
    if (!key.valid() || key.z > config.max_zoom) {
      const QString reason =
          QStringLiteral("invalid tile %1 (maximum zoom %2)").arg(key.text()).arg(config.max_zoom);
      failed.insert(key, reason);
      QTimer::singleShot(0, q, [this, key, reason] { emit q->tileFailed(key, reason); });
      return;
    }
    if (mbtiles) {
      pending.insert(key, {Stage::local});
      run_job([reader = mbtiles, key] { return load_from_mbtiles(*reader, key); },
              [this, key](const LoadResult& result) {
                if (!result.image.isNull()) {
                  ++counters.mbtiles_hits;
                  deliver(key, result.image);
                } else {
                  fail(key, result.error);
                }
              });
      return;
    }
    if (!config.disk_cache_dir.isEmpty()) {
      pending.insert(key, {Stage::local});
      run_job([path = disk_path(config.disk_cache_dir, key)] { return load_from_disk(path); },
              [this, key](const LoadResult& result) {
                if (!result.image.isNull()) {
                  ++counters.disk_hits;
                  deliver(key, result.image);
                  return;
                }
                // No file, or a damaged one that the download will replace.
                auto it = pending.find(key);
                if (it != pending.end() && it->stage == Stage::local) {
                  it->stage = Stage::queued;
                  queue.push_back(key);
                  pump();
                }
              });
      return;
    }
    pending.insert(key, {Stage::queued});
    queue.push_back(key);
  }

  void pump() {
    while (network != nullptr && in_flight.size() < config.max_parallel && !queue.empty()) {
      const TileKey key = queue.front();
      queue.pop_front();
      auto it = pending.find(key);
      if (it != pending.end() && it->stage == Stage::queued) {
        it->stage = Stage::in_flight;
        start_network(key);
      }
    }
  }

  void start_network(const TileKey& key) {
    QNetworkRequest request(tile_url(config.url_template, key));
    request.setHeader(QNetworkRequest::UserAgentHeader, config.user_agent);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    if (config.timeout_ms > 0) {
      request.setTransferTimeout(config.timeout_ms);
    }
    ++counters.network_requests;
    QNetworkReply* reply = network->get(request);
    in_flight.insert(reply, key);
    QObject::connect(reply, &QNetworkReply::finished, q, [this, reply] { on_reply(reply); });
  }

  void on_reply(QNetworkReply* reply) {
    const TileKey key = in_flight.take(reply);
    reply->deleteLater();
    const QNetworkReply::NetworkError error = reply->error();
    const QVariant status_attribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = status_attribute.isValid() ? status_attribute.toInt() : 0;

    auto it = pending.find(key);
    if (it == pending.end()) {  // cannot happen: tiles in flight are never dropped
      pump();
      return;
    }
    if (error == QNetworkReply::NoError && (status == 0 || (status >= 200 && status < 300))) {
      it->stage = Stage::decoding;
      const QString path =
          config.disk_cache_dir.isEmpty() ? QString() : disk_path(config.disk_cache_dir, key);
      run_job([bytes = reply->readAll(), path] { return decode_and_store(bytes, path); },
              [this, key](const LoadResult& result) {
                if (!result.image.isNull()) {
                  deliver(key, result.image);
                } else {
                  ++counters.network_failures;
                  fail(key, result.error);
                }
              });
      pump();
      return;
    }

    ++counters.network_failures;
    QString reason;
    if (status != 0) {
      reason = QStringLiteral("HTTP %1 %2")
                   .arg(status)
                   .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                   .trimmed();
    } else if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
      // The fetcher aborts replies only when it is destroyed, and then it is not listening.
      reason = QStringLiteral("timed out (no data for %1 ms)").arg(config.timeout_ms);
    } else {
      reason = reply->errorString();
    }
    reason = QStringLiteral("%1: %2").arg(reply->url().toString(QUrl::RemoveUserInfo), reason);

    if (permanent_failure(error, status)) {
      fail(key, reason);
      return;
    }
    if (it->retries_done >= config.max_retries) {
      fail(key, QStringLiteral("%1 (after %2 retries)").arg(reason).arg(it->retries_done));
      return;
    }
    ++it->retries_done;
    ++counters.retries;
    it->stage = Stage::waiting_retry;
    QTimer::singleShot(backoff_ms(it->retries_done), q, [this, key] { retry_due(key); });
    pump();
  }

  int backoff_ms(int retry) const {
    const int doublings = std::min(retry - 1, 30);
    const qint64 delay = static_cast<qint64>(config.initial_backoff_ms) << doublings;
    return static_cast<int>(std::min<qint64>(delay, max_backoff_ms));
  }

  void retry_due(const TileKey& key) {
    auto it = pending.find(key);
    if (it != pending.end() && it->stage == Stage::waiting_retry) {
      it->stage = Stage::queued;
      queue.push_front(key);
      pump();
    }
  }

  void insert_in_memory(const TileKey& key, const QImage& image) {
    const qsizetype cost = std::max<qsizetype>(image.sizeInBytes(), 1);
    if (cost > memory.maxCost()) {
      memory.setMaxCost(cost);  // the budget holds at least one tile
    }
    memory.insert(key, new QImage(image), cost);
  }

  // State first, signal last: a slot may call tile() or request() right away.
  void deliver(const TileKey& key, const QImage& image) {
    pending.remove(key);
    insert_in_memory(key, image);
    pump();
    emit q->tileReady(key);
  }

  void fail(const TileKey& key, const QString& reason) {
    pending.remove(key);
    failed.insert(key, reason);
    pump();
    emit q->tileFailed(key, reason);
  }

  void request(const std::vector<TileKey>& keys) {
    QHash<TileKey, size_t> rank;
    rank.reserve(static_cast<qsizetype>(keys.size()));
    for (size_t i = 0; i < keys.size(); ++i) {
      if (!rank.contains(keys[i])) {
        rank.insert(keys[i], i);
      }
    }
    // Drop what an earlier view queued and this one does not want.
    std::deque<TileKey> kept;
    for (const TileKey& key : queue) {
      auto it = pending.find(key);
      if (it == pending.end() || it->stage != Stage::queued) {
        continue;
      }
      if (rank.contains(key)) {
        kept.push_back(key);
      } else {
        pending.erase(it);
      }
    }
    queue = std::move(kept);
    for (const TileKey& key : keys) {
      schedule(key);
    }
    std::stable_sort(queue.begin(), queue.end(), [&rank](const TileKey& a, const TileKey& b) {
      return rank.value(a, std::numeric_limits<size_t>::max()) <
             rank.value(b, std::numeric_limits<size_t>::max());
    });
    pump();
  }
};

TileFetcher::TileFetcher(TileSourceConfig config, QObject* parent)
    : QObject(parent), d_(std::make_unique<Impl>(this, std::move(config))) {
  qRegisterMetaType<zanplan::maps::TileKey>();
}

TileFetcher::~TileFetcher() {
  // Jobs not started are dropped; a running one finishes (it does not touch the fetcher).
  d_->pool.clear();
  d_->pool.waitForDone();
  for (auto it = d_->in_flight.cbegin(); it != d_->in_flight.cend(); ++it) {
    QObject::disconnect(it.key(), nullptr, this, nullptr);
    it.key()->abort();
  }
  d_->in_flight.clear();
  delete d_->network;  // with its replies, while the state their handlers use still exists
  d_->network = nullptr;
}

const TileSourceConfig& TileFetcher::config() const { return d_->config; }

std::optional<QImage> TileFetcher::tile(const TileKey& key) {
  if (const QImage* image = d_->memory.object(key)) {
    ++d_->counters.memory_hits;
    return *image;
  }
  ++d_->counters.memory_misses;
  d_->schedule(key);
  d_->pump();
  return std::nullopt;
}

void TileFetcher::request(const std::vector<TileKey>& keys) { d_->request(keys); }

void TileFetcher::forget_failures() { d_->failed.clear(); }

TileFetcher::Stats TileFetcher::stats() const {
  Stats stats = d_->counters;
  stats.memory_bytes = d_->memory.totalCost();
  stats.memory_tiles = static_cast<int>(d_->memory.count());
  stats.failed_tiles = static_cast<int>(d_->failed.size());
  return stats;
}

}  // namespace zanplan::maps
