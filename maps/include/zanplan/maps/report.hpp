// What a report map says about itself (zanplan render, the map window's exported views): a
// default title and subtitle naming what is shown, and the sources block built from the
// workspace's provenance. Strings are translated: they follow the map's language.
#pragma once

#include <QString>
#include <QStringList>
#include <cstddef>
#include <string>
#include <vector>

#include "zanplan/maps/style.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan::maps {

struct ReportSubject {
  std::string profile;   // empty: the candidates are not scored
  std::string regime;
  std::string scenario;  // empty: none
  std::size_t ranked = 0, candidates = 0, top_k = 0;
};

QString default_report_title(const ReportSubject& subject);
QString default_report_subtitle(const ReportSubject& subject);

// One entry per workspace table behind the visible layers: the layer's title, its source and
// licence, "SYNTHETIC" when generated; the ledger's consumption and targets with the
// communes; then the basemap's attribution (when there is one).
QStringList report_sources(const WorkspaceSummary& workspace, const std::vector<MapLayer>& layers,
                           const QString& basemap_attribution);

}  // namespace zanplan::maps
