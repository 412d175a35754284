#include "results_filter.hpp"

#include "text_fold.hpp"

namespace zanplan::app {

ResultsFilter::ResultsFilter(ResultsModel* source, QObject* parent) : QSortFilterProxyModel(parent), source_(source) {
  setSourceModel(source);
}

void ResultsFilter::set_text(const QString& text) {
  folded_text_ = fold_for_search(text);
  invalidateFilter();
}

void ResultsFilter::set_status(Status status) {
  status_ = status;
  invalidateFilter();
}

const AssessedSite* ResultsFilter::site(int row) const {
  if (row < 0 || row >= rowCount()) return nullptr;
  return source_->site(mapToSource(index(row, 0)).row());
}

int ResultsFilter::row_of(const std::string& id) const {
  const int source_row = source_->row_of(id);
  if (source_row < 0) return -1;
  return mapFromSource(source_->index(source_row, 0)).row();
}

bool ResultsFilter::filterAcceptsRow(int source_row, const QModelIndex& /*source_parent*/) const {
  const AssessedSite* s = source_->site(source_row);
  if (s == nullptr) return false;
  const bool ranked = s->ranking.rank.has_value();
  if ((status_ == Status::ranked && !ranked) || (status_ == Status::excluded && ranked)) return false;
  if (folded_text_.isEmpty()) return true;
  return fold_for_search(QString::fromStdString(s->facts.id)).contains(folded_text_) ||
         fold_for_search(QString::fromStdString(s->commune_name)).contains(folded_text_);
}

}  // namespace zanplan::app
