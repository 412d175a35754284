// From a candidate's raw criterion values to the sub-scores a profile weighs.
#pragma once

#include <vector>

#include "zanplan/scoring/profile.hpp"
#include "zanplan/scoring/value_function.hpp"

namespace zanplan::scoring {

// The value function of each criterion the profile defines; NaN for the others.
[[nodiscard]] CriterionValues criterion_scores(const Profile& profile, const CriterionValues& values);

// The value function of each of the profile's user criteria, in profile.user_criteria order
// (values: one per user criterion; a missing one scores as NaN would, 0).
[[nodiscard]] std::vector<double> user_criterion_scores(const Profile& profile, const std::vector<double>& values);

// The logistics group's sub-score from the criterion sub-scores (best_of: max; weighted: Σ).
[[nodiscard]] double logistics_score(const LogisticsGroup& group, const CriterionValues& criterion_scores);

// One sub-score per profile.weights item, in that order.
[[nodiscard]] std::vector<double> item_scores(const Profile& profile, const CriterionValues& criterion_scores,
                                              const std::vector<double>& user_scores = {});

// The logistics objective for the Pareto front, to minimise: 1 − the logistics group's
// sub-score; without a group, 1 − the weight-averaged sub-scores of the transport criteria
// the profile weighs (plain mean when their weights are all 0); 0 when it weighs none.
[[nodiscard]] double logistics_penalty(const Profile& profile, const CriterionValues& criterion_scores);

}  // namespace zanplan::scoring
