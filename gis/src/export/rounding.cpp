#include "export/rounding.hpp"

#include <charconv>
#include <cmath>

namespace zanplan::exporter {

std::string fixed_text(double value, int decimals) {
  if (!std::isfinite(value)) return {};
  // Up to 309 digits before the point (|v| < 1.8e308), the point and max_decimals.
  char buffer[340];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  if (error != std::errc{}) return {};
  if (decimals > 0) {
    while (end[-1] == '0') --end;
    if (end[-1] == '.') --end;
  }
  std::string text(buffer, static_cast<std::size_t>(end - buffer));
  return text == "-0" ? "0" : text;
}

double rounded(double value, int decimals) {
  if (!std::isfinite(value)) return value;
  const std::string text = fixed_text(value, decimals);
  double out = value;
  if (std::from_chars(text.data(), text.data() + text.size(), out).ec != std::errc{}) return value;
  return out;
}

}  // namespace zanplan::exporter
