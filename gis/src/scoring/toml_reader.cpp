#include "scoring/toml_reader.hpp"

#include <cmath>
#include <limits>

#include "text/file.hpp"
#include "zanplan/error.hpp"
#include "zanplan/numbers.hpp"

namespace zanplan::scoring::detail {

TomlReader::TomlReader(std::filesystem::path file) : file_(std::move(file)) {
  const std::string content = text::read_file(file_, ErrorKind::config, "profile file");
  try {
    root_ = toml::parse(content, file_.string());
  } catch (const toml::parse_error& e) {
    throw_config(std::string(e.description()),
                 {.file = file_.string(), .line = static_cast<std::int64_t>(e.source().begin.line)});
  }
}

void TomlReader::fail(const std::string& message, const std::string& key, const toml::node* node) const {
  std::optional<std::int64_t> line;
  if (node != nullptr && node->source().begin.line > 0) line = static_cast<std::int64_t>(node->source().begin.line);
  throw_config(message, {.file = file_.string(), .line = line, .key = key});
}

double TomlReader::number_of(const toml::node& node, const std::string& key) const {
  if (!node.is_integer() && !node.is_floating_point()) fail("must be a number", key, &node);
  std::optional<std::int64_t> line;
  if (node.source().begin.line > 0) line = static_cast<std::int64_t>(node.source().begin.line);
  return check_number(*node.value<double>(), {std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max()},
                      ErrorKind::config, {.file = file_.string(), .line = line, .key = key});
}

std::string TomlReader::string_of(const toml::node& node, const std::string& key) const {
  if (!node.is_string()) fail("must be a string", key, &node);
  return *node.value<std::string>();
}

TableView TomlReader::table_at(const toml::array& array, std::size_t index, const std::string& key) const {
  const std::string path = key + "[" + std::to_string(index) + "]";
  const toml::node& node = *array.get(index);
  if (!node.is_table()) fail("must be a table", path, &node);
  return TableView(*this, *node.as_table(), path);
}

std::string TableView::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void TableView::fail(const std::string& message, std::string_view key, const toml::node* node) const {
  reader_->fail(message, key_path(key), node);
}

void TableView::only_keys(const std::set<std::string, std::less<>>& known) const {
  for (const auto& [key, value] : *table_) {
    if (!known.contains(key.str())) fail("unknown key", key.str(), &value);
  }
}

const toml::node& TableView::required(std::string_view key) const {
  const toml::node* node = find(key);
  if (node == nullptr) fail("missing key", key, table_);
  return *node;
}

TableView TableView::sub_table(std::string_view key) const {
  const toml::node& node = required(key);
  if (!node.is_table()) fail("must be a table", key, &node);
  return TableView(*reader_, *node.as_table(), key_path(key));
}

std::optional<TableView> TableView::optional_sub_table(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return sub_table(key);
}

std::string TableView::string(std::string_view key) const {
  const toml::node& node = required(key);
  if (!node.is_string()) fail("must be a string", key, &node);
  return *node.value<std::string>();
}

bool TableView::boolean(std::string_view key) const {
  const toml::node& node = required(key);
  if (!node.is_boolean()) fail("must be true or false", key, &node);
  return *node.value<bool>();
}

std::optional<bool> TableView::optional_boolean(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return boolean(key);
}

double TableView::number(std::string_view key) const { return reader_->number_of(required(key), key_path(key)); }

std::optional<double> TableView::optional_number(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return number(key);
}

double TableView::number_in(std::string_view key, NumberRange range) const {
  const toml::node& node = required(key);
  const double value = reader_->number_of(node, key_path(key));
  std::optional<std::int64_t> line;
  if (node.source().begin.line > 0) line = static_cast<std::int64_t>(node.source().begin.line);
  return check_number(value, range, ErrorKind::config, {.file = reader_->file().string(), .line = line, .key = key_path(key)});
}

double TableView::non_negative(std::string_view key) const {
  const double value = number(key);
  if (value < 0) fail("must not be negative", key, find(key));
  return value;
}

double TableView::positive(std::string_view key) const {
  const double value = number(key);
  if (!(value > 0)) fail("must be greater than 0", key, find(key));
  return value;
}

std::int64_t TableView::integer(std::string_view key) const {
  const toml::node& node = required(key);
  if (!node.is_integer()) fail("must be an integer", key, &node);
  return *node.value<std::int64_t>();
}

const toml::array& TableView::array(std::string_view key) const {
  const toml::node& node = required(key);
  if (!node.is_array()) fail("must be an array", key, &node);
  return *node.as_array();
}

}  // namespace zanplan::scoring::detail
