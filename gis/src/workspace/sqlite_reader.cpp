#include "workspace/sqlite_reader.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "zanplan/error.hpp"

namespace zanplan::workspace {

namespace {
constexpr int busy_timeout_ms = 10'000;  // a writer holds the lock: wait, then fail
}

void roll_back_hot_journal(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path.string() + "-journal", error)) return;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, busy_timeout_ms);
    // The first read takes a shared lock; SQLite then finds the journal hot (no writer holds
    // the reserved lock any more) and rolls it back. A live writer's journal is left alone.
    sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  }
  sqlite3_close(db);
}

std::string quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    quoted.push_back(c);
    if (c == '"') quoted.push_back('"');
  }
  quoted.push_back('"');
  return quoted;
}

void check_schema(const std::filesystem::path& path) { ReadOnlyDatabase db(path); }

ReadOnlyDatabase::ReadOnlyDatabase(const std::filesystem::path& path, Unchecked) : path_(path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw_workspace("is a directory, not a workspace", {.file = path.string()});
  }
  if (!std::filesystem::is_regular_file(path, error)) throw_workspace("workspace not found", {.file = path.string()});
  roll_back_hot_journal(path);
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    fail("cannot open the workspace", "");
  }
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

ReadOnlyDatabase::ReadOnlyDatabase(const std::filesystem::path& path) : ReadOnlyDatabase(path, Unchecked{}) {
  if (!has_table("zanplan_meta")) {
    throw_workspace("not a zanplan workspace (no zanplan_meta table)", {.file = path.string()});
  }
  auto q = query("SELECT value FROM zanplan_meta WHERE key = 'schema_version'", "zanplan_meta");
  const std::string version = q.step() ? std::string(q.text(0)) : std::string();
  if (version != schema_version) {
    throw_workspace(fmt::format("workspace schema version {} is not supported (this zanplan reads version {}; "
                                "import the sources again)",
                                version.empty() ? "(none)" : version, schema_version),
                    {.file = path.string(), .layer = "zanplan_meta", .key = "schema_version"});
  }
}

ReadOnlyDatabase::~ReadOnlyDatabase() { sqlite3_close(db_); }

void ReadOnlyDatabase::fail(const std::string& what, std::string_view table) const {
  std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
  const int code = db_ != nullptr ? sqlite3_errcode(db_) : SQLITE_NOMEM;
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) why += " (the file is damaged: import it again or restore a copy)";
  if (code == SQLITE_READONLY) why += " (a killed writer left a journal that needs write access to roll back)";
  throw_workspace(fmt::format("{}: {}", what, why), {.file = path_.string(), .layer = std::string(table)});
}

Query ReadOnlyDatabase::query(const std::string& sql, std::string_view table) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    sqlite3_finalize(statement);
    fail("cannot read the workspace", table);
  }
  return {*this, statement, table};
}

bool ReadOnlyDatabase::has_table(const std::string& name) {
  Query q = query("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", name);
  q.bind(1, name);
  return q.step();
}

bool ReadOnlyDatabase::has_column(const std::string& table, const std::string& column) {
  Query q = query("SELECT 1 FROM pragma_table_info(?) WHERE name = ?", table);
  q.bind(1, table);
  q.bind(2, column);
  return q.step();
}

std::string ReadOnlyDatabase::layer_identifier(const std::string& layer) {
  Query q = query("SELECT 1 FROM gpkg_contents WHERE table_name = ?", "gpkg_contents");
  q.bind(1, layer);
  if (!q.step()) throw_input("not a layer of the workspace (gpkg_contents)", {.file = path_.string(), .layer = layer});
  return quote_identifier(layer);
}

std::string ReadOnlyDatabase::column_identifier(const std::string& layer, const std::string& column) {
  if (!has_column(layer, column)) throw_workspace("missing column", {.file = path_.string(), .layer = layer, .key = column});
  return quote_identifier(column);
}

Query::~Query() { sqlite3_finalize(statement_); }

Query::Query(Query&& other) noexcept
    : db_(other.db_), statement_(other.statement_), table_(std::move(other.table_)) {
  other.statement_ = nullptr;
}

void Query::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    db_->fail("cannot bind a value", table_);
  }
}

void Query::bind(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) db_->fail("cannot bind a value", table_);
}

bool Query::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // A damaged file (SQLITE_CORRUPT), an I/O error or a lock held too long: never a
  // truncated result.
  db_->fail("cannot read the workspace", table_);
}

bool Query::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::string_view Query::text(int column) const {
  const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (value == nullptr) return {};
  return {value, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

double Query::real(int column) const { return sqlite3_column_double(statement_, column); }

std::int64_t Query::integer(int column) const { return sqlite3_column_int64(statement_, column); }

std::span<const unsigned char> Query::blob(int column) const {
  const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(statement_, column));
  if (data == nullptr) return {};
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

}  // namespace zanplan::workspace
