// Read-only access to the raster tiles of an MBTiles file (SQLite; table or view
// tiles(zoom_level, tile_column, tile_row, tile_data) with TMS rows, counted from the south).
#pragma once

#include "zanplan/maps/tiles.hpp"

#include <QByteArray>
#include <QString>

#include <mutex>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace zanplan::maps::detail {

class MbtilesReader {
 public:
  // Opens the file read-only; a failure is kept and reported by every read().
  explicit MbtilesReader(const QString& path);
  ~MbtilesReader();
  MbtilesReader(const MbtilesReader&) = delete;
  MbtilesReader& operator=(const MbtilesReader&) = delete;

  struct Lookup {
    std::optional<QByteArray> data;  // std::nullopt: no such tile (or error)
    QString error;                   // empty unless the file could not be read
  };
  // The stored bytes of an XYZ tile (its row is flipped to TMS here). Thread-safe.
  Lookup read(const TileKey& key);

  [[nodiscard]] const QString& open_error() const { return open_error_; }

 private:
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* select_ = nullptr;
  QString path_;
  QString open_error_;
};

}  // namespace zanplan::maps::detail
