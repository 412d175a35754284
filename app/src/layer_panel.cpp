#include "layer_panel.hpp"

#include <QDropEvent>

namespace zanplan::app {

LayerPanel::LayerPanel(maps::MapCanvas* canvas, QWidget* parent) : QListWidget(parent), canvas_(canvas) {
  setDragDropMode(QAbstractItemView::InternalMove);
  setDefaultDropAction(Qt::MoveAction);
  setToolTip(tr("Tick to show, drag to reorder, double-click to zoom to the layer"));
  connect(this, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    if (syncing_) return;
    canvas_->set_layer_visible(item->data(Qt::UserRole).toString(), item->checkState() == Qt::Checked);
  });
  connect(this, &QListWidget::itemDoubleClicked, this,
          [this](QListWidgetItem* item) { canvas_->zoom_to_layer(item->data(Qt::UserRole).toString()); });
}

void LayerPanel::sync() {
  syncing_ = true;
  clear();
  const auto& layers = canvas_->layers();
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
    const QString text = it->synthetic ? tr("%1 (synthetic)").arg(it->title) : it->title;
    auto* item = new QListWidgetItem(text, this);
    item->setData(Qt::UserRole, it->id);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
    item->setCheckState(it->visible ? Qt::Checked : Qt::Unchecked);
    if (it->synthetic) item->setForeground(QColor(180, 80, 0));
  }
  syncing_ = false;
}

void LayerPanel::dropEvent(QDropEvent* event) {
  QListWidget::dropEvent(event);
  apply_order();
}

void LayerPanel::apply_order() {
  // The list shows the top layer first; the canvas keeps bottom to top.
  const int n = count();
  for (int row = 0; row < n; ++row) {
    canvas_->move_layer(item(row)->data(Qt::UserRole).toString(), static_cast<std::size_t>(n - 1 - row));
  }
}

}  // namespace zanplan::app
