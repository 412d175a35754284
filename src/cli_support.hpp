// Helpers shared by the subcommands: progress on a terminal, silence when piped.
#pragma once

#include <string>
#include <string_view>

#include "zanplan/lang.hpp"

namespace zanplan::cli {

// True when standard error is a terminal (progress is shown only then).
bool stderr_is_terminal();

// Prints "stage… NN %" on one updating line of stderr when it is a terminal.
class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();
  void update(std::string_view stage, double fraction);
  void done();

 private:
  bool enabled_;
  bool dirty_ = false;
  std::string last_;
};

// `text` with control characters shown as escapes (\n, \t, \x1b …) so that a name read
// from a file can neither break a line nor drive the terminal.
std::string printable(std::string_view text);

// On a terminal, standard output and error pass through a filter that escapes control
// characters other than newline and tab (ESC sequences from names in the data are shown,
// not executed). Files and pipes get the bytes unchanged. Called once by main().
void escape_terminal_output();

// The language of --lang (fr or en; a usage error otherwise), or the locale's when empty.
Lang lang_option(const std::string& text);

// Thousands separators for counts shown to people: 1234567 → "1,234,567".
std::string with_separators(long long value);

}  // namespace zanplan::cli
