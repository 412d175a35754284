#include "zanplan/maps/canvas.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <exception>

namespace zanplan::maps {

namespace {
MapCanvas::RenderHook& render_hook() {
  static MapCanvas::RenderHook hook;  // used from the UI thread only, copied into each frame
  return hook;
}
constexpr double kWheelStep = 1.25;     // zoom factor per wheel notch (120 units)
constexpr double kKeyPanFraction = 0.2;  // of the view per arrow key
constexpr double kClickSlop = 4.0;      // pixels a press may move and still be a click
// The cached layer image reaches this share of the view's size beyond each side: pans of up
// to a quarter of the view are composed from it.
constexpr double kLayerImageMargin = 0.25;

MapBounds padded(MapBounds b, double dx, double dy) {
  b.min_x -= dx;
  b.max_x += dx;
  b.min_y -= dy;
  b.max_y += dy;
  return b;
}
}  // namespace

MapCanvas::MapCanvas(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  setMinimumSize(200, 150);
  setAttribute(Qt::WA_OpaquePaintEvent);
  connect(&watcher_, &QFutureWatcher<Frame>::finished, this, &MapCanvas::on_render_finished);
}

void MapCanvas::set_render_hook_for_testing(RenderHook hook) { render_hook() = std::move(hook); }

MapCanvas::~MapCanvas() {
  if (cancel_) cancel_->store(true);
  for (auto& [id, state] : sources_) {
    if (state.cancel) state.cancel->store(true);
  }
  watcher_.waitForFinished();
  for (auto& [id, state] : sources_) state.read.waitForFinished();
}

bool MapCanvas::reading() const {
  return std::any_of(sources_.begin(), sources_.end(), [](const auto& entry) { return entry.second.reading; });
}

void MapCanvas::set_viewport(const Viewport& viewport) {
  viewport_ = viewport;
  viewport_.set_size(size());
  changed_view();
}

void MapCanvas::set_layers(std::vector<MapLayer> layers) {
  std::map<QString, SourceState> kept;
  for (const auto& l : layers) {
    if (!l.source) continue;
    auto it = sources_.find(l.id);
    const MapLayer* old = layer(l.id);
    if (it != sources_.end() && old != nullptr && old->source && old->data == l.data) {
      kept[l.id] = std::move(it->second);  // the same data: what was read still holds
      sources_.erase(it);
    } else if (it != sources_.end()) {
      // Other data (another workspace): the read in progress is stale; it stays tracked.
      SourceState fresh;
      fresh.generation = it->second.generation + 1;
      fresh.read = it->second.read;
      if (it->second.cancel) it->second.cancel->store(true);
      kept[l.id] = std::move(fresh);
      sources_.erase(it);
    }
  }
  for (auto& [id, state] : sources_) {  // layers without a source any more
    if (state.cancel) state.cancel->store(true);
    state.covered = MapBounds();
    ++state.generation;
    kept.emplace(id, std::move(state));
  }
  sources_ = std::move(kept);
  layers_ = std::move(layers);
  changed_layers();
}

void MapCanvas::changed_layers() {
  ++layers_version_;
  refresh();
}

void MapCanvas::set_layer_visible(const QString& id, bool visible) {
  for (auto& l : layers_) {
    if (l.id == id && l.visible != visible) {
      l.visible = visible;
      changed_layers();
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
  changed_layers();
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
  // The selected layer first; a layer read per view may not hold the feature, another layer
  // with the same ids (an overview, markers) may.
  std::vector<const MapLayer*> order;
  if (const MapLayer* l = layer(selected_layer_)) order.push_back(l);
  for (const auto& l : layers_) {
    if (l.id != selected_layer_) order.push_back(&l);
  }
  for (const MapLayer* l : order) {
    if (l->data && zoom_to_feature(*l, selected_id_)) return;
  }
}

bool MapCanvas::zoom_to_feature(const MapLayer& l, const std::string& id) {
  for (const auto& f : l.data->features) {
    if (f.id != id) continue;
    MapBounds b = f.bounds;
    // The feature with its surroundings: three times its size, and at least 2 km across.
    const double extent = std::max(b.max_x - b.min_x, b.max_y - b.min_y);
    const double pad = std::max(extent, 1000.0 - extent / 2);
    b.add(b.min_x - pad, b.min_y - pad);
    b.add(b.max_x + pad, b.max_y + pad);
    zoom_to_bounds(b);
    return true;
  }
  return false;
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

bool MapCanvas::layer_image_covers(const Viewport& image_view, std::uint64_t version) const {
  return version == layers_version_ && image_view.resolution() == viewport_.resolution() &&
         image_view.visible_bounds().contains(viewport_.visible_bounds());
}

void MapCanvas::start_render() {
  render_scheduled_ = false;
  viewport_.set_size(size());
  update_sources();
  if (watcher_.isRunning()) {
    // A layer image that will still serve the current view is left to finish; any other
    // frame in progress is stale. on_render_finished starts the next frame.
    const bool useful = rendering_layers_ && layer_image_covers(rendering_layers_view_, rendering_layers_version_);
    if (!useful && cancel_) cancel_->store(true);
    render_scheduled_ = true;
    return;
  }
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  rendering_viewport_ = viewport_;
  rendering_ = true;
  render_clock_.start();
  MapSnapshot snap = snapshot();
  rendering_layers_ = layer_image_.isNull() || !layer_image_covers(layer_image_view_, layer_image_version_);
  if (!rendering_layers_) {
    // The frame shows the view moved by less than half a pixel, so that the cached image
    // lands on whole pixels (drawn at a fraction, every edge would be resampled).
    const Viewport& cached = layer_image_view_;
    const QPointF top_left = cached.to_map({0, 0});
    const QPointF exact = viewport_.to_screen(top_left.x(), top_left.y());
    const QPoint whole = layer_image_offset(viewport_, cached);
    Viewport snapped = viewport_;
    snapped.set_center({viewport_.center().x() + (exact.x() - whole.x()) * viewport_.resolution(),
                        viewport_.center().y() - (exact.y() - whole.y()) * viewport_.resolution()});
    snap.viewport = snapped;
    rendering_viewport_ = snapped;
    ++stats_.composed_frames;
    watcher_.setFuture(QtConcurrent::run([snap = std::move(snap), image = layer_image_, view = layer_image_view_,
                                          cancel = cancel_, hook = render_hook()] {
      if (hook) hook(*cancel);
      return Frame{compose_map(snap, image, view), {}};
    }));
    return;
  }
  ++stats_.layer_renders;
  const QSize size = viewport_.size();
  const Viewport image_view(QSize(static_cast<int>(std::ceil(size.width() * (1 + 2 * kLayerImageMargin))),
                                  static_cast<int>(std::ceil(size.height() * (1 + 2 * kLayerImageMargin)))),
                            viewport_.center(), viewport_.resolution());
  rendering_layers_view_ = image_view;
  rendering_layers_version_ = layers_version_;
  watcher_.setFuture(QtConcurrent::run([snap = std::move(snap), image_view, cancel = cancel_, hook = render_hook()] {
    if (hook) hook(*cancel);
    Frame frame;
    RenderStats stats;
    frame.layers = render_layers(snap, image_view, cancel.get(), &stats);
    if (stats.cancelled) return Frame{};
    frame.image = compose_map(snap, frame.layers, image_view);
    return frame;
  }));
}

void MapCanvas::on_render_finished() {
  rendering_ = false;
  const bool stale = cancel_ && cancel_->load();
  Frame result = watcher_.result();
  if (rendering_layers_ && !stale && !result.layers.isNull() && rendering_layers_version_ == layers_version_) {
    layer_image_ = std::move(result.layers);
    layer_image_view_ = rendering_layers_view_;
    layer_image_version_ = rendering_layers_version_;
  }
  rendering_layers_ = false;
  if (!stale && !result.image.isNull()) {
    frame_ = std::move(result.image);
    frame_viewport_ = rendering_viewport_;
    update();
    emit frame_rendered(static_cast<double>(render_clock_.nsecsElapsed()) / 1e6);
  }
  if (render_scheduled_ || stale) {
    render_scheduled_ = false;
    start_render();
  }
}

void MapCanvas::update_sources() {
  const MapBounds view = viewport_.visible_bounds();
  for (const auto& l : layers_) {
    if (!l.source || !l.source->read || !l.visible || !l.style.drawn_at(viewport_.resolution())) continue;
    SourceState& state = sources_[l.id];
    if (state.covered.contains(view)) continue;
    const MapBounds wanted = padded(view, (view.max_x - view.min_x) * l.source->margin, (view.max_y - view.min_y) * l.source->margin);
    if (state.cancel) state.cancel->store(true);  // overtaken: its result will be dropped
    state.cancel = std::make_shared<std::atomic<bool>>(false);
    state.covered = wanted;
    state.reading = true;
    const std::uint64_t generation = ++state.generation;
    ++stats_.view_reads_started;
    state.read = QtConcurrent::run([read = l.source->read, wanted, cancel = state.cancel]() -> std::shared_ptr<const MapLayerData> {
      try {
        return read(wanted, *cancel);
      } catch (const std::exception&) {
        return nullptr;
      }
    });
    state.read.then(this, [this, id = l.id, generation](std::shared_ptr<const MapLayerData> read) {
      on_view_read(id, generation, std::move(read));
    });
  }
}

void MapCanvas::on_view_read(const QString& id, std::uint64_t generation, std::shared_ptr<const MapLayerData> read) {
  auto it = sources_.find(id);
  if (it == sources_.end() || it->second.generation != generation) {
    ++stats_.view_reads_dropped;  // a newer read of the layer started after this one
    return;
  }
  SourceState& state = it->second;
  state.reading = false;
  auto l = std::find_if(layers_.begin(), layers_.end(), [&](const MapLayer& m) { return m.id == id; });
  if (!read || state.cancel->load() || l == layers_.end() || !l->source) {
    state.covered = MapBounds();  // read again when next drawn
    ++stats_.view_reads_dropped;
    return;
  }
  l->data = std::move(read);
  l->values = l->source->values ? l->source->values(*l->data) : nullptr;
  ++stats_.view_reads_applied;
  changed_layers();
  emit layer_data_read(id);
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
