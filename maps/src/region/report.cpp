#include "zanplan/maps/report.hpp"

#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>
#include <filesystem>

#include "zanplan/maps/region_layers.hpp"

namespace zanplan::maps {

namespace {

class Report {
  Q_DECLARE_TR_FUNCTIONS(Report)
};

QString q(const std::string& s) { return QString::fromStdString(s); }

QString scenario_text(const ReportSubject& s) {
  return s.scenario.empty() ? Report::tr("no scenario") : Report::tr("scenario %1").arg(q(s.scenario));
}

const LayerSummary* find_table(const WorkspaceSummary& workspace, const std::string& table) {
  for (const auto& l : workspace.layers) {
    if (l.name == table) return &l;
  }
  return nullptr;
}

// The publishers of a table's source, shortened for a map: the first two of its
// ';'-separated parts, each cut to 80 characters (the full text is in `zanplan info`).
QString short_source(const std::string& source) {
  QStringList parts = q(source).split(QStringLiteral(";"), Qt::SkipEmptyParts);
  if (parts.size() > 2) parts = parts.mid(0, 2) << QStringLiteral("…");
  for (auto& p : parts) {
    p = p.trimmed();
    if (p.size() > 80) p = p.left(79) + QStringLiteral("…");
  }
  return parts.join(QStringLiteral("; "));
}

// Where a user layer came from, without what a connection string may hold (a password):
// a file's name, or the kind of source ("PG", "WFS").
QString user_source(const std::string& source_file) {
  static const QRegularExpression connection(QStringLiteral("^([A-Za-z][A-Za-z0-9_]+):"));
  const QString source = q(source_file);
  if (const auto match = connection.match(source); match.hasMatch()) return Report::tr("a %1 source").arg(match.captured(1));
  return q(std::filesystem::path(source_file).filename().string());
}

QString source_entry(const QString& title, const LayerSummary& table) {
  if (table.provenance == "user") return Report::tr("%1: user layer, from %2").arg(title, user_source(table.source_file));
  QString entry = title + QStringLiteral(": ") + (table.source.empty() ? q(table.name) : short_source(table.source));
  if (!table.licence.empty()) entry += QStringLiteral(" (") + q(table.licence) + QStringLiteral(")");
  if (table.provenance == "synthetic") entry += QStringLiteral(" — ") + Report::tr("SYNTHETIC");
  return entry;
}

}  // namespace

QString default_report_title(const ReportSubject& s) {
  if (s.profile.empty()) return Report::tr("ZAN envelope 2021–2030 left, by commune");
  return Report::tr("Candidate sites for the “%1” profile, by score").arg(q(s.profile));
}

QString default_report_subtitle(const ReportSubject& s) {
  const QString ledger = Report::tr("ZAN regime %1, %2").arg(q(s.regime), scenario_text(s));
  if (s.profile.empty()) return ledger;
  return Report::tr("%1 · %L2 sites ranked of %L3 candidates, the top %4 numbered")
      .arg(ledger)
      .arg(static_cast<qulonglong>(s.ranked))
      .arg(static_cast<qulonglong>(s.candidates))
      .arg(static_cast<qulonglong>(s.top_k));
}

QStringList report_sources(const WorkspaceSummary& workspace, const std::vector<MapLayer>& layers,
                           const QString& basemap_attribution) {
  QStringList entries;
  std::vector<std::string> listed;
  auto add = [&](const QString& title, const std::string& table) {
    const LayerSummary* summary = find_table(workspace, table);
    if (summary == nullptr || std::find(listed.begin(), listed.end(), table) != listed.end()) return;
    listed.push_back(table);
    entries.push_back(source_entry(title, *summary));
  };
  for (const auto& layer : layers) {
    if (!layer.visible || !layer.data) continue;
    add(layer.title, layer.data->layer);
    if (layer.id == kCommunes && layer.style.graduated()) {
      // The headroom colours come from the ledger: targets and consumption.
      add(Report::tr("ZAN targets"), "zan_targets");
      add(Report::tr("ENAF consumption"), "enaf_consumption");
    }
  }
  if (!basemap_attribution.isEmpty()) entries.push_back(Report::tr("Basemap: %1").arg(basemap_attribution));
  return entries;
}

}  // namespace zanplan::maps
