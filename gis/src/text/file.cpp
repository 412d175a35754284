#include "text/file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace zanplan::text {

namespace {

[[noreturn]] void fail(ErrorKind kind, const std::string& message, const std::filesystem::path& path) {
  throw Error(kind, message, {.file = path.string()});
}

std::string reason(int error) {
  if (error == EACCES || error == EPERM) return "permission denied";
  return std::strerror(error);
}

}  // namespace

std::string read_file(const std::filesystem::path& path, ErrorKind kind, std::string_view what) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) fail(kind, std::string(what) + " not found", path);
    fail(kind, "cannot read " + std::string(what) + ": " + reason(error), path);
  }
  const std::unique_ptr<int, void (*)(int*)> closer(new int(fd), [](int* f) {
    ::close(*f);
    delete f;
  });
  struct stat info {};
  if (::fstat(fd, &info) != 0) fail(kind, "cannot read " + std::string(what) + ": " + reason(errno), path);
  if (S_ISDIR(info.st_mode)) fail(kind, "is a directory, not a " + std::string(what), path);
  std::string content;
  if (S_ISREG(info.st_mode) && info.st_size > 0) content.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(kind, "cannot read " + std::string(what) + ": " + reason(errno), path);
    }
    content.append(buffer, static_cast<std::size_t>(n));
  }
  return content;
}

}  // namespace zanplan::text
