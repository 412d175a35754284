#include "zanplan/scoring/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "zanplan/error.hpp"
#include "zanplan/scoring/aggregate.hpp"
#include "zanplan/scoring/pareto.hpp"
#include "zanplan/scoring/sensitivity.hpp"
#include "zanplan/scoring/subscores.hpp"

namespace zanplan::scoring {

namespace {

// The criteria whose values must be measured: every scored or constrained one, and the
// power distance, which every profile needs.
std::vector<Criterion> required_criteria(const Profile& profile) {
  std::vector<Criterion> required;
  for (Criterion c : kAllCriteria) {
    const bool needed = c == Criterion::power_distance_km || profile.spec(c) != nullptr ||
                        profile.constraints.max_value[index_of(c)] || profile.constraints.min_value[index_of(c)];
    if (needed) required.push_back(c);
  }
  return required;
}

ExclusionReason bound_violation(const Profile& profile, const CandidateInput& candidate) {
  for (Criterion c : kAllCriteria) {
    const double v = candidate.values[index_of(c)];
    if (const auto& max = profile.constraints.max_value[index_of(c)]; max && v > *max) {
      return Exclusion{ExclusionCode::constraint_max, fmt::format("{} = {:g}; maximum {:g}", criterion_name(c), v, *max)};
    }
    if (const auto& min = profile.constraints.min_value[index_of(c)]; min && v < *min) {
      return Exclusion{ExclusionCode::constraint_min, fmt::format("{} = {:g}; minimum {:g}", criterion_name(c), v, *min)};
    }
  }
  return std::nullopt;
}

void require_unique_ids(const std::vector<CandidateInput>& candidates, const std::vector<std::size_t>& by_id) {
  for (std::size_t k = 1; k < by_id.size(); ++k) {
    if (candidates[by_id[k]].id == candidates[by_id[k - 1]].id) {
      throw_input("duplicate candidate id '" + candidates[by_id[k]].id + "'", {.key = "id"});
    }
  }
}

RankedCandidate assess(const Profile& profile, const CandidateInput& candidate) {
  RankedCandidate r;
  r.id = candidate.id;
  r.exclusion = exclusion_reason(profile, candidate);
  r.criterion_scores = criterion_scores(profile, candidate.values);
  r.user_scores = user_criterion_scores(profile, candidate.user_values);
  r.sub_scores = item_scores(profile, r.criterion_scores, r.user_scores);
  r.connection_cost_eur = connection_cost_eur(profile, candidate.power_voltage_kv,
                                              candidate.values[index_of(Criterion::power_distance_km)]);
  return r;
}

std::vector<double> aggregate(const ScoreMatrix& m, std::span<const double> weights, Aggregation aggregation) {
  if (aggregation == Aggregation::weighted_sum) return weighted_sum(m, weights);
  const std::vector<Direction> benefits(m.columns(), Direction::benefit);
  return topsis(m, weights, benefits);
}

}  // namespace

ExclusionReason exclusion_reason(const Profile& profile, const CandidateInput& candidate) {
  if (candidate.exclusion) return candidate.exclusion;
  if (std::isnan(candidate.area_ha)) return Exclusion{ExclusionCode::area_unmeasured, {}};
  if (candidate.area_ha < profile.min_ha || candidate.area_ha > profile.max_ha) {
    return Exclusion{ExclusionCode::outside_area_range,
                     fmt::format("{:.2f} ha; the profile allows {:g}–{:g} ha", candidate.area_ha, profile.min_ha, profile.max_ha)};
  }
  for (Criterion c : required_criteria(profile)) {
    if (std::isnan(candidate.values[index_of(c)])) return Exclusion{ExclusionCode::unmeasured, std::string(criterion_name(c))};
  }
  // A user criterion is unmeasured when its layer's attribute is missing under the site (and
  // the profile gives no `missing` value): ranking it as the worst would hide the gap.
  for (std::size_t i = 0; i < profile.user_criteria.size(); ++i) {
    if (i >= candidate.user_values.size() || std::isnan(candidate.user_values[i])) {
      return Exclusion{ExclusionCode::unmeasured, profile.user_criteria[i].id};
    }
  }
  const double power_km = candidate.values[index_of(Criterion::power_distance_km)];
  if (power_km > profile.max_connection_km) {
    if (std::isinf(power_km)) return Exclusion{ExclusionCode::no_substation, {}};
    return Exclusion{ExclusionCode::too_far_from_power,
                     fmt::format("nearest {:.1f} km; the profile allows {:g} km", power_km, profile.max_connection_km)};
  }
  return bound_violation(profile, candidate);
}

Ranking rank_candidates(const Profile& profile, const std::vector<CandidateInput>& candidates, const RankingOptions& options) {
  std::vector<std::size_t> by_id(candidates.size());
  std::iota(by_id.begin(), by_id.end(), std::size_t{0});
  std::sort(by_id.begin(), by_id.end(), [&](std::size_t a, std::size_t b) { return candidates[a].id < candidates[b].id; });
  require_unique_ids(candidates, by_id);

  Ranking ranking;
  ranking.aggregation = options.aggregation.value_or(profile.aggregation);
  ranking.top_k = options.top_k.value_or(profile.top_k);

  // All candidates in id order; `included` lists the rankable ones, still in id order, so
  // that a lower row means a smaller id when breaking ties.
  std::vector<RankedCandidate> assessed;
  std::vector<std::size_t> included;
  std::vector<Objectives> objectives;
  for (std::size_t k : by_id) {
    assessed.push_back(assess(profile, candidates[k]));
    if (assessed.back().exclusion) continue;
    included.push_back(assessed.size() - 1);
    const RankedCandidate& r = assessed.back();
    objectives.push_back({candidates[k].values[index_of(Criterion::enaf_ha)], r.connection_cost_eur,
                          logistics_penalty(profile, r.criterion_scores)});
  }

  std::vector<double> weights;
  for (const WeightedItem& item : profile.weights) weights.push_back(item.weight);
  ScoreMatrix matrix(included.size(), weights.size());
  for (std::size_t row = 0; row < included.size(); ++row) {
    for (std::size_t j = 0; j < weights.size(); ++j) matrix.at(row, j) = assessed[included[row]].sub_scores[j];
  }
  const std::vector<double> scores = aggregate(matrix, weights, ranking.aggregation);
  const std::vector<bool> front = pareto_front(objectives);
  const std::vector<std::size_t> order = top_k_indices(scores, scores.size());
  for (std::size_t row = 0; row < included.size(); ++row) {
    assessed[included[row]].score = scores[row];
    assessed[included[row]].pareto = front[row];
  }
  for (std::size_t position = 0; position < order.size(); ++position) assessed[included[order[position]]].rank = position + 1;

  if (options.with_sensitivity && ranking.top_k > 0 && !included.empty()) {
    const SensitivitySettings s = options.sensitivity.value_or(profile.sensitivity);
    const SensitivityResult result =
        weight_sensitivity(matrix, weights, ranking.aggregation, {s.runs, s.sigma, ranking.top_k, s.seed});
    for (std::size_t m = 0; m < result.base_top.size(); ++m) assessed[included[result.base_top[m]]].stability = result.stability[m];
  }

  ranking.ranked_count = included.size();
  std::vector<bool> excluded(assessed.size(), true);
  for (std::size_t position : included) excluded[position] = false;
  for (std::size_t row : order) ranking.candidates.push_back(std::move(assessed[included[row]]));
  for (std::size_t position = 0; position < assessed.size(); ++position) {
    if (excluded[position]) ranking.candidates.push_back(std::move(assessed[position]));
  }
  return ranking;
}

}  // namespace zanplan::scoring
