// A small valid profile as text, written to temporary files with edits, and candidates
// with the criteria it scores, for the profile and ranking tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "zanplan/error.hpp"
#include "zanplan/scoring/profile.hpp"
#include "zanplan/scoring/ranking.hpp"

namespace zanplan::scoring::testing_support {

inline const std::string kBaseProfile = R"(name = "test"
description = "profile for tests"

[area]
min_ha = 10.0
max_ha = 100.0

[power]
need_mw = 100.0
min_voltage_kv = 225
max_connection_km = 20.0

[pene]
eligible = true
default = false

[[connection_cost]]
voltage_kv = 225
eur_per_km = 2000000.0
bay_eur = 4000000.0

[[connection_cost]]
voltage_kv = 400
eur_per_km = 5000000.0
bay_eur = 8000000.0

[criteria.power_distance_km]
function = "linear"
ideal = 0.0
unacceptable = 20.0

[criteria.rail_distance_km]
function = "exponential"
ideal = 1.0
half_value = 5.0

[criteria.port_distance_km]
function = "linear"
ideal = 5.0
unacceptable = 50.0

[criteria.enaf_ha]
function = "step"
thresholds = [0.0, 10.0]
scores = [1.0, 0.5, 0.0]

[logistics]
rule = "best_of"
members = ["rail_distance_km", "port_distance_km"]

[weights]
power_distance_km = 0.5
logistics = 0.3
enaf_ha = 0.2
)";

// The 1-based line of the first occurrence of `needle` in `text` (searched independently of
// the loader, to check the lines its errors report).
inline std::int64_t line_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  if (at == std::string::npos) throw std::runtime_error("test text lacks: " + needle);
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
}

// `text` with the first occurrence of `from` replaced by `to`.
inline std::string edited(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("test text lacks: " + from);
  return text.replace(at, from.size(), to);
}

inline std::filesystem::path write_profile(const std::string& text, const std::string& name = "profile.toml") {
  // Per process: ctest runs this file's tests in parallel processes.
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("zanplan-scoring-tests-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

inline Profile load_text(const std::string& text, const ProfileLoadOptions& options = {}) {
  return load_profile(write_profile(text), options);
}

// Loads `text`, expecting a config error on `key` at `line`; returns the error message.
inline std::string expect_config_error(const std::string& text, const std::string& key, std::int64_t line,
                                       const ProfileLoadOptions& options = {}) {
  try {
    (void)load_text(text, options);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config) << e.what();
    EXPECT_EQ(e.context().key, key) << e.what();
    EXPECT_EQ(e.context().line, line) << e.what();
    EXPECT_NE(e.context().file.find("profile.toml"), std::string::npos) << e.what();
    return e.message();
  }
  ADD_FAILURE() << "no error for key " << key;
  return {};
}

// A candidate with the criteria the base profile scores (motorway distance and envelope
// share unmeasured).
inline CandidateInput candidate(const std::string& id, double area, double power, double rail, double port, double enaf,
                                int voltage = 0, const ExclusionReason& exclusion = std::nullopt) {
  CandidateInput c;
  c.id = id;
  c.area_ha = area;
  c.values[index_of(Criterion::power_distance_km)] = power;
  c.values[index_of(Criterion::rail_distance_km)] = rail;
  c.values[index_of(Criterion::port_distance_km)] = port;
  c.values[index_of(Criterion::enaf_ha)] = enaf;
  c.power_voltage_kv = voltage;
  c.exclusion = exclusion;
  return c;
}

}  // namespace zanplan::scoring::testing_support
