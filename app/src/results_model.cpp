#include "results_model.hpp"

#include <cmath>

namespace zanplan::app {

namespace {

QVariant km(double v) {
  if (std::isinf(v)) return QStringLiteral("–");
  return QString::number(v, 'f', 1);
}

}  // namespace

void ResultsModel::set_result(std::shared_ptr<const ScoreResult> result) {
  beginResetModel();
  result_ = std::move(result);
  ranked_.clear();
  if (result_) {
    for (const auto& s : result_->assessment.sites) {
      if (s.ranking.rank) ranked_.push_back(&s);
    }
  }
  endResetModel();
}

int ResultsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(ranked_.size());
}

int ResultsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : column_count; }

const AssessedSite* ResultsModel::site(int row) const {
  return row >= 0 && row < rowCount() ? ranked_[static_cast<std::size_t>(row)] : nullptr;
}

int ResultsModel::row_of(const std::string& id) const {
  for (std::size_t i = 0; i < ranked_.size(); ++i) {
    if (ranked_[i]->facts.id == id) return static_cast<int>(i);
  }
  return -1;
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const {
  const AssessedSite* s = site(index.row());
  if (s == nullptr) return {};
  if (role == Qt::TextAlignmentRole) {
    return index.column() == commune || index.column() == substation ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
  }
  if (role == Qt::ToolTipRole) return QString::fromStdString(s->facts.id);
  if (role != Qt::DisplayRole) return {};
  const auto& f = s->facts;
  switch (index.column()) {
    case rank: return static_cast<qulonglong>(*s->ranking.rank);
    case site_id: return QString::fromStdString(f.id);
    case commune: return QString::fromStdString(s->commune_name);
    case area: return QString::number(f.area_ha, 'f', 1);
    case parcels: return static_cast<qulonglong>(f.parcel_count);
    case enaf: return QString::number(f.enaf_ha, 'f', 1);
    case substation:
      return std::isinf(f.substation.distance_km) ? QStringLiteral("–")
                                                  : QStringLiteral("%1 %2 kV").arg(QString::fromStdString(f.substation.name)).arg(f.substation.voltage_kv);
    case power_km: return km(f.substation.distance_km);
    case motorway_km: return km(f.motorway.distance_km);
    case rail_km: return km(f.rail.distance_km);
    case port_km: return km(f.port.distance_km);
    case share:
      if (!s->zan.local) return QStringLiteral("PENE");
      return std::isinf(s->zan.share) ? QStringLiteral("> 100 %") : QString::number(s->zan.share * 100, 'f', 1) + " %";
    case score: return QString::number(s->ranking.score, 'f', 3);
    case stability: return s->ranking.stability ? QString::number(*s->ranking.stability * 100, 'f', 0) + " %" : QString();
    case pareto: return s->ranking.pareto ? QStringLiteral("●") : QString();
    default: return {};
  }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
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
    default: return {};
  }
}

}  // namespace zanplan::app
