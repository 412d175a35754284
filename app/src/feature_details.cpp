#include "feature_details.hpp"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>
#include <algorithm>

namespace zanplan::app {

namespace {

class FeatureDetails {
  Q_DECLARE_TR_FUNCTIONS(FeatureDetails)
};

QString value_text(const FeatureAttribute& a) {
  if (a.null) return FeatureDetails::tr("(empty)");
  // Up to 15 significant digits: what a double holds for sure, and no grouping, which would
  // make a measured value look like a count.
  if (a.real) {
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    return locale.toString(*a.real, 'g', 15);
  }
  return QString::fromStdString(a.text);
}

}  // namespace

QString user_feature_title(const std::string& layer, std::int64_t fid) {
  return FeatureDetails::tr("User layer “%1”, feature %2").arg(QString::fromStdString(layer)).arg(fid);
}

QString user_feature_text(const std::string& layer, std::int64_t fid, const std::vector<FeatureAttribute>& attributes) {
  QStringList lines{user_feature_title(layer, fid), QString()};
  if (attributes.empty()) lines << FeatureDetails::tr("This feature has no attributes.");
  qsizetype width = 0;
  for (const auto& a : attributes) width = std::max(width, QString::fromStdString(a.name).size());
  for (const auto& a : attributes) {
    lines << QString::fromStdString(a.name).leftJustified(width) + QStringLiteral("  ") + value_text(a);
  }
  return lines.join(QLatin1Char('\n'));
}

}  // namespace zanplan::app
