#include "zanplan/scoring/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <thread>

namespace zanplan::scoring {

double PortableRandom::uniform() {
  // The top 53 bits of a raw draw, scaled to [0, 1): exact in a double.
  constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;
  return static_cast<double>(next_raw() >> 11) * kTwoToMinus53;
}

double PortableRandom::standard_normal() {
  // Box–Muller on u1 ∈ (0, 1] (so the log is finite) and u2 ∈ [0, 1).
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::vector<double> perturb_weights(std::span<const double> base, double sigma, PortableRandom& random) {
  std::vector<double> w(base.begin(), base.end());
  double sum = 0;
  for (double& x : w) {
    x *= std::exp(sigma * random.standard_normal());
    sum += x;
  }
  if (sum > 0) {
    for (double& x : w) x /= sum;
  }
  return w;
}

namespace {

// Higher score first; equal scores: lower index first. A strict total order, so the top K
// set is unique.
struct BetterFirst {
  std::span<const double> scores;
  bool operator()(std::size_t x, std::size_t y) const {
    if (scores[x] != scores[y]) return scores[x] > scores[y];
    return x < y;
  }
};

// Scores rows for one weight vector; TOPSIS keeps its weight-independent part.
class Scorer {
 public:
  Scorer(const ScoreMatrix& sub_scores, Aggregation aggregation) : matrix_(sub_scores) {
    if (aggregation == Aggregation::topsis) {
      const std::vector<Direction> benefits(sub_scores.columns(), Direction::benefit);
      topsis_.emplace(sub_scores, benefits);
    }
  }
  [[nodiscard]] std::vector<double> operator()(std::span<const double> weights) const {
    return topsis_ ? topsis_->closeness(weights) : weighted_sum(matrix_, weights);
  }

 private:
  const ScoreMatrix& matrix_;
  std::optional<Topsis> topsis_;
};

// Fills `members` with the top k rows of `scores` (unordered), reusing its storage.
void select_top(std::span<const double> scores, std::size_t k, std::vector<std::size_t>& members) {
  members.resize(scores.size());
  std::iota(members.begin(), members.end(), std::size_t{0});
  const auto kth = members.begin() + static_cast<std::ptrdiff_t>(k);
  std::nth_element(members.begin(), kth, members.end(), BetterFirst{scores});
  members.resize(k);
}

}  // namespace

std::vector<std::size_t> top_k_indices(std::span<const double> scores, std::size_t k) {
  k = std::min(k, scores.size());
  std::vector<std::size_t> top;
  if (k == 0) return top;
  select_top(scores, k, top);
  std::sort(top.begin(), top.end(), BetterFirst{scores});
  return top;
}

SensitivityResult weight_sensitivity(const ScoreMatrix& sub_scores, std::span<const double> weights,
                                     Aggregation aggregation, const SensitivityOptions& options) {
  if (weights.size() != sub_scores.columns()) throw std::invalid_argument("weight_sensitivity: one weight per column");
  const Scorer score(sub_scores, aggregation);
  const std::size_t k = std::min(options.top_k, sub_scores.rows());

  SensitivityResult result;
  result.base_top = top_k_indices(score(weights), k);
  result.stability.assign(result.base_top.size(), 0.0);
  if (k == 0 || options.runs == 0) return result;

  // The perturbed weights are drawn in order from one generator, so the runs are the same
  // whatever the number of threads; the runs are then scored on every core, each thread
  // counting how often each base top member stays in the top.
  PortableRandom random(options.seed);
  std::vector<std::vector<double>> perturbed(options.runs);
  for (auto& w : perturbed) w = perturb_weights(weights, options.sigma, random);
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
  std::vector<std::vector<std::size_t>> stays_of(threads, std::vector<std::size_t>(k, 0));
  auto work = [&](unsigned thread) {
    std::vector<std::size_t> run_top;
    std::vector<std::size_t> in_top_of_run(sub_scores.rows(), 0);  // run number + 1 when in that run's top
    for (std::size_t run = thread; run < options.runs; run += threads) {
      const std::vector<double> scores = score(perturbed[run]);
      select_top(scores, k, run_top);
      for (std::size_t row : run_top) in_top_of_run[row] = run + 1;
      for (std::size_t m = 0; m < k; ++m) {
        if (in_top_of_run[result.base_top[m]] == run + 1) ++stays_of[thread][m];
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
  }
  std::vector<std::size_t> stays(k, 0);
  for (const auto& counts : stays_of) {
    for (std::size_t m = 0; m < k; ++m) stays[m] += counts[m];
  }
  for (std::size_t m = 0; m < k; ++m) {
    result.stability[m] = static_cast<double>(stays[m]) / static_cast<double>(options.runs);
  }
  return result;
}

}  // namespace zanplan::scoring
