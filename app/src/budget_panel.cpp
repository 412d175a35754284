#include "budget_panel.hpp"

#include <QHeaderView>
#include <QVBoxLayout>

#include "locale_numbers.hpp"

namespace zanplan::app {

namespace {

QString level_title(Level level) {
  switch (level) {
    case Level::commune: return QObject::tr("Commune");
    case Level::epci: return QObject::tr("EPCI");
    case Level::scot: return QObject::tr("SCoT");
    case Level::departement: return QObject::tr("Département");
    case Level::region: return QObject::tr("Région");
  }
  return {};
}

QString status_title(BudgetStatus status) {
  switch (status) {
    case BudgetStatus::within: return QObject::tr("within");
    case BudgetStatus::tight: return QObject::tr("tight");
    case BudgetStatus::over: return QObject::tr("over");
  }
  return {};
}

// A territory's name and code on as many lines as needed to keep its column narrow: long
// SCoT and EPCI names wrap at spaces instead of being cut.
QString wrapped_name(const QString& name, const QString& code) {
  constexpr qsizetype kLine = 12;  // characters: five columns fit in the side panel
  QStringList lines;
  QString line;
  for (const QString& word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    if (!line.isEmpty() && line.size() + 1 + word.size() > kLine) {
      lines << line;
      line.clear();
    }
    line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
  }
  if (!line.isEmpty()) lines << line;
  lines << QStringLiteral("(%1)").arg(code);
  return lines.join(QLatin1Char('\n'));
}

QColor status_colour(BudgetStatus status) {
  switch (status) {
    case BudgetStatus::within: return QColor(220, 240, 220);
    case BudgetStatus::tight: return QColor(255, 235, 190);
    case BudgetStatus::over: return QColor(250, 200, 200);
  }
  return {};
}

}  // namespace

BudgetPanel::BudgetPanel(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), table_(new QTableWidget(this)), note_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(table_, 1);
  layout->addWidget(note_);
  note_->setWordWrap(true);
  // One column per level (commune first), one row per figure: narrow enough for a side panel.
  table_->setRowCount(7);
  table_->setVerticalHeaderLabels({tr("Territory"), tr("Envelope ha"), tr("Consumed ha"), tr("Committed ha"),
                                   tr("Transfers ha"), tr("Remaining ha"), tr("Status")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->setWordWrap(false);
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  title_->setWordWrap(true);
  clear();
}

void BudgetPanel::clear() {
  title_->setText(tr("Click a commune or a site to see its ZAN budget."));
  table_->setColumnCount(0);
  note_->clear();
}

void BudgetPanel::show_commune(const LoadedWorkspace& workspace, const std::string& commune) {
  const Hierarchy& h = workspace.hierarchy;
  if (!h.communes.contains(commune)) {
    clear();
    return;
  }
  const Ledger& ledger = workspace.ledger;
  title_->setText(QStringLiteral("<b>%1 %2</b> — %3").arg(QString::fromStdString(h.communes.at(commune).name),
                                                          QString::fromStdString(commune),
                                                          QString::fromStdString(ledger.regime_id)));
  std::vector<std::pair<Level, const LedgerRow*>> columns;
  for (Level level : {Level::commune, Level::epci, Level::scot, Level::departement, Level::region}) {
    const std::string code = h.territory_of(commune, level);
    if (code.empty()) continue;
    if (const LedgerRow* row = ledger.find(level, code)) columns.emplace_back(level, row);
  }
  table_->setColumnCount(static_cast<int>(columns.size()));
  int c = 0;
  for (const auto& [level, row] : columns) {
    table_->setHorizontalHeaderItem(c, new QTableWidgetItem(level_title(level)));
    const QString full = QStringLiteral("%1 (%2)").arg(QString::fromStdString(row->name), QString::fromStdString(row->code));
    const double transfers = row->transfers_in_ha - row->transfers_out_ha;
    const QStringList cells = {wrapped_name(QString::fromStdString(row->name), QString::fromStdString(row->code)),
                               format_number(row->envelope_ha, 1),
                               format_number(row->consumed_ha, 1),
                               format_number(row->committed_ha, 1),
                               format_number(transfers, 1),
                               format_number(row->remaining_ha, 1),
                               status_title(row->status)};
    for (int r = 0; r < cells.size(); ++r) {
      auto* item = new QTableWidgetItem(cells[r]);
      item->setTextAlignment((r == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
      if (r == 0) item->setToolTip(full);
      if (r == 6) item->setBackground(status_colour(row->status));
      table_->setItem(r, c, item);
    }
    ++c;
  }
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
  note_->setText(ledger.consumption_is_synthetic
                     ? tr("Consumption since 2021 is SYNTHETIC in this workspace (counted through %1).").arg(ledger.consumed_through_year)
                     : tr("Consumption counted through %1.").arg(ledger.consumed_through_year));
}

}  // namespace zanplan::app
