#include "results_model.hpp"

#include <cmath>

#include <QLocale>

#include "locale_numbers.hpp"
#include "zanplan/labels.hpp"

namespace zanplan::app {

namespace {

QVariant km(double v) { return format_number(v, 1); }

// Why a site is not ranked, as the library words it in the interface's language.
QString exclusion_text(const AssessedSite& site) {
  if (!site.ranking.exclusion) return {};
  const Lang lang = QLocale().language() == QLocale::French ? Lang::fr : Lang::en;
  return QString::fromStdString(exclusion_label(*site.ranking.exclusion, lang));
}

}  // namespace

void ResultsModel::set_result(std::shared_ptr<const ScoreResult> result) {
  beginResetModel();
  result_ = std::move(result);
  sites_.clear();
  if (result_) {
    for (const auto& s : result_->assessment.sites) sites_.push_back(&s);  // ranked by rank, then excluded
  }
  endResetModel();
}

int ResultsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(sites_.size());
}

int ResultsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : column_count; }

const AssessedSite* ResultsModel::site(int row) const {
  return row >= 0 && row < rowCount() ? sites_[static_cast<std::size_t>(row)] : nullptr;
}

int ResultsModel::row_of(const std::string& id) const {
  for (std::size_t i = 0; i < sites_.size(); ++i) {
    if (sites_[i]->facts.id == id) return static_cast<int>(i);
  }
  return -1;
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const {
  const AssessedSite* s = site(index.row());
  if (s == nullptr) return {};
  if (role == Qt::TextAlignmentRole) {
    return index.column() == commune || index.column() == substation || index.column() == exclusion ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
  }
  if (role == Qt::ToolTipRole) return QString::fromStdString(s->facts.id);
  if (role != Qt::DisplayRole) return {};
  const auto& f = s->facts;
  switch (index.column()) {
    case rank: return s->ranking.rank ? QVariant(static_cast<qulonglong>(*s->ranking.rank)) : QVariant();
    case site_id: return QString::fromStdString(f.id);
    case commune: return QString::fromStdString(s->commune_name);
    case area: return format_number(f.area_ha, 1);
    case parcels: return static_cast<qulonglong>(f.parcel_count);
    case enaf: return format_number(f.enaf_ha, 1);
    case substation:
      return std::isinf(f.substation.distance_km) ? QStringLiteral("–")
                                                  : QStringLiteral("%1 %2 kV").arg(QString::fromStdString(f.substation.name)).arg(f.substation.voltage_kv);
    case power_km: return km(f.substation.distance_km);
    case motorway_km: return km(f.motorway.distance_km);
    case rail_km: return km(f.rail.distance_km);
    case port_km: return km(f.port.distance_km);
    case share:
      if (!s->zan.local) return QStringLiteral("PENE");
      return std::isinf(s->zan.share) ? tr("> %1").arg(format_percent(1.0, 0)) : format_percent(s->zan.share, 1);
    case score: return s->ranking.rank ? format_number(s->ranking.score, 3) : QString();
    case stability: return s->ranking.stability ? format_percent(*s->ranking.stability, 0) : QString();
    case pareto: return s->ranking.pareto ? QStringLiteral("●") : QString();
    case exclusion: return exclusion_text(*s);
    default: return {};
  }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole && section == stability) return tr("How often the site stays in the top K when the weights are perturbed");
  if (role == Qt::ToolTipRole && section == pareto) return tr("● : no other site is better on every criterion");
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case rank: return tr("Rank");
    case site_id: return tr("Site");
    case commune: return tr("Commune");
    case area: return tr("Area ha");
    case parcels: return tr("Parcels");
    case enaf: return tr("ENAF ha");
    case substation: return tr("Substation");
    case power_km: return tr("Power km");
    case motorway_km: return tr("Motorway km");
    case rail_km: return tr("Rail km");
    case port_km: return tr("Port km");
    case share: return tr("Envelope share");
    case score: return tr("Score");
    case stability: return tr("Stable in top K");
    case pareto: return tr("Pareto");
    case exclusion: return tr("Excluded because");
    default: return {};
  }
}

}  // namespace zanplan::app
