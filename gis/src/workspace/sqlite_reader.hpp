// Read-only SQLite access to a workspace GeoPackage, for the bulk readers that stream a whole
// table (5 M parcels) far faster than feature-by-feature OGR. Values are bound, never
// spliced into SQL text. Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace zanplan::workspace {

class Query;

// A read-only connection; every failure is a workspace error naming the file (and the table
// being read, when the caller gives it).
class ReadOnlyDatabase {
 public:
  explicit ReadOnlyDatabase(const std::filesystem::path& path);
  ~ReadOnlyDatabase();
  ReadOnlyDatabase(const ReadOnlyDatabase&) = delete;
  ReadOnlyDatabase& operator=(const ReadOnlyDatabase&) = delete;

  // `table` names what is read, for error messages.
  Query query(const std::string& sql, std::string_view table);
  [[nodiscard]] bool has_table(const std::string& name);
  [[nodiscard]] bool has_column(const std::string& table, const std::string& column);
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[noreturn]] void fail(const std::string& what, std::string_view table) const;

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

class Query {
 public:
  Query(ReadOnlyDatabase& db, sqlite3_stmt* statement, std::string_view table)
      : db_(&db), statement_(statement), table_(table) {}
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;

  void bind(int index, std::string_view value);  // 1-based
  void bind(int index, double value);
  bool step();  // true when a row is available; a read error throws
  [[nodiscard]] bool is_null(int column) const;  // 0-based
  [[nodiscard]] std::string_view text(int column) const;  // valid until the next step
  [[nodiscard]] double real(int column) const;
  [[nodiscard]] std::int64_t integer(int column) const;
  [[nodiscard]] std::span<const unsigned char> blob(int column) const;  // valid until the next step

 private:
  ReadOnlyDatabase* db_;
  sqlite3_stmt* statement_;
  std::string table_;
};

}  // namespace zanplan::workspace
