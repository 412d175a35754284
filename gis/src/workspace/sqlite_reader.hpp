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

// The workspace schema this program reads and writes (zanplan_meta.schema_version).
inline constexpr std::string_view schema_version = "1";

// When a writer was killed mid-transaction, the workspace has a hot journal (FILE-journal)
// that a read-only connection cannot roll back ("attempt to write a readonly database").
// Opens the file read-write just long enough for SQLite to roll it back; does nothing when
// there is no journal, and leaves a failure to the read-only open that follows
// (docs/workspace.md).
void roll_back_hot_journal(const std::filesystem::path& path);

// `name` as an SQL identifier in double quotes, inner quotes doubled: table and column names
// come from the workspace or a profile, and are never spliced in raw.
std::string quote_identifier(std::string_view name);

// Workspace error unless the file is a zanplan workspace of `schema_version`.
void check_schema(const std::filesystem::path& path);

// A read-only connection to a zanplan workspace of the supported schema (checked on open);
// every failure is a workspace error naming the file (and the table being read, when the
// caller gives it).
class ReadOnlyDatabase {
 public:
  explicit ReadOnlyDatabase(const std::filesystem::path& path);
  struct Unchecked {};
  ReadOnlyDatabase(const std::filesystem::path& path, Unchecked);  // any SQLite file, no schema check
  ~ReadOnlyDatabase();
  ReadOnlyDatabase(const ReadOnlyDatabase&) = delete;
  ReadOnlyDatabase& operator=(const ReadOnlyDatabase&) = delete;

  // `table` names what is read, for error messages.
  Query query(const std::string& sql, std::string_view table);
  [[nodiscard]] bool has_table(const std::string& name);
  [[nodiscard]] bool has_column(const std::string& table, const std::string& column);

  // The one way a table or column name reaches SQL text: checked, then quoted. A table must
  // be a layer of the workspace (a row of gpkg_contents), else it is an input error naming
  // it (such names come from profiles); a column must be one of the table's, else a
  // workspace error.
  [[nodiscard]] std::string layer_identifier(const std::string& layer);
  [[nodiscard]] std::string column_identifier(const std::string& layer, const std::string& column);
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
