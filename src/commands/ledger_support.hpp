// Shared by `zanplan budget` and `zanplan scenario`: regimes by name and the ledger table.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

#include "zanplan/ledger.hpp"
#include "zanplan/pene.hpp"

namespace zanplan::cli {

inline constexpr const char* default_regime = "climat-resilience-2023";

// Loads data/regimes/NAME.toml (or a path) from data_dir (default: the bundled data).
std::function<LegalRegime(const std::string&)> regime_loader(const std::string& data_dir);

// data_dir, else $ZANPLAN_DATA_DIR, else the bundled data folder.
std::filesystem::path data_dir_or_default(const std::string& data_dir);

// The region's PENE list: DATA_DIR/region-CODE/pene-annex-1.csv (an input error if absent).
PeneList region_pene_list(const std::string& data_dir, const std::string& region_code);

// The table of one level with the regime, synthetic-data and PENE notes.
void print_ledger(const Ledger& ledger, Level level, std::ostream& out);

// At most `width` code points, so that a cut never splits a UTF-8 sequence.
std::string clip(const std::string& text, std::size_t width);

// $USER, else "unknown".
std::string default_author();

}  // namespace zanplan::cli
