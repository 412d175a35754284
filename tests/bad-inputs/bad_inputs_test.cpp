// The bad-input corpus: every case of tests/bad-inputs/cases.toml runs one zanplan command
// line and expects an exit code and a fragment of the message (docs/exit-codes.md). Cases
// name their inputs with placeholders:
//   {cases}     this folder (the bad input files)      {data}  the bundled data folder
//   {dir}       an empty folder private to the case    {ws}    a copy of a small workspace
//   {corrupt}   a copy with random bytes written over 64 KiB in the middle of the file
//   {corrupt:T} a copy with random bytes written over a page in the middle of table T
//   {hot}       a copy whose writer was killed mid-transaction (a hot journal beside it)
//   {schema99}  a copy claiming workspace schema version 99
//   {unreadable} a file its owner cannot read (the case is skipped when run as root)
//   {zanplan}   the program, for a case that runs it more than once (shell `&&`); a command
//               that does not start with it runs it first
// `mkdir = [...]` creates folders inside {dir} first (a folder where a file is expected).
#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "support/program.hpp"
#include "support/temporary.hpp"

namespace fs = std::filesystem;

namespace {

using zanplan::test_support::Outcome;
using zanplan::test_support::quoted;

struct Case {
  std::string name;
  std::string command;
  int exit = 0;
  std::string message;
  std::vector<std::string> mkdir;
};

// gtest prints a failing case by its name and command, not as bytes.
[[maybe_unused]] void PrintTo(const Case& c, std::ostream* out) { *out << c.name << ": " << c.command; }

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  const auto root = toml::parse_file(ZANPLAN_BAD_INPUTS_DIR "/cases.toml");
  for (const auto& node : *root["case"].as_array()) {
    const auto& t = *node.as_table();
    Case c{t["name"].value_or(std::string()), t["command"].value_or(std::string()),
           static_cast<int>(t["exit"].value_or(std::int64_t{-1})), t["message"].value_or(std::string()), {}};
    if (const auto* dirs = t["mkdir"].as_array()) {
      for (const auto& d : *dirs) c.mkdir.push_back(d.value_or(std::string()));
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

Outcome run(const std::string& arguments) { return zanplan::test_support::run_zanplan(arguments); }

void sql(const fs::path& path, const char* statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, statement, nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

// A workspace as the demo builds it, at a low parcel density on a few communes: every layer
// a command reads, in seconds.
class BadInputs : public ::testing::TestWithParam<Case> {
 protected:
  static fs::path base;
  static fs::path clean;

  static void SetUpTestSuite() {
    base = zanplan::test_support::temporary("bad_inputs");
    fs::remove_all(base);
    fs::create_directories(base);
    const fs::path data = fs::path(ZANPLAN_DATA_DIR) / "region-32";
    std::ifstream in(data / "sources.toml");
    std::stringstream text;
    text << in.rdbuf();
    const std::string manifest_text = std::regex_replace(
        text.str(), std::regex("file = \"(real/|scot-|communal-)"), "file = \"" + data.string() + "/$1");
    const fs::path manifest = base / "sources.toml";
    std::ofstream(manifest) << manifest_text;
    clean = base / "clean.gpkg";
    const Outcome generate =
        run("generate -q --sources " + quoted(manifest) + " --density 0.002 --seed 3 --communes 59350,59512,59599");
    ASSERT_EQ(generate.code, 0) << generate.out;
    const Outcome import = run("import -q --sources " + quoted(manifest) + " -o " + quoted(clean));
    ASSERT_EQ(import.code, 0) << import.out;
    const Outcome sites = run("sites -q " + quoted(clean) + " --profile gigafactory");
    ASSERT_EQ(sites.code, 0) << sites.out;
  }

  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(base, ignored);
  }

  fs::path copy_of_clean(const fs::path& dir, const std::string& name) {
    const fs::path path = dir / name;
    fs::copy_file(clean, path);
    return path;
  }

  static void scribble(const fs::path& path, std::uint64_t offset, int bytes) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(offset));
    std::mt19937 random(11);
    for (int i = 0; i < bytes; ++i) file.put(static_cast<char>(random() & 0xff));
  }

  // Random bytes over 64 KiB in the middle of the file, as a bad disk or a stray write
  // would leave them.
  fs::path corrupt(const fs::path& dir) {
    const fs::path path = copy_of_clean(dir, "corrupt.gpkg");
    scribble(path, fs::file_size(path) / 2, 65536);
    return path;
  }

  // Random bytes over the middle leaf page of `table` (found with SQLite's dbstat): the
  // damage lands where the command under test reads.
  fs::path corrupt_table(const fs::path& dir, const std::string& table) {
    const fs::path path = copy_of_clean(dir, "corrupt.gpkg");
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT pageno, (SELECT page_size FROM pragma_page_size) FROM dbstat "
                                     "WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", -1, &statement, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_bind_text(statement, 1, table.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::pair<std::int64_t, std::int64_t>> pages;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      pages.emplace_back(sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    EXPECT_FALSE(pages.empty()) << "no table " << table;
    if (pages.empty()) return path;
    const auto [page, size] = pages[pages.size() / 2];
    scribble(path, static_cast<std::uint64_t>((page - 1) * size), static_cast<int>(size));
    return path;
  }

  // A writer killed mid-transaction: the child deletes the workspace's metadata and copies
  // the parcels into a new table with a two-page cache, so that changed pages spill into the
  // file itself, and dies without committing. Until the journal left beside the file is
  // rolled back, the file has no zanplan_meta rows at all.
  fs::path hot(const fs::path& dir) {
    const fs::path path = copy_of_clean(dir, "hot.gpkg");
    const pid_t child = ::fork();
    if (child == 0) {
      sqlite3* db = nullptr;
      if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) ::_exit(2);
      for (const char* statement : {"PRAGMA cache_size = 2", "BEGIN IMMEDIATE", "DELETE FROM zanplan_meta",
                                    "CREATE TABLE junk AS SELECT fid, id, commune, area_m2 FROM parcels"}) {
        if (sqlite3_exec(db, statement, nullptr, nullptr, nullptr) != SQLITE_OK) ::_exit(3);
      }
      ::_exit(0);  // no COMMIT, no close: as if killed
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the writer failed before it was killed";
    EXPECT_TRUE(fs::exists(path.string() + "-journal")) << "the killed writer left no journal";
    return path;
  }

  fs::path schema99(const fs::path& dir) {
    const fs::path path = copy_of_clean(dir, "schema99.gpkg");
    sql(path, "UPDATE zanplan_meta SET value = '99' WHERE key = 'schema_version'");
    return path;
  }
};

fs::path BadInputs::base;
fs::path BadInputs::clean;

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

TEST_P(BadInputs, FailsWithItsExitCodeAndMessage) {
  const Case& c = GetParam();
  std::string command = c.command;
  if (command.find("{unreadable}") != std::string::npos && ::geteuid() == 0) {
    GTEST_SKIP() << "root reads every file";
  }
  const fs::path dir = base / c.name;
  fs::create_directories(dir);
  for (const auto& d : c.mkdir) fs::create_directories(dir / d);
  if (command.find("{unreadable}") != std::string::npos) {
    const fs::path file = dir / "unreadable.toml";
    std::ofstream(file) << "x = 1\n";
    fs::permissions(file, fs::perms::none);
    replace_all(command, "{unreadable}", quoted(file));
  }
  if (command.find("{ws}") != std::string::npos) replace_all(command, "{ws}", quoted(copy_of_clean(dir, "ws.gpkg")));
  if (command.find("{corrupt}") != std::string::npos) replace_all(command, "{corrupt}", quoted(corrupt(dir)));
  if (const auto at = command.find("{corrupt:"); at != std::string::npos) {
    const auto end = command.find('}', at);
    const std::string table = command.substr(at + 9, end - at - 9);
    command.replace(at, end - at + 1, quoted(corrupt_table(dir, table)));
  }
  if (command.find("{hot}") != std::string::npos) replace_all(command, "{hot}", quoted(hot(dir)));
  if (command.find("{schema99}") != std::string::npos) replace_all(command, "{schema99}", quoted(schema99(dir)));
  replace_all(command, "{cases}", quoted(ZANPLAN_BAD_INPUTS_DIR));
  replace_all(command, "{data}", quoted(ZANPLAN_DATA_DIR));
  replace_all(command, "{dir}", quoted(dir));

  if (!command.starts_with("{zanplan}") && command.find("&&") == std::string::npos) command = "{zanplan} " + command;
  replace_all(command, "{zanplan}", ZANPLAN_BINARY);
  // Through the shell, as a user types it; both output streams together.
  Outcome r;
  if (FILE* pipe = ::popen(("( " + command + " ) 2>&1").c_str(), "r")) {
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) r.out += buffer.data();
    const int status = ::pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  EXPECT_EQ(r.code, c.exit) << command << "\n" << r.out;
  EXPECT_NE(r.out.find(c.message), std::string::npos) << command << "\nexpected '" << c.message << "' in:\n" << r.out;
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputs, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           std::string name = param.param.name;
                           for (char& ch : name) {
                             if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
                           }
                           return name;
                         });

}  // namespace
