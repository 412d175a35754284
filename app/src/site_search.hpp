// Finding a commune or a site by name or code: an index built from the open workspace's
// communes and the assessed sites, and the toolbar field that offers its matches as the
// planner types and reports the one chosen.
#pragma once

#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>
#include <vector>

#include "session.hpp"

namespace zanplan::app {

struct SearchHit {
  enum class Kind { commune, site };
  Kind kind = Kind::commune;
  std::string key;  // INSEE code or site id
  QString label;    // what the list shows: "Péronne (80620)", "Site 80620-0012 — Péronne"
};

class SearchIndex {
 public:
  SearchIndex() = default;
  SearchIndex(const Hierarchy& hierarchy, const Assessment* assessment);

  // Best first: an exact code or id, then names and ids starting with the text, then those
  // containing it; accents and case ignored. At most `limit` hits.
  [[nodiscard]] std::vector<SearchHit> find(const QString& text, std::size_t limit = 20) const;
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    SearchHit hit;
    QString folded_key, folded_name;
  };
  std::vector<Entry> entries_;
};

class SearchField : public QLineEdit {
  Q_OBJECT
 public:
  explicit SearchField(QWidget* parent = nullptr);
  void set_index(SearchIndex index);
  [[nodiscard]] const SearchIndex& index() const { return index_; }
  // Sets the text and lists its matches, as typing it would.
  void type(const QString& text);
  // Chooses the best match of the current text (what Enter does); false when nothing matches.
  bool choose_best();

 signals:
  void chosen(const zanplan::app::SearchHit& hit);

 private:
  void offer(const QString& text);
  SearchIndex index_;
  std::vector<SearchHit> offered_;
  QStringListModel* offered_labels_;
  QCompleter* completer_;
};

}  // namespace zanplan::app
