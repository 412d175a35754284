// A thin RAII layer over SQLite for the scenario event log. Internal to the ledger module.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace zanplan::sqlite {

class Statement;

// A connection; every failure throws a workspace error naming the file.
class Database {
 public:
  explicit Database(const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);
  Statement prepare(const std::string& sql);
  [[noreturn]] void fail(const std::string& what) const;

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* statement) : db_(&db), statement_(statement) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;

  void bind(int index, const std::string& value);  // 1-based
  void bind(int index, std::int64_t value);
  bool step();                                       // true when a row is available
  [[nodiscard]] std::string text(int column) const;  // 0-based
  [[nodiscard]] std::int64_t integer(int column) const;

 private:
  Database* db_;
  sqlite3_stmt* statement_;
};

// BEGIN IMMEDIATE (takes the write lock at once, so the log read inside is the one appended
// to); rolled back unless commit() is called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace zanplan::sqlite
