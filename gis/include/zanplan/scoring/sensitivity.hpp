// Monte Carlo weight sensitivity: how often does each candidate of the base top K stay in
// the top K when the weights are perturbed? Seeded and portable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "zanplan/scoring/aggregate.hpp"
#include "zanplan/scoring/profile.hpp"

namespace zanplan::scoring {

// Random numbers built from std::mt19937_64's raw output (whose sequence the standard fixes)
// rather than std distributions (whose algorithms are implementation-defined).
class PortableRandom {
 public:
  explicit PortableRandom(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t next_raw() { return engine_(); }
  double uniform();          // [0, 1), 53 random bits
  double standard_normal();  // Box–Muller, one value per call

 private:
  std::mt19937_64 engine_;
};

// w_i × exp(σ z_i), z_i ~ N(0, 1), then renormalised to sum 1. A zero weight stays zero.
[[nodiscard]] std::vector<double> perturb_weights(std::span<const double> base, double sigma, PortableRandom& random);

struct SensitivityOptions {
  std::size_t runs = 200;
  double sigma = 0.2;
  std::size_t top_k = 10;
  std::uint64_t seed = 1;
};

struct SensitivityResult {
  std::vector<std::size_t> base_top;  // row indices of the base top K, best first
  std::vector<double> stability;      // for each of base_top: fraction of runs in the top K
};

// Ranks rows by score (higher first; ties: lower row index first, so callers pass rows in
// their tie-break order), with `aggregation` applied to the sub-score matrix (all columns
// are benefits). O(runs × rows × columns) with a partial selection (nth_element) per run.
[[nodiscard]] SensitivityResult weight_sensitivity(const ScoreMatrix& sub_scores, std::span<const double> weights,
                                                   Aggregation aggregation, const SensitivityOptions& options);

// The indices of the k best scores (higher first, ties by lower index), best first.
[[nodiscard]] std::vector<std::size_t> top_k_indices(std::span<const double> scores, std::size_t k);

}  // namespace zanplan::scoring
