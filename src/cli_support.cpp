#include "cli_support.hpp"

#include <cstdio>
#include <fmt/format.h>

#include <unistd.h>

namespace zanplan::cli {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled) : enabled_(enabled) {}
Progress::~Progress() { done(); }

void Progress::update(std::string_view stage, double fraction) {
  if (!enabled_) return;
  const std::string text = fmt::format("\r{} {:3.0f} %", stage, fraction * 100.0);
  if (text == last_) return;
  last_ = text;
  std::fputs("\r\x1b[2K", stderr);
  std::fputs(text.c_str(), stderr);
  std::fflush(stderr);
  dirty_ = true;
}

void Progress::done() {
  if (enabled_ && dirty_) {
    std::fputs("\r\x1b[2K", stderr);
    std::fflush(stderr);
  }
  dirty_ = false;
}

std::string with_separators(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

}  // namespace zanplan::cli
