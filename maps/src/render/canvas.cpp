#include "zanplan/maps/canvas.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>

namespace zanplan::maps {

namespace {
MapCanvas::RenderHook& render_hook() {
  static MapCanvas::RenderHook hook;  // used from the UI thread only, copied into each frame
  return hook;
}
constexpr double kWheelStep = 1.25;     // zoom factor per wheel notch (120 units)
constexpr double kKeyPanFraction = 0.2;  // of the view per arrow key
constexpr double kClickSlop = 4.0;      // pixels a press may move and still be a click
}  // namespace

MapCanvas::MapCanvas(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  setMinimumSize(200, 150);
  setAttribute(Qt::WA_OpaquePaintEvent);
  connect(&watcher_, &QFutureWatcher<QImage>::finished, this, &MapCanvas::on_render_finished);
}

void MapCanvas::set_render_hook_for_testing(RenderHook hook) { render_hook() = std::move(hook); }

MapCanvas::~MapCanvas() {
  if (cancel_) cancel_->store(true);
  watcher_.waitForFinished();
}

void MapCanvas::set_viewport(const Viewport& viewport) {
  viewport_ = viewport;
  viewport_.set_size(size());
  changed_view();
}

void MapCanvas::set_layers(std::vector<MapLayer> layers) {
  layers_ = std::move(layers);
  refresh();
}

void MapCanvas::set_layer_visible(const QString& id, bool visible) {
  for (auto& l : layers_) {
    if (l.id == id && l.visible != visible) {
      l.visible = visible;
      refresh();
    }
  }
}

void MapCanvas::move_layer(const QString& id, std::size_t index) {
  auto it = std::find_if(layers_.begin(), layers_.end(), [&](const MapLayer& l) { return l.id == id; });
  if (it == layers_.end()) return;
  MapLayer moved = std::move(*it);
  layers_.erase(it);
  index = std::min(index, layers_.size());
  layers_.insert(layers_.begin() + static_cast<std::ptrdiff_t>(index), std::move(moved));
  refresh();
}

const MapLayer* MapCanvas::layer(const QString& id) const {
  for (const auto& l : layers_) {
    if (l.id == id) return &l;
  }
  return nullptr;
}

void MapCanvas::set_basemap(TileFetcher* fetcher) {
  if (basemap_) disconnect(basemap_, nullptr, this, nullptr);
  basemap_ = fetcher;
  if (basemap_) connect(basemap_, &TileFetcher::tileReady, this, &MapCanvas::refresh);
  refresh();
}

void MapCanvas::set_legend_title(const QString& title) {
  legend_title_ = title;
  refresh();
}

void MapCanvas::set_legend_visible(bool visible) {
  legend_visible_ = visible;
  refresh();
}

void MapCanvas::zoom_to_bounds(const MapBounds& bounds) {
  if (bounds.empty()) return;
  viewport_.set_size(size());
  viewport_.fit(bounds);
  changed_view();
}

void MapCanvas::zoom_to_layer(const QString& id) {
  if (const MapLayer* l = layer(id); l && l->data) zoom_to_bounds(l->data->bounds);
}

void MapCanvas::zoom_to_selection() {
  const MapLayer* l = layer(selected_layer_);
  if (!l || !l->data) return;
  for (const auto& f : l->data->features) {
    if (f.id != selected_id_) continue;
    MapBounds b = f.bounds;
    // The feature with its surroundings: three times its size, and at least 2 km across.
    const double extent = std::max(b.max_x - b.min_x, b.max_y - b.min_y);
    const double pad = std::max(extent, 1000.0 - extent / 2);
    b.add(b.min_x - pad, b.min_y - pad);
    b.add(b.max_x + pad, b.max_y + pad);
    zoom_to_bounds(b);
    return;
  }
}

void MapCanvas::zoom_to_all() {
  MapBounds all;
  for (const auto& l : layers_) {
    if (l.data && l.visible) all.add(l.data->bounds);
  }
  zoom_to_bounds(all);
}

void MapCanvas::set_selection(const QString& layer_id, const std::string& id) {
  selected_layer_ = layer_id;
  selected_id_ = id;
  refresh();
}

MapSnapshot MapCanvas::snapshot() const {
  MapSnapshot s;
  s.viewport = viewport_;
  s.layers = layers_;
  s.tiles = tiles_for(viewport_);
  s.attribution = basemap_ ? basemap_->config().attribution : QString();
  s.selected_layer = selected_layer_;
  s.selected_id = selected_id_;
  s.legend_title = legend_title_;
  s.legend = legend_visible_;
  return s;
}

std::vector<BasemapTile> MapCanvas::tiles_for(const Viewport& viewport) const {
  std::vector<BasemapTile> tiles;
  if (!basemap_) return tiles;
  const int z = zoom_for_resolution(viewport.resolution(), basemap_->config().max_zoom);
  const MapBounds b = viewport.visible_bounds();
  const auto keys = tiles_covering(b.min_x, b.min_y, b.max_x, b.max_y, z);
  basemap_->request(keys);  // the current view's tiles, centre first; older queued ones are dropped
  for (const TileKey& key : keys) {
    if (auto image = basemap_->tile(key)) tiles.push_back({key, std::move(*image)});
  }
  return tiles;
}

void MapCanvas::refresh() {
  if (render_scheduled_) return;
  render_scheduled_ = true;
  QTimer::singleShot(0, this, &MapCanvas::start_render);
}

void MapCanvas::start_render() {
  render_scheduled_ = false;
  if (cancel_) cancel_->store(true);  // the running frame is stale
  if (watcher_.isRunning()) {
    // on_render_finished starts the next frame once the cancelled one has returned.
    render_scheduled_ = true;
    return;
  }
  viewport_.set_size(size());
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  rendering_viewport_ = viewport_;
  rendering_ = true;
  render_clock_.start();
  watcher_.setFuture(QtConcurrent::run([snapshot = snapshot(), cancel = cancel_, hook = render_hook()] {
    if (hook) hook(*cancel);
    return render_map(snapshot, cancel.get());
  }));
}

void MapCanvas::on_render_finished() {
  rendering_ = false;
  const bool stale = cancel_ && cancel_->load();
  if (!stale) {
    frame_ = watcher_.result();
    frame_viewport_ = rendering_viewport_;
    update();
    emit frame_rendered(static_cast<double>(render_clock_.nsecsElapsed()) / 1e6);
  }
  if (render_scheduled_ || stale) {
    render_scheduled_ = false;
    start_render();
  }
}

void MapCanvas::changed_view() {
  emit viewport_changed(viewport_);
  update();
  refresh();
}

void MapCanvas::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), QColor(242, 239, 233));
  if (frame_.isNull()) return;
  if (frame_viewport_ == viewport_) {
    painter.drawImage(0, 0, frame_);
    return;
  }
  // The last frame, moved and scaled to where its content lies in the current view.
  const double scale = frame_viewport_.resolution() / viewport_.resolution();
  const QPointF top_left = viewport_.to_screen(frame_viewport_.to_map({0, 0}).x(), frame_viewport_.to_map({0, 0}).y());
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter.drawImage(QRectF(top_left, QSizeF(frame_.width() * scale, frame_.height() * scale)), frame_);
}

