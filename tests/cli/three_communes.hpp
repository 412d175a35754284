// A small workspace for the user layer tests: the demo's real inputs for Lille, Roubaix and
// Tourcoing at a low parcel density, generated and imported by the zanplan program.
#pragma once

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "support/program.hpp"

namespace zanplan::test_support {

// Writes `dir`/clean.gpkg and returns what went wrong (empty on success): the failing
// command's output.
inline std::string import_three_communes(const std::filesystem::path& dir, std::filesystem::path& workspace) {
  const std::filesystem::path data = std::filesystem::path(ZANPLAN_DATA_DIR) / "region-32";
  const std::string text = std::regex_replace(read_file(data / "sources.toml"), std::regex("file = \"(real/|scot-|communal-)"),
                                              "file = \"" + data.string() + "/$1");
  const std::filesystem::path manifest = dir / "sources.toml";
  std::ofstream(manifest) << text;
  workspace = dir / "clean.gpkg";
  const Outcome generate =
      run_zanplan("generate -q --sources " + quoted(manifest) + " --density 0.002 --seed 5 --communes 59350,59512,59599");
  if (generate.code != 0) return "generate: " + generate.out;
  const Outcome import = run_zanplan("import -q --sources " + quoted(manifest) + " -o " + quoted(workspace));
  if (import.code != 0) return "import: " + import.out;
  return {};
}

}  // namespace zanplan::test_support
