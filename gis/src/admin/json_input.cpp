#include "admin/json_input.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include "text/csv.hpp"
#include "zanplan/error.hpp"

namespace zanplan::importer::admin {

std::int64_t line_of_byte(const std::string& text, std::size_t offset) {
  const std::size_t end = std::min(offset > 0 ? offset - 1 : 0, text.size());
  const auto newlines = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
  return static_cast<std::int64_t>(newlines) + 1;
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_input("cannot open file", {.file = path.string()});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw_input(std::string("malformed JSON: ") + e.what(),
                {.file = path.string(), .line = line_of_byte(text, e.byte)});
  }
}

const nlohmann::json& require_array(const nlohmann::json& document, const std::filesystem::path& path) {
  if (!document.is_array()) throw_input("expected a JSON array of records", {.file = path.string()});
  return document;
}

JsonRecord::JsonRecord(const nlohmann::json& value, const std::filesystem::path& path, std::int64_t index)
    : value_(&value), path_(path.string()), index_(index) {
  if (!value.is_object()) fail("record is not a JSON object", {});
}

JsonRecord JsonRecord::nested(const nlohmann::json& value, const std::string& prefix) const {
  JsonRecord inner = *this;
  inner.value_ = &value;
  inner.prefix_ = prefix_ + prefix + ".";
  if (!value.is_object()) fail("is not a JSON object", prefix);
  return inner;
}

void JsonRecord::fail(const std::string& message, const std::string& key) const {
  throw_input(message, {.file = path_, .feature = index_, .key = prefix_ + key});
}

bool JsonRecord::has(const std::string& key) const {
  auto it = value_->find(key);
  return it != value_->end() && !it->is_null();
}

const nlohmann::json& JsonRecord::field(const std::string& key) const {
  auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) fail("missing property", key);
  return *it;
}

const std::string& JsonRecord::string(const std::string& key) const {
  const auto& value = field(key);
  if (!value.is_string()) fail("property must be a string", key);
  return value.get_ref<const std::string&>();
}

bool JsonRecord::boolean(const std::string& key) const {
  const auto& value = field(key);
  if (!value.is_boolean()) fail("property must be true or false", key);
  return value.get<bool>();
}

const nlohmann::json& JsonRecord::array(const std::string& key) const {
  const auto& value = field(key);
  if (!value.is_array()) fail("property must be an array", key);
  return value;
}

std::vector<std::string> JsonRecord::strings(const std::string& key) const {
  if (!has(key)) return {};
  std::vector<std::string> out;
  for (const auto& item : array(key)) {
    if (!item.is_string()) fail("property must be an array of strings", key);
    out.push_back(item.get<std::string>());
  }
  return out;
}

double JsonRecord::number(const std::string& key) const {
  const auto& value = field(key);
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    if (auto parsed = text::parse_number(value.get_ref<const std::string&>())) return *parsed;
  }
  fail("property must be a number", key);
}

}  // namespace zanplan::importer::admin
