// The assessed sites as a table: the columns of `zanplan score`'s printed table, ranked
// sites by rank, then the excluded ones with why (ResultsFilter chooses which show).
#pragma once

#include <QAbstractTableModel>
#include <memory>

#include "session.hpp"

namespace zanplan::app {

class ResultsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { rank, site_id, commune, area, parcels, enaf, substation, power_km, motorway_km, rail_km, port_km, share, score, stability, pareto, exclusion, column_count };

  using QAbstractTableModel::QAbstractTableModel;
  void set_result(std::shared_ptr<const ScoreResult> result);

  [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
  [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // The site of a row, and the row of a site id (-1 when it was not assessed).
  [[nodiscard]] const AssessedSite* site(int row) const;
  [[nodiscard]] int row_of(const std::string& id) const;

 private:
  std::shared_ptr<const ScoreResult> result_;
  std::vector<const AssessedSite*> sites_;
};

}  // namespace zanplan::app
