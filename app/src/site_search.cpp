#include "site_search.hpp"

#include <QAbstractItemView>
#include <algorithm>

#include "text_fold.hpp"

namespace zanplan::app {

SearchIndex::SearchIndex(const Hierarchy& hierarchy, const Assessment* assessment) {
  for (const auto& [code, commune] : hierarchy.communes) {
    const QString name = QString::fromStdString(commune.name);
    const QString key = QString::fromStdString(code);
    entries_.push_back({{SearchHit::Kind::commune, code, QStringLiteral("%1 (%2)").arg(name, key)}, fold_for_search(key), fold_for_search(name)});
  }
  if (assessment == nullptr) return;
  for (const auto& s : assessment->sites) {
    const QString id = QString::fromStdString(s.facts.id);
    const QString label = QObject::tr("Site %1 — %2").arg(id, QString::fromStdString(s.commune_name));
    entries_.push_back({{SearchHit::Kind::site, s.facts.id, label}, fold_for_search(id), fold_for_search(QString::fromStdString(s.commune_name))});
  }
}

std::vector<SearchHit> SearchIndex::find(const QString& text, std::size_t limit) const {
  const QString wanted = fold_for_search(text);
  if (wanted.isEmpty()) return {};
  // Three passes keep the order of each tier (communes by code, then sites by rank).
  std::vector<SearchHit> hits;
  auto collect = [&](auto&& matches) {
    for (const auto& e : entries_) {
      if (hits.size() >= limit) return;
      if (!matches(e)) continue;
      const bool seen = std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.kind == e.hit.kind && h.key == e.hit.key; });
      if (!seen) hits.push_back(e.hit);
    }
  };
  collect([&](const Entry& e) { return e.folded_key == wanted || e.folded_name == wanted; });
  collect([&](const Entry& e) { return e.folded_key.startsWith(wanted) || e.folded_name.startsWith(wanted); });
  collect([&](const Entry& e) { return e.folded_key.contains(wanted) || e.folded_name.contains(wanted); });
  return hits;
}

SearchField::SearchField(QWidget* parent)
    : QLineEdit(parent), offered_labels_(new QStringListModel(this)), completer_(new QCompleter(offered_labels_, this)) {
  setPlaceholderText(tr("Find a commune or a site (name, INSEE code, site id)"));
  setClearButtonEnabled(true);
  // The list shows our own accent-insensitive matches as they are, unfiltered by Qt.
  completer_->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
  completer_->setMaxVisibleItems(12);
  setCompleter(completer_);
  connect(this, &QLineEdit::textEdited, this, &SearchField::offer);
  connect(completer_, qOverload<const QModelIndex&>(&QCompleter::activated), this, [this](const QModelIndex& index) {
    const auto row = static_cast<std::size_t>(index.row());
    if (row < offered_.size()) emit chosen(offered_[row]);
  });
  connect(this, &QLineEdit::returnPressed, this, [this] {
    if (!completer_->popup()->isVisible()) choose_best();
  });
}

void SearchField::set_index(SearchIndex index) {
  index_ = std::move(index);
  offered_.clear();
  offered_labels_->setStringList({});
}

void SearchField::offer(const QString& text) {
  offered_ = index_.find(text);
  QStringList labels;
  for (const auto& hit : offered_) labels << hit.label;
  offered_labels_->setStringList(labels);
  if (!labels.isEmpty()) completer_->complete();
}

void SearchField::type(const QString& text) {
  setText(text);
  offer(text);
}

bool SearchField::choose_best() {
  const auto hits = index_.find(text(), 1);
  if (hits.empty()) return false;
  emit chosen(hits.front());
  return true;
}

}  // namespace zanplan::app
