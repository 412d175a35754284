// Typed errors for zanplan. Library code throws them; only a program's main() turns them
// into a message and an exit code (see docs/exit-codes.md).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace zanplan {

// Process exit codes, documented in docs/exit-codes.md. Values are stable.
enum class ExitCode : int {
  ok = 0,
  internal = 1,   // a bug or an unexpected library failure
  usage = 2,      // bad command line (unknown option, missing argument)
  input = 3,      // bad input data: missing file, wrong encoding, missing column, bad geometry
  config = 4,     // bad profile, legal regime or sources manifest (TOML)
  workspace = 5,  // workspace missing, of the wrong schema, or inconsistent
  output = 6,     // an output could not be written
};

enum class ErrorKind { internal, usage, input, config, workspace, output };

ExitCode exit_code_for(ErrorKind kind) noexcept;

// Where in the inputs an error happened. Every field is optional; what is known is filled
// in as the error travels up (see Error::add_context).
struct ErrorContext {
  std::string file;
  std::string layer;
  std::optional<std::int64_t> feature;  // feature id (FID) within the layer
  std::optional<std::int64_t> line;     // 1-based line in a text file (CSV, TOML)
  std::string key;                      // column, TOML key or attribute name
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, ErrorContext context = {});

  [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }
  [[nodiscard]] const ErrorContext& context() const noexcept { return context_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

  // Fills in context fields that are still empty; the innermost context wins.
  Error& add_context(const ErrorContext& outer);

  // "FILE, layer L, feature F, line N, key K: message"
  [[nodiscard]] std::string describe() const;

 private:
  ErrorKind kind_;
  std::string message_;
  ErrorContext context_;
};

[[noreturn]] void throw_input(const std::string& message, ErrorContext context = {});
[[noreturn]] void throw_config(const std::string& message, ErrorContext context = {});
[[noreturn]] void throw_workspace(const std::string& message, ErrorContext context = {});
[[noreturn]] void throw_output(const std::string& message, ErrorContext context = {});
[[noreturn]] void throw_usage(const std::string& message, ErrorContext context = {});

}  // namespace zanplan
