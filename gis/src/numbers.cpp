#include "zanplan/numbers.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace zanplan {

namespace {
std::string shown(double value) { return fmt::format("{:g}", value); }
}  // namespace

double check_number(double value, NumberRange range, ErrorKind kind, const ErrorContext& context) {
  if (std::isnan(value)) throw Error(kind, "must be a number, not nan", context);
  if (!std::isfinite(value)) throw Error(kind, "must be a finite number", context);
  if (value < range.min || value > range.max) {
    throw Error(kind, fmt::format("must be between {} and {} (got {})", shown(range.min), shown(range.max), shown(value)),
                context);
  }
  return value;
}

std::optional<double> parse_decimal(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (*begin == '+') ++begin;
  double value = 0;
  const auto [ptr, error] = std::from_chars(begin, end, value, std::chars_format::general);
  if (error != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

double flag_number(std::string_view text, const std::string& flag, NumberRange range) {
  const auto value = parse_decimal(text);
  if (!value) throw_usage(fmt::format("{} must be a finite number, not '{}'", flag, text), {.key = flag});
  return check_number(*value, range, ErrorKind::usage, {.key = flag});
}

std::int64_t flag_integer(std::string_view text, const std::string& flag, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, error] = std::from_chars(begin, end, value);
  if (text.empty() || error != std::errc() || ptr != end || value < min || value > max) {
    throw_usage(fmt::format("{} must be a whole number between {} and {}, not '{}'", flag, min, max, text), {.key = flag});
  }
  return value;
}

}  // namespace zanplan
