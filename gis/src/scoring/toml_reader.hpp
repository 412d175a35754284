// Typed, validated access to a TOML document for the profile loader: every failure is a
// config error naming the file, the line and the dotted key.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "zanplan/numbers.hpp"

namespace zanplan::scoring::detail {

class TomlReader;

// A table of the document together with its dotted path ("" for the root).
class TableView {
 public:
  TableView(const TomlReader& reader, const toml::table& table, std::string path)
      : reader_(&reader), table_(&table), path_(std::move(path)) {}

  [[nodiscard]] const toml::table& table() const { return *table_; }
  [[nodiscard]] const TomlReader& reader() const { return *reader_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string key_path(std::string_view key) const;
  [[nodiscard]] const toml::node* find(std::string_view key) const { return table_->get(key); }
  [[nodiscard]] bool has(std::string_view key) const { return find(key) != nullptr; }

  // Fails on the first key not in `known`.
  void only_keys(const std::set<std::string, std::less<>>& known) const;

  [[nodiscard]] const toml::node& required(std::string_view key) const;
  [[nodiscard]] TableView sub_table(std::string_view key) const;
  [[nodiscard]] std::optional<TableView> optional_sub_table(std::string_view key) const;
  [[nodiscard]] std::string string(std::string_view key) const;
  [[nodiscard]] bool boolean(std::string_view key) const;
  [[nodiscard]] std::optional<bool> optional_boolean(std::string_view key) const;
  [[nodiscard]] double number(std::string_view key) const;  // integer or float, finite
  [[nodiscard]] std::optional<double> optional_number(std::string_view key) const;
  [[nodiscard]] double number_in(std::string_view key, NumberRange range) const;  // finite, in range
  [[nodiscard]] double non_negative(std::string_view key) const;
  [[nodiscard]] double positive(std::string_view key) const;
  [[nodiscard]] std::int64_t integer(std::string_view key) const;
  [[nodiscard]] const toml::array& array(std::string_view key) const;

  [[noreturn]] void fail(const std::string& message, std::string_view key, const toml::node* node) const;

 private:
  const TomlReader* reader_;
  const toml::table* table_;
  std::string path_;
};

class TomlReader {
 public:
  // Parses the file; a missing file or a syntax error is a config error.
  explicit TomlReader(std::filesystem::path file);

  [[nodiscard]] TableView root() const { return TableView(*this, root_, ""); }
  [[nodiscard]] const std::filesystem::path& file() const { return file_; }

  // `node` gives the line; without it (or for a node without a source) no line is given.
  [[noreturn]] void fail(const std::string& message, const std::string& key, const toml::node* node) const;

  // A finite number from a node, or failure naming `key`.
  [[nodiscard]] double number_of(const toml::node& node, const std::string& key) const;
  // A string from a node, or failure naming `key`.
  [[nodiscard]] std::string string_of(const toml::node& node, const std::string& key) const;
  // The table at `index` of an array of tables, viewed with path "<key>[index]".
  [[nodiscard]] TableView table_at(const toml::array& array, std::size_t index, const std::string& key) const;

 private:
  std::filesystem::path file_;
  toml::table root_;
};

}  // namespace zanplan::scoring::detail
