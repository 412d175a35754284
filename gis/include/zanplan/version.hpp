#pragma once
#include <string_view>
namespace zanplan {
// The program version, from CMake's project(VERSION).
std::string_view version() noexcept;
}  // namespace zanplan
