// Reading the JSON lists of the admin stage with errors that name the file, the line (for
// malformed JSON), the record and the key. Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace zanplan::importer::admin {

// Parses a whole JSON file. A missing file or malformed JSON is an input error naming the
// file (and the line of the syntax error).
nlohmann::json read_json_file(const std::filesystem::path& path);

// The 1-based line that holds byte `offset` (1-based, as nlohmann reports it) of `text`.
std::int64_t line_of_byte(const std::string& text, std::size_t offset);

// The top-level array of a JSON list; anything else is an input error.
const nlohmann::json& require_array(const nlohmann::json& document, const std::filesystem::path& path);

// Accessors for record `index` of a JSON list; a missing or mistyped key is an input error
// naming the file, the record (as the feature index) and the key.
class JsonRecord {
 public:
  JsonRecord(const nlohmann::json& value, const std::filesystem::path& path, std::int64_t index);

  // An object inside this record (e.g. `membres[3]`); its keys are reported with the prefix.
  [[nodiscard]] JsonRecord nested(const nlohmann::json& value, const std::string& prefix) const;

  [[nodiscard]] const std::string& string(const std::string& key) const;
  [[nodiscard]] bool boolean(const std::string& key) const;
  // Absent or null → empty list; otherwise an array of strings.
  [[nodiscard]] std::vector<std::string> strings(const std::string& key) const;
  // Absent or null → false.
  [[nodiscard]] bool has(const std::string& key) const;
  [[nodiscard]] const nlohmann::json& array(const std::string& key) const;
  // A number, or a string holding a number (Django fixtures write decimals as strings).
  [[nodiscard]] double number(const std::string& key) const;
  [[nodiscard]] const nlohmann::json& value() const { return *value_; }
  [[nodiscard]] std::int64_t index() const { return index_; }

  [[noreturn]] void fail(const std::string& message, const std::string& key) const;

 private:
  [[nodiscard]] const nlohmann::json& field(const std::string& key) const;

  const nlohmann::json* value_;
  std::string path_;
  std::int64_t index_;
  std::string prefix_;
};

}  // namespace zanplan::importer::admin
