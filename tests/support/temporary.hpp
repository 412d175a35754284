// Temporary file names private to the test process: ctest runs tests of one file in
// parallel processes, which must not write the same files.
#pragma once

#include <filesystem>
#include <string>

#include <unistd.h>

namespace zanplan::test_support {

inline std::filesystem::path temporary(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("zanplan-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace zanplan::test_support
