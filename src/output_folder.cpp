#include "output_folder.hpp"

#include <system_error>

#include "zanplan/error.hpp"

namespace zanplan::cli {

OutputFolder::OutputFolder(const std::filesystem::path& path) {
  std::error_code error;
  // The folders missing now are the ones this command creates, and the only ones it removes.
  for (std::filesystem::path p = path; !p.empty() && !std::filesystem::exists(p, error); p = p.parent_path()) {
    created_.insert(created_.begin(), p);
    if (p == p.parent_path()) break;
  }
  std::filesystem::create_directories(path, error);
  if (error) throw_output("cannot create folder: " + error.message(), {.file = path.string()});
}

OutputFolder::~OutputFolder() {
  if (keep_) return;
  for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
    std::error_code error;
    if (!std::filesystem::is_empty(*it, error) || error) return;  // something was written: keep it
    std::filesystem::remove(*it, error);
  }
}

}  // namespace zanplan::cli
