#include "layer_panel.hpp"

#include <QDropEvent>
#include <QHeaderView>
#include <QPixmap>
#include <QStyle>
#include <set>

#include "zanplan/maps/user_layers.hpp"

namespace zanplan::app {

namespace {
constexpr QSize kSwatch(18, 14);
}

LayerPanel::LayerPanel(maps::MapCanvas* canvas, QWidget* parent) : QTreeWidget(parent), canvas_(canvas) {
  setHeaderHidden(true);
  setColumnCount(1);
  setIconSize(kSwatch);
  setDragDropMode(QAbstractItemView::InternalMove);
  setDefaultDropAction(Qt::MoveAction);
  setIndentation(14);
  // A long layer name widens the column (and scrolls) rather than being cut.
  header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  header()->setStretchLastSection(false);
  // Layers move among layers only: nothing is dropped onto an item.
  invisibleRootItem()->setFlags(invisibleRootItem()->flags() | Qt::ItemIsDropEnabled);
  setToolTip(tr("Tick to show, drag to reorder, double-click to zoom to the layer"));
  connect(this, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
    if (syncing_ || item->parent() != nullptr) return;
    canvas_->set_layer_visible(item->data(0, Qt::UserRole).toString(), item->checkState(0) == Qt::Checked);
  });
  connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    while (item->parent() != nullptr) item = item->parent();
    canvas_->zoom_to_layer(item->data(0, Qt::UserRole).toString());
  });
}

QTreeWidgetItem* LayerPanel::item_of(const QString& layer_id) const {
  for (int i = 0; i < topLevelItemCount(); ++i) {
    if (topLevelItem(i)->data(0, Qt::UserRole).toString() == layer_id) return topLevelItem(i);
  }
  return nullptr;
}

int LayerPanel::preferred_width() const {
  // The widest item (its check box, swatch and text), the indentation of the class rows,
  // the frame and room for the vertical scroll bar.
  return sizeHintForColumn(0) + indentation() + 2 * frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4;
}

void LayerPanel::sync() {
  // Graduated layers show their classes (the list is the map's legend) unless folded.
  std::set<QString> folded;
  for (int i = 0; i < topLevelItemCount(); ++i) {
    const QTreeWidgetItem* item = topLevelItem(i);
    if (item->childCount() > 0 && !item->isExpanded()) folded.insert(item->data(0, Qt::UserRole).toString());
  }
  syncing_ = true;
  clear();
  const auto& layers = canvas_->layers();
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
    QString text = it->title;
    if (it->style.graduated() && !it->style.value_title.isEmpty()) text += QStringLiteral(" — ") + it->style.value_title;
    if (it->synthetic) text = tr("%1 (synthetic)").arg(text);
    auto* item = new QTreeWidgetItem(this, {text});
    item->setToolTip(0, text);
    if (maps::user_layer_name(it->id)) item->setToolTip(0, tr("%1: your own layer (zanplan layer add)").arg(text));
    item->setData(0, Qt::UserRole, it->id);
    item->setFlags((item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled) & ~Qt::ItemIsDropEnabled);
    item->setCheckState(0, it->visible ? Qt::Checked : Qt::Unchecked);
    if (it->synthetic) item->setForeground(0, QColor(180, 80, 0));
    if (!it->style.graduated()) {
      item->setIcon(0, QPixmap::fromImage(maps::legend_swatch(*it, it->style.color_for(NAN), kSwatch)));
      continue;
    }
    for (const auto& c : it->style.classes) {
      auto* child = new QTreeWidgetItem(item, {c.label});
      child->setIcon(0, QPixmap::fromImage(maps::legend_swatch(*it, c.color, kSwatch)));
      child->setFlags(Qt::ItemIsEnabled);
    }
    item->setExpanded(!folded.contains(it->id));
  }
  syncing_ = false;
}

void LayerPanel::dropEvent(QDropEvent* event) {
  QTreeWidget::dropEvent(event);
  apply_order();
}

void LayerPanel::apply_order() {
  // The list shows the top layer first; the canvas keeps bottom to top.
  const int n = topLevelItemCount();
  for (int row = 0; row < n; ++row) {
    canvas_->move_layer(topLevelItem(row)->data(0, Qt::UserRole).toString(), static_cast<std::size_t>(n - 1 - row));
  }
}

}  // namespace zanplan::app
