// Running the zanplan program from a test, as a user would, and small file helpers.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/wait.h>

namespace zanplan::test_support {

struct Outcome {
  int code = -1;
  std::string out;  // stdout and stderr together, or stdout alone
};

enum class Streams { stdout_and_stderr, stdout_only };

// Runs `zanplan ARGUMENTS` (ZANPLAN_BINARY, set by the build) through the shell.
inline Outcome run_zanplan(const std::string& arguments, Streams streams = Streams::stdout_and_stderr) {
  const std::string command = std::string(ZANPLAN_BINARY) + " " + arguments +
                              (streams == Streams::stdout_and_stderr ? " 2>&1" : " 2>/dev/null");
  Outcome result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) result.out += buffer.data();
  const int status = ::pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A path quoted for the shell (test paths hold no single quote).
inline std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

}  // namespace zanplan::test_support
