// The layer list, which is also the legend: top layer first, a check box per layer for
// visibility, its symbol, and under a graduated layer its classes. Drag a layer to reorder,
// double-click to zoom to it. Synthetic layers are marked.
#pragma once

#include <QTreeWidget>

#include "zanplan/maps/canvas.hpp"

namespace zanplan::app {

class LayerPanel : public QTreeWidget {
  Q_OBJECT
 public:
  explicit LayerPanel(maps::MapCanvas* canvas, QWidget* parent = nullptr);
  // Rebuilds the list from the canvas's layers, keeping which layers are expanded.
  void sync();
  // The top-level item of a layer, or null.
  [[nodiscard]] QTreeWidgetItem* item_of(const QString& layer_id) const;
  // The width that shows every layer and class name whole.
  [[nodiscard]] int preferred_width() const;

 protected:
  void dropEvent(QDropEvent* event) override;

 private:
  void apply_order();
  maps::MapCanvas* canvas_;
  bool syncing_ = false;
};

}  // namespace zanplan::app
