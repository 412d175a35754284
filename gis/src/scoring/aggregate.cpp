#include "zanplan/scoring/aggregate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace zanplan::scoring {

namespace {

void require_columns(const ScoreMatrix& x, std::size_t count, const char* what) {
  if (x.columns() != count) throw std::invalid_argument(std::string(what) + ": one entry per column expected");
}

// Column j divided by its Euclidean norm; an all-zero column stays zero.
ScoreMatrix vector_normalised(const ScoreMatrix& x) {
  ScoreMatrix r(x.rows(), x.columns());
  for (std::size_t j = 0; j < x.columns(); ++j) {
    double sum_squares = 0;
    for (std::size_t i = 0; i < x.rows(); ++i) sum_squares += x.at(i, j) * x.at(i, j);
    const double norm = std::sqrt(sum_squares);
    for (std::size_t i = 0; i < x.rows(); ++i) r.at(i, j) = norm > 0 ? x.at(i, j) / norm : 0.0;
  }
  return r;
}

double column_extreme(const ScoreMatrix& r, std::size_t j, bool want_max) {
  double best = want_max ? -INFINITY : INFINITY;
  for (std::size_t i = 0; i < r.rows(); ++i) best = want_max ? std::max(best, r.at(i, j)) : std::min(best, r.at(i, j));
  return r.rows() == 0 ? 0.0 : best;
}

std::vector<double> matrix_times(const std::vector<std::vector<double>>& a, const std::vector<double>& w) {
  std::vector<double> out(w.size(), 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < w.size(); ++j) out[i] += a[i][j] * w[j];
  }
  return out;
}

void normalise_sum(std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  for (double& x : v) x /= sum;
}

void require_ahp_matrix(const std::vector<std::vector<double>>& a) {
  if (a.empty() || a.size() > 10) throw std::invalid_argument("AHP matrix must have 1 to 10 rows");
  for (const auto& row : a) {
    if (row.size() != a.size()) throw std::invalid_argument("AHP matrix must be square");
    for (double v : row) {
      if (!(v > 0) || !std::isfinite(v)) throw std::invalid_argument("AHP matrix entries must be positive");
    }
  }
}

}  // namespace

std::vector<double> weighted_sum(const ScoreMatrix& x, std::span<const double> weights) {
  require_columns(x, weights.size(), "weighted_sum");
  std::vector<double> scores(x.rows(), 0.0);
  for (std::size_t i = 0; i < x.rows(); ++i) {
    for (std::size_t j = 0; j < x.columns(); ++j) scores[i] += weights[j] * x.at(i, j);
  }
  return scores;
}

Topsis::Topsis(const ScoreMatrix& x, std::span<const Direction> directions) : normalised_(vector_normalised(x)) {
  require_columns(x, directions.size(), "topsis directions");
  for (std::size_t j = 0; j < x.columns(); ++j) {
    const bool benefit = directions[j] == Direction::benefit;
    // Weights are ≥ 0, so the weighted ideal is the weight times the normalised ideal.
    best_.push_back(column_extreme(normalised_, j, benefit));
    worst_.push_back(column_extreme(normalised_, j, !benefit));
  }
}

std::vector<double> Topsis::closeness(std::span<const double> weights) const {
  require_columns(normalised_, weights.size(), "topsis weights");
  std::vector<double> result(normalised_.rows(), 0.0);
  for (std::size_t i = 0; i < normalised_.rows(); ++i) {
    double to_ideal = 0;
    double to_anti_ideal = 0;
    for (std::size_t j = 0; j < normalised_.columns(); ++j) {
      const double v = normalised_.at(i, j);
      const double d_best = weights[j] * (v - best_[j]);
      const double d_worst = weights[j] * (v - worst_[j]);
      to_ideal += d_best * d_best;
      to_anti_ideal += d_worst * d_worst;
    }
    const double plus = std::sqrt(to_ideal);
    const double minus = std::sqrt(to_anti_ideal);
    result[i] = plus + minus > 0 ? minus / (plus + minus) : 0.5;
  }
  return result;
}

std::vector<double> topsis(const ScoreMatrix& x, std::span<const double> weights, std::span<const Direction> directions) {
  return Topsis(x, directions).closeness(weights);
}

double saaty_random_index(std::size_t n) {
  // Saaty (1980), The Analytic Hierarchy Process, random consistency index.
  static constexpr std::array<double, 10> kRandomIndex{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
  if (n < 1 || n > kRandomIndex.size()) throw std::invalid_argument("Saaty's random index is tabulated for n = 1..10");
  return kRandomIndex[n - 1];
}

AhpResult ahp_weights(const std::vector<std::vector<double>>& matrix) {
  require_ahp_matrix(matrix);
  const std::size_t n = matrix.size();
  // Power iteration: a positive matrix has a unique positive principal eigenvector
  // (Perron–Frobenius), to which A^k w converges from the uniform vector.
  std::vector<double> w(n, 1.0 / static_cast<double>(n));
  for (int iteration = 0; iteration < 10000; ++iteration) {
    std::vector<double> next = matrix_times(matrix, w);
    normalise_sum(next);
    double change = 0;
    for (std::size_t i = 0; i < n; ++i) change = std::max(change, std::abs(next[i] - w[i]));
    w = std::move(next);
    if (change < 1e-15) break;
  }
  const std::vector<double> aw = matrix_times(matrix, w);
  double lambda = 0;
  for (std::size_t i = 0; i < n; ++i) lambda += aw[i] / w[i];
  lambda /= static_cast<double>(n);

  AhpResult result;
  result.weights = w;
  result.lambda_max = lambda;
  result.consistency_index = n > 2 ? (lambda - static_cast<double>(n)) / static_cast<double>(n - 1) : 0.0;
  const double ri = saaty_random_index(n);
  result.consistency_ratio = ri > 0 ? result.consistency_index / ri : 0.0;
  return result;
}

}  // namespace zanplan::scoring
