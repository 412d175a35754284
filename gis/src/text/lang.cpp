#include "zanplan/lang.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "zanplan/error.hpp"

namespace zanplan {

namespace {

constexpr std::string_view narrow_no_break_space = "\u202F";
constexpr std::string_view no_break_space = "\u00A0";

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string not_finite(double value, Lang lang) {
  if (std::isnan(value)) return std::string(pick(lang, "unknown", "inconnu"));
  return std::string(value > 0 ? pick(lang, "none found", "aucun") : pick(lang, "-inf", "-inf"));
}

// "1234567.50" written with French separators: groups of three digits in the integer part.
std::string frenchify(const std::string& plain) {
  const std::size_t start = plain[0] == '-' ? 1 : 0;
  const std::size_t point = std::min(plain.find('.'), plain.find_first_of("eE"));
  const std::size_t integer_end = point == std::string::npos ? plain.size() : point;
  std::string out = plain.substr(0, start);
  const std::size_t digits = integer_end - start;
  for (std::size_t i = 0; i < digits; ++i) {
    if (i > 0 && (digits - i) % 3 == 0) out += narrow_no_break_space;
    out += plain[start + i];
  }
  for (std::size_t i = integer_end; i < plain.size(); ++i) out += plain[i] == '.' ? ',' : plain[i];
  return out;
}

}  // namespace

std::string_view lang_code(Lang lang) { return lang == Lang::fr ? "fr" : "en"; }

Lang parse_lang(std::string_view text, const std::string& flag) {
  const std::string t = lower(text);
  if (t == "en" || t == "english") return Lang::en;
  if (t == "fr" || t == "french" || t == "français" || t == "francais") return Lang::fr;
  throw_usage("unknown language '" + std::string(text) + "' (expected fr or en)", {.key = flag});
}

Lang lang_from_environment() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value == nullptr || *value == '\0') continue;
    return lower(value).starts_with("fr") ? Lang::fr : Lang::en;
  }
  return Lang::en;
}

std::string format_number(double value, int decimals, Lang lang) {
  if (!std::isfinite(value)) return not_finite(value, lang);
  std::string plain = fmt::format("{:.{}f}", value, decimals);
  if (plain.starts_with('-') && plain.find_first_not_of("-0.") == std::string::npos) plain.erase(0, 1);  // no "-0.0"
  return lang == Lang::fr ? frenchify(plain) : plain;
}

std::string format_general(double value, Lang lang) {
  if (!std::isfinite(value)) return not_finite(value, lang);
  const std::string plain = fmt::format("{:g}", value);
  return lang == Lang::fr ? frenchify(plain) : plain;
}

std::string format_percent(double fraction, int decimals, Lang lang) {
  if (std::isnan(fraction)) return not_finite(fraction, lang);
  if (std::isinf(fraction)) return std::string(pick(lang, "more than all", "plus que tout"));
  return format_number(fraction * 100, decimals, lang) + std::string(pick(lang, " ", no_break_space)) + "%";
}

std::string format_quantity(double value, int decimals, std::string_view unit, Lang lang) {
  if (!std::isfinite(value)) return not_finite(value, lang);
  return format_number(value, decimals, lang) + std::string(pick(lang, " ", no_break_space)) + std::string(unit);
}

}  // namespace zanplan
