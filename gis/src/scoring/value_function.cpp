#include "zanplan/scoring/value_function.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace zanplan::scoring {

namespace {
constexpr std::array<std::string_view, kCriterionCount> kNames{
    "power_distance_km", "motorway_distance_km", "rail_distance_km",
    "port_distance_km",  "enaf_ha",              "envelope_share"};

double linear(const ValueFunction& f, double value) {
  // t = 1 at `ideal` and 0 at `unacceptable`, whichever way round they are.
  const double t = (value - f.unacceptable) / (f.ideal - f.unacceptable);
  return std::clamp(t, 0.0, 1.0);
}

double step(const ValueFunction& f, double value) {
  // The first threshold at or above the value picks the score; beyond the last, the last score.
  const auto first_at_or_above = std::lower_bound(f.thresholds.begin(), f.thresholds.end(), value);
  const auto index = static_cast<std::size_t>(std::distance(f.thresholds.begin(), first_at_or_above));
  return f.scores.at(index);
}

double exponential(const ValueFunction& f, double value) {
  const double excess = std::max(0.0, value - f.ideal);
  return std::exp2(-excess / f.half_value);
}
}  // namespace

std::string_view criterion_name(Criterion c) { return kNames.at(index_of(c)); }

std::optional<Criterion> criterion_from_name(std::string_view name) {
  for (Criterion c : kAllCriteria) {
    if (criterion_name(c) == name) return c;
  }
  return std::nullopt;
}

bool is_logistics_criterion(Criterion c) {
  return c == Criterion::motorway_distance_km || c == Criterion::rail_distance_km || c == Criterion::port_distance_km;
}

CriterionValues unmeasured_values() {
  CriterionValues values{};
  values.fill(std::numeric_limits<double>::quiet_NaN());
  return values;
}

std::string_view shape_name(ValueShape s) {
  switch (s) {
    case ValueShape::linear: return "linear";
    case ValueShape::step: return "step";
    case ValueShape::exponential: return "exponential";
  }
  return "linear";
}

double evaluate(const ValueFunction& f, double value) {
  if (std::isnan(value)) return 0.0;
  switch (f.shape) {
    case ValueShape::linear: return linear(f, value);
    case ValueShape::step: return step(f, value);
    case ValueShape::exponential: return exponential(f, value);
  }
  return 0.0;
}

}  // namespace zanplan::scoring