void MapCanvas::resizeEvent(QResizeEvent*) {
  viewport_.set_size(size());
  changed_view();
}

void MapCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  dragging_ = true;
  drag_last_ = event->position();
  press_at_ = event->position();
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event) {
  const QPointF at = viewport_.to_map(event->position());
  const MapPoint lon_lat = web_mercator_to_lon_lat({at.x(), at.y()});
  emit cursor_moved(lon_lat.x, lon_lat.y);
  if (!dragging_) return;
  viewport_.pan_pixels(event->position() - drag_last_);
  drag_last_ = event->position();
  changed_view();
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !dragging_) return;
  dragging_ = false;
  const QPointF moved = event->position() - press_at_;
  if (std::hypot(moved.x(), moved.y()) > kClickSlop) return;
  const Hit hit = hit_test(layers_, viewport_, event->position());
  set_selection(hit.layer, hit.id);
  emit feature_clicked(hit.layer, QString::fromStdString(hit.id));
}

void MapCanvas::wheelEvent(QWheelEvent* event) {
  const double notches = event->angleDelta().y() / 120.0;
  if (notches == 0) return;
  viewport_.zoom_at(event->position(), std::pow(kWheelStep, notches));
  changed_view();
  event->accept();
}

void MapCanvas::keyPressEvent(QKeyEvent* event) {
  const QPointF centre(width() / 2.0, height() / 2.0);
  const double dx = width() * kKeyPanFraction, dy = height() * kKeyPanFraction;
  switch (event->key()) {
    case Qt::Key_Left: viewport_.pan_pixels({dx, 0}); break;
    case Qt::Key_Right: viewport_.pan_pixels({-dx, 0}); break;
    case Qt::Key_Up: viewport_.pan_pixels({0, dy}); break;
    case Qt::Key_Down: viewport_.pan_pixels({0, -dy}); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: viewport_.zoom_at(centre, 2.0); break;
    case Qt::Key_Minus: viewport_.zoom_at(centre, 0.5); break;
    case Qt::Key_Home: zoom_to_all(); return;
    default: QWidget::keyPressEvent(event); return;
  }
  changed_view();
}

}  // namespace zanplan::maps
