#include "cli_support.hpp"

#include <cstdio>
#include <iostream>
#include <streambuf>
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

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f) {
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += fmt::format("\\x{:02x}", u);
    }
  }
  return out;
}

namespace {

// A stream buffer that forwards to another one, escaping control characters except
// newline and tab.
class EscapingBuffer : public std::streambuf {
 public:
  explicit EscapingBuffer(std::streambuf* target) : target_(target) {}

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) {
      const std::string escaped = printable(std::string_view(&c, 1));
      return target_->sputn(escaped.data(), static_cast<std::streamsize>(escaped.size())) ==
                     static_cast<std::streamsize>(escaped.size())
                 ? ch
                 : traits_type::eof();
    }
    return target_->sputc(c);
  }
  int sync() override { return target_->pubsync(); }

 private:
  std::streambuf* target_;
};

}  // namespace

void escape_terminal_output() {
  // The buffers are never destroyed: the standard streams are flushed by the last library
  // unloaded at exit (GEOS holds an ios_base::Init), after every static of ours is gone, and a
  // stream left pointing at a destroyed buffer crashes there.
  if (::isatty(STDOUT_FILENO) == 1) {
    static auto* const out = new EscapingBuffer(std::cout.rdbuf());
    std::cout.rdbuf(out);
  }
  if (::isatty(STDERR_FILENO) == 1) {
    static auto* const err = new EscapingBuffer(std::cerr.rdbuf());
    std::cerr.rdbuf(err);
  }
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

Lang lang_option(const std::string& text) { return text.empty() ? lang_from_environment() : parse_lang(text, "--lang"); }

}  // namespace zanplan::cli
