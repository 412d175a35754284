#include "zanplan/maps/style.hpp"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <limits>

namespace zanplan::maps {

QColor LayerStyle::color_for(double value) const {
  if (!graduated()) return fill.alpha() > 0 ? fill : stroke;
  if (std::isnan(value)) return no_value;
  for (const auto& c : classes) {
    if (value <= c.upper) return c.color;
  }
  return classes.back().color;
}

namespace {

QColor along(const std::vector<QColor>& ramp, double t) {
  if (ramp.size() == 1) return ramp.front();
  const double pos = std::clamp(t, 0.0, 1.0) * static_cast<double>(ramp.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(pos), ramp.size() - 2);
  const double f = pos - static_cast<double>(i);
  const QColor& a = ramp[i];
  const QColor& b = ramp[i + 1];
  auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
  return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()), mix(a.alpha(), b.alpha()));
}

double ramp_position(std::size_t i, std::size_t count) {
  return count <= 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(count - 1);
}

}  // namespace

std::vector<StyleClass> quantile_classes(std::vector<double> values, int count, const std::vector<QColor>& ramp,
                                         int decimals) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  if (values.empty() || count < 1 || ramp.empty()) return {};
  std::sort(values.begin(), values.end());
  std::vector<double> uppers;
  for (int k = 1; k <= count; ++k) {
    const auto index = std::min(values.size() - 1, static_cast<std::size_t>(
                                                       std::ceil(static_cast<double>(values.size()) * k / count)) - 1);
    const double upper = values[index];
    if (uppers.empty() || upper > uppers.back()) uppers.push_back(upper);
  }
  std::vector<StyleClass> classes;
  double lower = values.front();
  for (std::size_t i = 0; i < uppers.size(); ++i) {
    StyleClass c;
    c.upper = i + 1 == uppers.size() ? std::numeric_limits<double>::infinity() : uppers[i];
    c.color = along(ramp, ramp_position(i, uppers.size()));
    // Written the map's language's way: "0,357" in French, as the rest of a French map.
    const QLocale locale;
    c.label = QStringLiteral("%1 – %2").arg(locale.toString(lower, 'f', decimals), locale.toString(uppers[i], 'f', decimals));
    lower = uppers[i];
    classes.push_back(c);
  }
  return classes;
}

std::vector<StyleClass> fixed_classes(const std::vector<double>& uppers, const std::vector<QColor>& ramp,
                                      const std::vector<QString>& labels) {
  std::vector<StyleClass> classes;
  for (std::size_t i = 0; i < uppers.size(); ++i) {
    classes.push_back({i + 1 == uppers.size() ? std::numeric_limits<double>::infinity() : uppers[i],
                       along(ramp, ramp_position(i, uppers.size())), i < labels.size() ? labels[i] : QString()});
  }
  return classes;
}

}  // namespace zanplan::maps
