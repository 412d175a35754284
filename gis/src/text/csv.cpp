#include "text/csv.hpp"

#include "text/file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "zanplan/error.hpp"

namespace zanplan::text {

std::string latin1_to_utf8(std::string_view latin1) {
  std::string out;
  out.reserve(latin1.size() + latin1.size() / 8);
  for (const char c : latin1) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xC0 | (byte >> 6)));
      out.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
    }
  }
  return out;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned min = 0;
    unsigned code = 0;
    if ((lead & 0xE0U) == 0xC0U) { length = 2; min = 0x80; code = lead & 0x1FU; }
    else if ((lead & 0xF0U) == 0xE0U) { length = 3; min = 0x800; code = lead & 0x0FU; }
    else if ((lead & 0xF8U) == 0xF0U) { length = 4; min = 0x10000; code = lead & 0x07U; }
    else return i;
    if (i + length > n) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0U) != 0x80U) return i;
      code = (code << 6U) | (next & 0x3FU);
    }
    // Overlong forms, UTF-16 surrogates and code points beyond Unicode are invalid.
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += length;
  }
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view text, bool decimal_comma) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::string buffer(text);
  if (decimal_comma) {
    for (char& c : buffer) {
      if (c == ',') c = '.';
    }
  }
  double value = 0;
  const char* begin = buffer.data();
  const char* end = begin + buffer.size();
  if (*begin == '+') ++begin;
  const auto [ptr, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

CsvTable CsvTable::read(const std::filesystem::path& path, const CsvOptions& options) {
  return parse(text::read_file(path, ErrorKind::input, "file"), path.string(), options);
}

CsvTable CsvTable::parse(std::string_view raw, const std::string& name, const CsvOptions& options) {
  std::string converted;
  std::string_view content = raw;
  if (options.encoding == Encoding::latin1) {
    converted = latin1_to_utf8(raw);
    content = converted;
  } else {
    if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);  // UTF-8 byte order mark
    if (auto bad = first_invalid_utf8(content)) {
      const auto line = 1 + std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(*bad), '\n');
      throw_input("not valid UTF-8 (wrong encoding?)", {.file = name, .line = line});
    }
  }

  CsvTable table;
  table.name_ = name;
  std::vector<std::string> record;
  std::string field;
  std::int64_t line = 1;
  std::int64_t record_line = 1;
  bool in_quotes = false;
  bool field_was_quoted = false;

  auto finish_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
    const bool blank = record.size() == 1 && record[0].empty();
    if (!blank) {
      if (table.header_.empty()) {
        table.header_ = std::move(record);
        for (std::size_t i = 0; i < table.header_.size(); ++i) table.index_.emplace(table.header_[i], i);
      } else {
        if (record.size() != table.header_.size()) {
          throw_input("expected " + std::to_string(table.header_.size()) + " fields, found " +
                          std::to_string(record.size()),
                      {.file = name, .line = record_line});
        }
        table.rows_.push_back(std::move(record));
        table.lines_.push_back(record_line);
      }
    }
    record.clear();
  };

  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < content.size() && content[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_was_quoted) {
      in_quotes = true;
      field_was_quoted = true;
    } else if (c == options.separator) {
      record.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\r') {
      // CRLF: the '\n' that follows ends the record.
    } else if (c == '\n') {
      finish_record();
      ++line;
      record_line = line;
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) throw_input("unterminated quoted field", {.file = name, .line = record_line});
  if (!field.empty() || !record.empty()) finish_record();
  if (table.header_.empty()) throw_input("empty file (no header line)", {.file = name, .line = 1});
  return table;
}

std::optional<std::size_t> CsvTable::find_column(const std::string& column_name) const {
  auto it = index_.find(column_name);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::size_t CsvTable::column(const std::string& column_name) const {
  if (auto index = find_column(column_name)) return *index;
  throw_input("required column is missing", {.file = name_, .line = 1, .key = column_name});
}

CsvRow CsvTable::row(std::size_t index) const { return CsvRow(*this, index); }

std::optional<double> CsvRow::number(const std::string& column, bool decimal_comma) const {
  const std::string& text = (*this)[column];
  if (text.find_first_not_of(' ') == std::string::npos) return std::nullopt;
  auto value = parse_number(text, decimal_comma);
  if (!value) {
    throw_input("not a number: '" + text + "'", {.file = table_->name_, .line = line(), .key = column});
  }
  return value;
}

double CsvRow::required_number(const std::string& column, bool decimal_comma) const {
  auto value = number(column, decimal_comma);
  if (!value) throw_input("empty value", {.file = table_->name_, .line = line(), .key = column});
  return *value;
}

}  // namespace zanplan::text
