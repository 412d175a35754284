#include "export/atomic_file.hpp"

#include <atomic>
#include <string>
#include <system_error>

#include "files/temporaries.hpp"
#include "zanplan/error.hpp"

namespace zanplan::exporter {

namespace {

// Unique among the threads of this process and among processes (by pid).
std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  return files::temporary_for(target, "-" + std::to_string(counter++) + target.extension().string());
}

// The file to replace: the target itself, or the regular file a symbolic link names.
std::filesystem::path resolve_target(const std::filesystem::path& target) {
  std::error_code error;
  const auto link = std::filesystem::symlink_status(target, error);
  if (error || !std::filesystem::exists(link)) return target;
  const auto status = std::filesystem::status(target, error);
  if (!error && std::filesystem::is_regular_file(status)) {
    return std::filesystem::is_symlink(link) ? std::filesystem::canonical(target, error) : target;
  }
  throw_output("the output exists and is not a regular file (a directory, device, FIFO or dangling link): "
               "refusing to replace it",
               {.file = target.string()});
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  const std::filesystem::path directory =
      target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    throw_output("the output directory does not exist", {.file = target_.string()});
  }
  replaced_ = resolve_target(target_);
  files::remove_stale_temporaries(replaced_);
  temporary_ = temporary_beside(replaced_);
  std::filesystem::remove(temporary_, error);
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::commit() {
  std::error_code error;
  std::filesystem::rename(temporary_, replaced_, error);
  if (error) throw_output("cannot move the export into place: " + error.message(), {.file = target_.string()});
  committed_ = true;
}

}  // namespace zanplan::exporter
