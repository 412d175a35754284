#include <algorithm>
#include <cmath>

#include "zanplan/error.hpp"
#include "zanplan/export.hpp"

namespace zanplan {

// Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the
// default of R and numpy): q(p) = v[h] + (h - floor h)(v[floor h + 1] - v[floor h]),
// h = (n - 1) p, on the sorted finite values.
std::vector<double> quantile_breaks(std::vector<double> values, int classes) {
  if (classes < 1) throw Error(ErrorKind::internal, "quantile_breaks needs at least one class");
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  const auto last = static_cast<double>(values.size() - 1);
  std::vector<double> breaks;
  breaks.reserve(static_cast<std::size_t>(classes) + 1);
  breaks.push_back(values.front());
  for (int k = 1; k < classes; ++k) {
    const double h = last * static_cast<double>(k) / static_cast<double>(classes);
    const double below = std::floor(h);
    const auto i = static_cast<std::size_t>(below);
    const double upper = i + 1 < values.size() ? values[i + 1] : values[i];
    breaks.push_back(values[i] + (h - below) * (upper - values[i]));
  }
  breaks.push_back(values.back());
  return breaks;
}

}  // namespace zanplan
