// Criteria and their value functions: how a raw measurement (a distance in km, hectares of
// ENAF land, a share of the ZAN envelope) becomes a sub-score in [0, 1], 1 being best.
// See docs/scoring.md for the formulas.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

namespace zanplan::scoring {

// The raw criteria a profile can score. Every one is a non-negative quantity.
enum class Criterion : std::uint8_t {
  power_distance_km,     // to the nearest connectable substation at or above the minimum voltage
  motorway_distance_km,  // to the nearest motorway access point
  rail_distance_km,      // to the nearest rail point open to freight
  port_distance_km,      // to the nearest port
  enaf_ha,               // ENAF hectares the site would consume (its ZAN cost)
  envelope_share,        // enaf_ha / remaining ZAN envelope of the territory charged, 0..inf
};

inline constexpr std::size_t kCriterionCount = 6;
inline constexpr std::array<Criterion, kCriterionCount> kAllCriteria{
    Criterion::power_distance_km, Criterion::motorway_distance_km, Criterion::rail_distance_km,
    Criterion::port_distance_km,  Criterion::enaf_ha,              Criterion::envelope_share};

// One raw value per criterion, indexed by index_of(criterion). NaN means "not measured".
using CriterionValues = std::array<double, kCriterionCount>;

[[nodiscard]] constexpr std::size_t index_of(Criterion c) { return static_cast<std::size_t>(c); }
[[nodiscard]] std::string_view criterion_name(Criterion c);
[[nodiscard]] std::optional<Criterion> criterion_from_name(std::string_view name);
// Only the three transport distances may be grouped into the logistics criterion.
[[nodiscard]] bool is_logistics_criterion(Criterion c);
[[nodiscard]] CriterionValues unmeasured_values();

enum class ValueShape : std::uint8_t {
  linear,       // 1 at/better than `ideal`, 0 at/worse than `unacceptable`, linear between
  step,         // piecewise constant: `scores[i]` up to `thresholds[i]`
  exponential,  // 0.5 ^ (max(0, v - ideal) / half_value): "less is better" only
};

[[nodiscard]] std::string_view shape_name(ValueShape s);

struct ValueFunction {
  ValueShape shape = ValueShape::linear;
  double ideal = 0;         // linear, exponential
  double unacceptable = 1;  // linear; may be below `ideal` ("more is better")
  double half_value = 1;    // exponential: excess over `ideal` at which the score is 0.5
  std::vector<double> thresholds;  // step: strictly increasing
  std::vector<double> scores;      // step: thresholds.size() + 1 values in [0, 1]
};

// The sub-score of `value`, in [0, 1]. NaN scores 0 (an unmeasured value is worst);
// +inf is handled by the limits of each shape (a missing feature is infinitely far).
[[nodiscard]] double evaluate(const ValueFunction& f, double value);

}  // namespace zanplan::scoring
