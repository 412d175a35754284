// Helpers shared by the subcommands: progress on a terminal, silence when piped.
#pragma once

#include <string>
#include <string_view>

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

// Thousands separators for counts shown to people: 1234567 → "1,234,567".
std::string with_separators(long long value);

}  // namespace zanplan::cli
