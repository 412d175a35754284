#include "tiles/mbtiles_reader.hpp"

#include <sqlite3.h>

namespace zanplan::maps::detail {

MbtilesReader::MbtilesReader(const QString& path) : path_(path) {
  const QByteArray file = path.toUtf8();
  const int rc =
      sqlite3_open_v2(file.constData(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    open_error_ = QStringLiteral("cannot open MBTiles file %1: %2")
                      .arg(path, QString::fromUtf8(db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)));
    return;
  }
  static const char sql[] =
      "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3";
  if (sqlite3_prepare_v2(db_, sql, -1, &select_, nullptr) != SQLITE_OK) {
    open_error_ = QStringLiteral("not a readable MBTiles file %1: %2")
                      .arg(path, QString::fromUtf8(sqlite3_errmsg(db_)));
    select_ = nullptr;
  }
}

MbtilesReader::~MbtilesReader() {
  sqlite3_finalize(select_);
  sqlite3_close_v2(db_);
}

MbtilesReader::Lookup MbtilesReader::read(const TileKey& key) {
  if (!open_error_.isEmpty()) {
    return {std::nullopt, open_error_};
  }
  if (!key.valid()) {
    return {};
  }
  const int tms_row = (1 << key.z) - 1 - key.y;
  const std::lock_guard lock(mutex_);
  sqlite3_reset(select_);
  sqlite3_bind_int(select_, 1, key.z);
  sqlite3_bind_int(select_, 2, key.x);
  sqlite3_bind_int(select_, 3, tms_row);
  Lookup result;
  const int rc = sqlite3_step(select_);
  if (rc == SQLITE_ROW) {
    const void* blob = sqlite3_column_blob(select_, 0);
    const int size = sqlite3_column_bytes(select_, 0);
    result.data = QByteArray(static_cast<const char*>(blob), size);
  } else if (rc != SQLITE_DONE) {
    result.error =
        QStringLiteral("cannot read MBTiles file %1: %2").arg(path_, QString::fromUtf8(sqlite3_errmsg(db_)));
  }
  sqlite3_reset(select_);
  return result;
}

}  // namespace zanplan::maps::detail
