// Helpers shared by the formats tests: temporary files and fixture text.
#pragma once

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>
#include <zlib.h>

namespace zanplan::test {

inline std::filesystem::path fixture(const std::string& relative) {
  return std::filesystem::path(ZANPLAN_FIXTURES_DIR) / relative;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// The text of a gzip file, inflated by zlib.
inline std::string read_gzip(const std::filesystem::path& path) {
  gzFile in = gzopen(path.c_str(), "rb");
  if (in == nullptr) throw std::runtime_error("test setup: cannot open " + path.string());
  std::string text;
  std::array<char, 1 << 16> buffer{};
  int read = 0;
  while ((read = gzread(in, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0)
    text.append(buffer.data(), static_cast<std::size_t>(read));
  const bool ok = read == 0;
  gzclose(in);
  if (!ok) throw std::runtime_error("test setup: cannot inflate " + path.string());
  return text;
}

// A fresh directory under the system temporary directory, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& name, const std::string& content) const {
    const auto file = path_ / name;
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Replaces the first occurrence of `from` (which must occur) in `text`.
inline std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("test setup: text not found: " + from);
  return text.replace(at, from.size(), to);
}

}  // namespace zanplan::test
