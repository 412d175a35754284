// The layer list: top layer first, a check box per layer for visibility, drag to reorder,
// double-click to zoom to a layer. Synthetic layers carry a marker.
#pragma once

#include <QListWidget>

#include "zanplan/maps/canvas.hpp"

namespace zanplan::app {

class LayerPanel : public QListWidget {
  Q_OBJECT
 public:
  explicit LayerPanel(maps::MapCanvas* canvas, QWidget* parent = nullptr);
  // Rebuilds the list from the canvas's layers.
  void sync();

 protected:
  void dropEvent(QDropEvent* event) override;

 private:
  void apply_order();
  maps::MapCanvas* canvas_;
  bool syncing_ = false;
};

}  // namespace zanplan::app
