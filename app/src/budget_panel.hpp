// The ZAN ledger of a commune and of every territory above it (EPCI, SCoT, département,
// région): envelope 2021–2030, consumed, committed, remaining, status.
#pragma once

#include <QLabel>
#include <QTableWidget>
#include <QWidget>

#include "session.hpp"

namespace zanplan::app {

class BudgetPanel : public QWidget {
  Q_OBJECT
 public:
  explicit BudgetPanel(QWidget* parent = nullptr);
  void show_commune(const LoadedWorkspace& workspace, const std::string& commune);
  void clear();
  [[nodiscard]] QTableWidget* table() const { return table_; }

 private:
  QLabel* title_;
  QTableWidget* table_;
  QLabel* note_;
};

}  // namespace zanplan::app
