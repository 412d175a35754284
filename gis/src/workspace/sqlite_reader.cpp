#include "workspace/sqlite_reader.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "zanplan/error.hpp"

namespace zanplan::workspace {

namespace {
constexpr int busy_timeout_ms = 10'000;  // a writer holds the lock: wait, then fail
}

ReadOnlyDatabase::ReadOnlyDatabase(const std::filesystem::path& path) : path_(path) {
  if (!std::filesystem::is_regular_file(path)) throw_workspace("workspace not found", {.file = path.string()});
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    fail("cannot open the workspace", "");
  }
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

ReadOnlyDatabase::~ReadOnlyDatabase() { sqlite3_close(db_); }

void ReadOnlyDatabase::fail(const std::string& what, std::string_view table) const {
  throw_workspace(fmt::format("{}: {}", what, db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"),
                  {.file = path_.string(), .layer = std::string(table)});
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
