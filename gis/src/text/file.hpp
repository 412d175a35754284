// Reading a whole input file (CSV, TOML) with errors that say what is wrong with the path:
// missing, a directory, permission denied or an I/O error. Internal to gis.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "zanplan/error.hpp"

namespace zanplan::text {

// The bytes of `path`. `kind` is the error raised (input for data files, config for the
// profile, regime and manifest); `what` names the file in "… not found" ("profile file").
std::string read_file(const std::filesystem::path& path, ErrorKind kind, std::string_view what);

}  // namespace zanplan::text
