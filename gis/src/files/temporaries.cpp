#include "files/temporaries.hpp"

#include <algorithm>
#include <cerrno>
#include <system_error>

#include <signal.h>
#include <unistd.h>

namespace zanplan::files {

namespace {

constexpr std::size_t max_pid_digits = 10;  // Linux pids are below 2^22

// EPERM: the process exists but belongs to another user.
bool process_is_alive(long pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

std::string temporary_prefix(const std::filesystem::path& target) { return target.filename().string() + ".tmp-"; }

std::filesystem::path temporary_for(const std::filesystem::path& target, const std::string& suffix) {
  return target.parent_path() / (temporary_prefix(target) + std::to_string(::getpid()) + suffix);
}

void remove_stale_temporaries(const std::filesystem::path& target) {
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  const std::string prefix = temporary_prefix(target);
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    // NAME.tmp-PID or NAME.tmp-PID-…; anything else merely starts alike and is not ours.
    const std::size_t digits = std::min(rest.find_first_not_of("0123456789"), rest.size());
    if (digits == 0 || digits > max_pid_digits || (digits < rest.size() && rest[digits] != '-')) continue;
    if (process_is_alive(std::stol(rest.substr(0, digits)))) continue;
    std::error_code ignored;
    std::filesystem::remove(entry.path(), ignored);
  }
}

}  // namespace zanplan::files
