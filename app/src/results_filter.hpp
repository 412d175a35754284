// Which of the assessed sites the table shows: a text typed by the planner (matched in the
// site id and the commune name, accents and case ignored) and ranked only / excluded only /
// all. A proxy over ResultsModel, so that the model keeps one row per assessed site.
#pragma once

#include <QSortFilterProxyModel>

#include "results_model.hpp"

namespace zanplan::app {

class ResultsFilter : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  enum class Status { all, ranked, excluded };

  explicit ResultsFilter(ResultsModel* source, QObject* parent = nullptr);

  void set_text(const QString& text);
  void set_status(Status status);
  [[nodiscard]] Status status() const { return status_; }

  // The site of a shown row (null when out of range), and the shown row of a site (-1 when hidden).
  [[nodiscard]] const AssessedSite* site(int row) const;
  [[nodiscard]] int row_of(const std::string& id) const;

 protected:
  [[nodiscard]] bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;

 private:
  ResultsModel* source_;
  QString folded_text_;
  Status status_ = Status::ranked;
};

}  // namespace zanplan::app
