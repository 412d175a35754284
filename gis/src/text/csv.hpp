// A small delimited-text reader for the French open-data files zanplan imports: `;` or `,`
// separators, quoted fields with doubled quotes, CRLF or LF line ends, UTF-8 or Latin-1.
// Every row remembers its line number so that errors can name it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zanplan::text {

enum class Encoding { utf8, latin1 };

struct CsvOptions {
  char separator = ';';
  Encoding encoding = Encoding::utf8;  // latin1 input is converted to UTF-8
};

class CsvRow;

class CsvTable {
 public:
  // Reads the whole file. Throws an input error naming the file and line for unreadable
  // files, bytes that are not valid UTF-8 (when utf8 is expected), unterminated quotes and
  // rows whose field count differs from the header's.
  static CsvTable read(const std::filesystem::path& path, const CsvOptions& options = {});
  static CsvTable parse(std::string_view content, const std::string& name, const CsvOptions& options = {});

  [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
  [[nodiscard]] std::size_t size() const { return rows_.size(); }
  [[nodiscard]] const std::string& name() const { return name_; }

  // Column index; throws an input error naming the file and the missing column.
  [[nodiscard]] std::size_t column(const std::string& name) const;
  [[nodiscard]] std::optional<std::size_t> find_column(const std::string& name) const;

  [[nodiscard]] CsvRow row(std::size_t index) const;

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::int64_t> lines_;  // 1-based line where each row starts

  friend class CsvRow;
};

class CsvRow {
 public:
  CsvRow(const CsvTable& table, std::size_t index) : table_(&table), index_(index) {}

  [[nodiscard]] std::int64_t line() const { return table_->lines_[index_]; }
  [[nodiscard]] const std::string& at(std::size_t column) const { return table_->rows_[index_][column]; }
  [[nodiscard]] const std::string& operator[](const std::string& column) const {
    return at(table_->column(column));
  }

  // Parses a number; accepts a decimal comma when allowed. Empty → nullopt. Anything else
  // that is not a number throws an input error naming file, line and column.
  [[nodiscard]] std::optional<double> number(const std::string& column, bool decimal_comma = false) const;
  // As number(), but an empty field is an error too.
  [[nodiscard]] double required_number(const std::string& column, bool decimal_comma = false) const;

 private:
  const CsvTable* table_;
  std::size_t index_;
};

// Strict number parsing shared by the CSV and JSON importers. Returns nullopt when the
// text is not entirely a finite number.
std::optional<double> parse_number(std::string_view text, bool decimal_comma = false);

// Latin-1 → UTF-8.
std::string latin1_to_utf8(std::string_view latin1);

// Offset of the first byte that breaks UTF-8, or nullopt if the text is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace zanplan::text
