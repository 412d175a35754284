#include "ledger/sqlite.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "zanplan/error.hpp"

namespace zanplan::sqlite {

namespace {
constexpr int busy_timeout_ms = 10'000;  // another writer holds the lock: wait, then fail
}

Database::Database(const std::filesystem::path& path) : path_(path) {
  if (!std::filesystem::exists(path)) throw_workspace("workspace not found", {.file = path.string()});
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    fail("cannot open the workspace");
  }
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Database::~Database() { sqlite3_close(db_); }

void Database::fail(const std::string& what) const {
  throw_workspace(fmt::format("{}: {}", what, db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"),
                  {.file = path_.string(), .layer = "zanplan_scenario_events"});
}

void Database::exec(const std::string& sql) {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail("SQLite failed");
}

Statement Database::prepare(const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) fail("SQLite failed");
  return {*this, statement};
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

void Statement::bind(int index, const std::string& value) {
  if (sqlite3_bind_text(statement_, index, value.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("SQLite bind failed");
}

void Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) db_->fail("SQLite bind failed");
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("SQLite step failed");
}

std::string Statement::text(int column) const {
  const unsigned char* value = sqlite3_column_text(statement_, column);
  return value == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(value));
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (...) {  // a failed rollback leaves SQLite to roll back on close
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace zanplan::sqlite
