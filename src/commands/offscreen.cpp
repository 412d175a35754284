#include "commands/offscreen.hpp"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace zanplan::cli {

std::unique_ptr<QGuiApplication> offscreen_application() {
  if (QGuiApplication::instance() != nullptr) return nullptr;
  if (std::getenv("QT_QPA_PLATFORM") == nullptr) qputenv("QT_QPA_PLATFORM", "offscreen");
  if (std::getenv("XDG_RUNTIME_DIR") == nullptr) {
    // Qt wants a private runtime folder; without one it warns on every run.
    const auto dir = std::filesystem::temp_directory_path() / ("zanplan-runtime-" + std::to_string(::getuid()));
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    qputenv("XDG_RUNTIME_DIR", QByteArray::fromStdString(dir.string()));
  }
  static int argc = 1;
  static char name[] = "zanplan";
  static char* argv[] = {name, nullptr};
  return std::make_unique<QGuiApplication>(argc, argv);
}

}  // namespace zanplan::cli
