#include "locale_numbers.hpp"

#include <QLocale>
#include <cmath>

namespace zanplan::app {

QString format_number(double value, int decimals) {
  if (!std::isfinite(value)) return QStringLiteral("–");
  return QLocale().toString(value, 'f', decimals);
}

QString format_percent(double fraction, int decimals) {
  if (!std::isfinite(fraction)) return QStringLiteral("–");
  return format_number(fraction * 100, decimals) + QChar(0x00A0) + QLocale().percent();
}

}  // namespace zanplan::app
