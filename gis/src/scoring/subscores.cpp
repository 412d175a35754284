#include "zanplan/scoring/subscores.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace zanplan::scoring {

CriterionValues criterion_scores(const Profile& profile, const CriterionValues& values) {
  CriterionValues scores = unmeasured_values();
  for (const CriterionSpec& s : profile.criteria) scores[index_of(s.id)] = evaluate(s.value, values[index_of(s.id)]);
  return scores;
}

std::vector<double> user_criterion_scores(const Profile& profile, const std::vector<double>& values) {
  std::vector<double> scores;
  scores.reserve(profile.user_criteria.size());
  for (std::size_t i = 0; i < profile.user_criteria.size(); ++i) {
    const double v = i < values.size() ? values[i] : std::numeric_limits<double>::quiet_NaN();
    scores.push_back(evaluate(profile.user_criteria[i].value, v));
  }
  return scores;
}

double logistics_score(const LogisticsGroup& group, const CriterionValues& criterion_scores) {
  double result = 0;
  for (std::size_t i = 0; i < group.members.size(); ++i) {
    const double s = criterion_scores[index_of(group.members[i])];
    result = group.rule == LogisticsRule::best_of ? std::max(result, s) : result + group.member_weights[i] * s;
  }
  return result;
}

std::vector<double> item_scores(const Profile& profile, const CriterionValues& criterion_scores,
                                const std::vector<double>& user_scores) {
  std::vector<double> scores;
  scores.reserve(profile.weights.size());
  for (const WeightedItem& item : profile.weights) {
    if (item.user) {
      scores.push_back(*item.user < user_scores.size() ? user_scores[*item.user] : std::numeric_limits<double>::quiet_NaN());
    } else {
      scores.push_back(item.criterion ? criterion_scores[index_of(*item.criterion)]
                                      : logistics_score(*profile.logistics, criterion_scores));
    }
  }
  return scores;
}

double logistics_penalty(const Profile& profile, const CriterionValues& criterion_scores) {
  if (profile.logistics) return 1.0 - logistics_score(*profile.logistics, criterion_scores);
  double weighted = 0;
  double weight_sum = 0;
  double plain = 0;
  std::size_t count = 0;
  for (const WeightedItem& item : profile.weights) {
    if (!item.criterion || !is_logistics_criterion(*item.criterion)) continue;
    const double s = criterion_scores[index_of(*item.criterion)];
    weighted += item.weight * s;
    weight_sum += item.weight;
    plain += s;
    ++count;
  }
  if (count == 0) return 0.0;
  return 1.0 - (weight_sum > 0 ? weighted / weight_sum : plain / static_cast<double>(count));
}

double connection_cost_eur(const Profile& profile, int voltage_kv, double distance_km) {
  if (profile.connection_costs.empty() || std::isnan(distance_km)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(distance_km)) return std::numeric_limits<double>::infinity();
  const int wanted = voltage_kv > 0 ? voltage_kv : profile.min_voltage_kv;
  const auto level = std::find_if(profile.connection_costs.begin(), profile.connection_costs.end(),
                                  [&](const ConnectionLevel& l) { return l.voltage_kv >= wanted; });
  const ConnectionLevel& chosen = level != profile.connection_costs.end() ? *level : profile.connection_costs.back();
  return chosen.bay_eur + chosen.eur_per_km * distance_km;
}

}  // namespace zanplan::scoring
