// The folder a command writes its outputs into (`score -o DIR`), created at the start so that
// a folder that cannot be made fails before any work, and removed again when the command
// fails before writing into it: a failed command leaves nothing behind.
#pragma once

#include <filesystem>
#include <vector>

namespace zanplan::cli {

class OutputFolder {
 public:
  // Creates `path` and its missing parents; an output error naming `path` when it cannot.
  explicit OutputFolder(const std::filesystem::path& path);
  ~OutputFolder();  // unless kept, removes the folders it created that are still empty
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  void keep() noexcept { keep_ = true; }

 private:
  std::vector<std::filesystem::path> created_;  // outermost first
  bool keep_ = false;
};

}  // namespace zanplan::cli
