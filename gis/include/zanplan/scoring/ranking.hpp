// Ranking candidate sites for a profile: exclusions, sub-scores, score, rank, Pareto flag
// and weight stability, deterministically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "zanplan/scoring/exclusion.hpp"
#include "zanplan/scoring/profile.hpp"
#include "zanplan/scoring/value_function.hpp"

namespace zanplan::scoring {

struct CandidateInput {
  std::string id;  // unique
  double area_ha = std::numeric_limits<double>::quiet_NaN();
  CriterionValues values = unmeasured_values();  // +inf distance: no such feature
  std::vector<double> user_values;  // one per profile.user_criteria, NaN: unmeasured
  int power_voltage_kv = 0;  // voltage of the substation behind power_distance_km; 0 = unknown
  ExclusionReason exclusion;  // set by the caller (e.g. inside_layer "natura2000"); none = allowed
};

struct RankingOptions {
  std::optional<Aggregation> aggregation;  // default: the profile's
  std::optional<std::size_t> top_k;        // default: the profile's
  std::optional<SensitivitySettings> sensitivity;  // default: the profile's
  bool with_sensitivity = true;
};

struct RankedCandidate {
  std::string id;
  ExclusionReason exclusion;  // why it is not ranked; none when ranked
  CriterionValues criterion_scores{};  // value-function results, NaN for criteria not in the profile
  std::vector<double> user_scores;     // one per profile.user_criteria
  std::vector<double> sub_scores;      // one per profile.weights item
  double score = std::numeric_limits<double>::quiet_NaN();  // NaN when excluded
  std::optional<std::size_t> rank;     // 1-based among ranked candidates
  bool pareto = false;                 // non-dominated among ranked candidates
  std::optional<double> stability;     // only for the top K, when sensitivity ran
  double connection_cost_eur = std::numeric_limits<double>::quiet_NaN();
};

struct Ranking {
  // Ranked candidates by rank, then excluded ones by id: the same whatever the input order.
  std::vector<RankedCandidate> candidates;
  std::size_t ranked_count = 0;
  std::size_t top_k = 0;
  Aggregation aggregation = Aggregation::weighted_sum;
};

// Why a candidate cannot be ranked, from the profile's hard constraints (none when it can):
// the caller's reason first, then area range, unmeasured criteria, connection distance,
// constraints.max / constraints.min.
[[nodiscard]] ExclusionReason exclusion_reason(const Profile& profile, const CandidateInput& candidate);

// Throws an input error naming the key "id" when two candidates share an id.
[[nodiscard]] Ranking rank_candidates(const Profile& profile, const std::vector<CandidateInput>& candidates,
                                      const RankingOptions& options = {});

}  // namespace zanplan::scoring
