// Pareto front on three objectives, all minimised: ZAN cost, power access, logistics access.
#pragma once

#include <span>
#include <vector>

namespace zanplan::scoring {

struct Objectives {
  double zan = 0;        // ENAF hectares consumed
  double power = 0;      // connection cost (or distance)
  double logistics = 0;  // 1 − logistics sub-score (or a distance)
};

// flags[i] is true when no other point dominates point i (is ≤ in every objective and < in
// at least one). Identical points do not dominate each other. NaN counts as +inf.
// O(n log n): see pareto.cpp.
[[nodiscard]] std::vector<bool> pareto_front(std::span<const Objectives> points);

}  // namespace zanplan::scoring
