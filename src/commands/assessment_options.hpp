// Options shared by `zanplan score` and `zanplan explain`, and how they become an
// AssessmentOptions (validate first, then work).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "zanplan/assessment.hpp"

namespace zanplan::cli {

struct AssessmentArguments {
  std::string workspace;
  std::string profile = "gigafactory";
  std::string regime = "climat-resilience-2023";
  std::string data_dir;  // profiles/ and regimes/; default: the bundled data folder
  std::string scenario;  // ledger scenario; empty: none
  std::vector<std::string> weights;
  std::string method;  // empty: the profile's
  std::string top;   // empty: the profile's
  std::string runs;  // empty or 0: the profile's
  std::uint64_t seed = 0;
  bool seed_given = false;
  bool pene = false;     // --pene
  bool no_pene = false;  // --no-pene; neither: the profile's default
  bool accept_inconsistent_ahp = false;
  bool quiet = false;
};

void add_assessment_options(CLI::App& command, const std::shared_ptr<AssessmentArguments>& args);

// The folder with profiles/ and regimes/: --data-dir, else $ZANPLAN_DATA_DIR, else the bundled data.
std::filesystem::path data_dir(const std::string& data_dir_option);

// Loads profile and regime, applies overrides; errors name the file, key or argument.
AssessmentOptions to_assessment_options(const AssessmentArguments& args);

}  // namespace zanplan::cli
