// Aggregation of sub-scores: weighted sum, TOPSIS, and AHP weights from a pairwise matrix.
// Formulas and references in docs/scoring.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace zanplan::scoring {

// A dense row-major matrix: one row per alternative, one column per criterion.
class ScoreMatrix {
 public:
  ScoreMatrix() = default;
  ScoreMatrix(std::size_t rows, std::size_t columns) : rows_(rows), columns_(columns), values_(rows * columns, 0.0) {}

  [[nodiscard]] std::size_t rows() const { return rows_; }
  [[nodiscard]] std::size_t columns() const { return columns_; }
  [[nodiscard]] double at(std::size_t row, std::size_t column) const { return values_[row * columns_ + column]; }
  double& at(std::size_t row, std::size_t column) { return values_[row * columns_ + column]; }
  [[nodiscard]] std::span<const double> row(std::size_t r) const { return {values_.data() + r * columns_, columns_}; }

 private:
  std::size_t rows_ = 0;
  std::size_t columns_ = 0;
  std::vector<double> values_;
};

// Σ_j w_j x_ij for each row. Throws std::invalid_argument when sizes disagree.
[[nodiscard]] std::vector<double> weighted_sum(const ScoreMatrix& x, std::span<const double> weights);

enum class Direction : std::uint8_t { benefit, cost };

// TOPSIS (Hwang & Yoon 1981) with vector normalisation r_ij = x_ij / sqrt(Σ_i x_ij²).
// The normalisation and each column's best/worst normalised value do not depend on the
// weights, so they are computed once and closeness() is cheap to call with many weight
// vectors (sensitivity analysis). Weights must be ≥ 0.
class Topsis {
 public:
  Topsis(const ScoreMatrix& x, std::span<const Direction> directions);

  // C_i = d_i⁻ / (d_i⁺ + d_i⁻) with Euclidean distances of the weighted normalised row to
  // the ideal and anti-ideal points; 0.5 when both distances are 0 (all rows equal).
  [[nodiscard]] std::vector<double> closeness(std::span<const double> weights) const;

 private:
  ScoreMatrix normalised_;
  std::vector<double> best_;   // per column, normalised
  std::vector<double> worst_;  // per column, normalised
};

[[nodiscard]] std::vector<double> topsis(const ScoreMatrix& x, std::span<const double> weights,
                                         std::span<const Direction> directions);

struct AhpResult {
  std::vector<double> weights;  // principal eigenvector, normalised to sum 1
  double lambda_max = 0;
  double consistency_index = 0;  // (λmax − n) / (n − 1); 0 for n ≤ 2
  double consistency_ratio = 0;  // CI / RI(n); 0 when RI(n) = 0 (n ≤ 2)
};

// Saaty's random index RI(n) for n = 1..10; throws std::invalid_argument otherwise.
[[nodiscard]] double saaty_random_index(std::size_t n);

// AHP priorities of a positive square matrix (n = 1..10) by power iteration. The caller
// validates the matrix (positive, reciprocal); throws std::invalid_argument if it is not
// square, empty, larger than 10 or has a non-positive entry.
[[nodiscard]] AhpResult ahp_weights(const std::vector<std::vector<double>>& matrix);

}  // namespace zanplan::scoring
