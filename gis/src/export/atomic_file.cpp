#include "export/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <string>
#include <system_error>

#include <signal.h>
#include <unistd.h>

#include "zanplan/error.hpp"

namespace zanplan::exporter {

namespace {

std::string temporary_prefix(const std::filesystem::path& target) { return target.filename().string() + ".tmp-"; }

// Unique among the threads of this process and among processes (by pid).
std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path name = temporary_prefix(target) + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  name += target.extension();
  return target.parent_path() / name;
}

bool process_is_alive(long pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// Files named TARGET.tmp-PID-N… (with SQLite's -journal/-wal/-shm beside them) whose
// process is gone: a run killed while writing left them.
void remove_stale_temporaries(const std::filesystem::path& target, const std::filesystem::path& directory) {
  const std::string prefix = temporary_prefix(target);
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const std::size_t digits = rest.find_first_not_of("0123456789");
    if (digits == 0 || digits == std::string::npos || rest[digits] != '-') continue;
    if (process_is_alive(std::stol(rest.substr(0, digits)))) continue;
    std::error_code ignored;
    std::filesystem::remove(entry.path(), ignored);
  }
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
  remove_stale_temporaries(replaced_, replaced_.has_parent_path() ? replaced_.parent_path() : directory);
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
