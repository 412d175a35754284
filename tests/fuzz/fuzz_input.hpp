// What every fuzz target shares: the input written to a file private to the process (the
// readers take paths, as the program does), and the rule that a reader may refuse an input
// only with a zanplan::Error. Any other exception, a crash or a sanitizer report is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "zanplan/error.hpp"

namespace zanplan::fuzz {

inline std::filesystem::path input_file(const char* extension) {
  static const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                            ("zanplan-fuzz-" + std::to_string(::getpid()) + extension);
  return path;
}

inline std::filesystem::path write_input(const std::uint8_t* data, std::size_t size, const char* extension) {
  const auto path = input_file(extension);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

// Runs `read`; a zanplan::Error is a clean refusal, anything else aborts (a finding).
template <typename Read>
void expect_clean(Read&& read) {
  try {
    read();
  } catch (const Error&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected exception (not a zanplan::Error): %s\n", e.what());
    std::abort();
  }
}

}  // namespace zanplan::fuzz
