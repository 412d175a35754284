#include "export/atomic_file.hpp"

#include <atomic>
#include <string>
#include <system_error>

#include <unistd.h>

#include "zanplan/error.hpp"

namespace zanplan::exporter {

namespace {

// Unique among the threads of this process and among processes (by pid).
std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path name = target.filename();
  name += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  name += target.extension();
  return target.parent_path() / name;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  const std::filesystem::path directory =
      target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    throw_output("the output directory does not exist", {.file = target_.string()});
  }
  temporary_ = temporary_beside(target_);
  std::filesystem::remove(temporary_, error);
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::commit() {
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) throw_output("cannot move the export into place: " + error.message(), {.file = target_.string()});
  committed_ = true;
}

}  // namespace zanplan::exporter
