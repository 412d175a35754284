// The map widget. It owns the view and the layers; every change only schedules a frame,
// which is rendered from an immutable snapshot in a worker thread. A newer frame cancels
// the one in progress. Until it arrives, the last frame is drawn shifted and scaled to the
// current view, so that pan and zoom follow the mouse at once.
#pragma once

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImage>
#include <QPointer>
#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>

#include "zanplan/maps/renderer.hpp"
#include "zanplan/maps/tiles.hpp"

namespace zanplan::maps {

class MapCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit MapCanvas(QWidget* parent = nullptr);
  ~MapCanvas() override;

  [[nodiscard]] const Viewport& viewport() const { return viewport_; }
  void set_viewport(const Viewport& viewport);

  [[nodiscard]] const std::vector<MapLayer>& layers() const { return layers_; }
  void set_layers(std::vector<MapLayer> layers);
  void set_layer_visible(const QString& id, bool visible);
  // Moves the layer to `index` in the bottom-to-top order.
  void move_layer(const QString& id, std::size_t index);
  [[nodiscard]] const MapLayer* layer(const QString& id) const;

  void set_basemap(TileFetcher* fetcher);  // null: no basemap (the layers only)
  void set_legend_title(const QString& title);
  void set_legend_visible(bool visible);
  [[nodiscard]] bool legend_visible() const { return legend_visible_; }

  void zoom_to_bounds(const MapBounds& bounds);
  void zoom_to_layer(const QString& id);
  void zoom_to_selection();
  void zoom_to_all();

  void set_selection(const QString& layer, const std::string& id);
  [[nodiscard]] QString selected_layer() const { return selected_layer_; }
  [[nodiscard]] const std::string& selected_id() const { return selected_id_; }

  // The snapshot the next frame would be rendered from.
  [[nodiscard]] MapSnapshot snapshot() const;
  // The last finished frame and the view it was rendered for.
  [[nodiscard]] const QImage& frame() const { return frame_; }
  // A frame is scheduled, rendering, or rendered but not yet delivered.
  [[nodiscard]] bool render_pending() const { return render_scheduled_ || rendering_; }

  // For tests only: called on the worker thread as each frame starts, with the frame's
  // cancel flag, so that a test can hold a frame "rendering" for as long as it needs
  // (deterministically, instead of drawing a scene slow enough). Set from the UI thread;
  // an empty function removes it.
  using RenderHook = std::function<void(const std::atomic<bool>& cancel)>;
  static void set_render_hook_for_testing(RenderHook hook);

 public slots:
  void refresh();  // schedules a frame; cheap to call often

 signals:
  void viewport_changed(const zanplan::maps::Viewport& viewport);
  void cursor_moved(double longitude, double latitude);
  void feature_clicked(const QString& layer, const QString& id);
  void frame_rendered(double milliseconds);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void start_render();
  void on_render_finished();
  void changed_view();
  std::vector<BasemapTile> tiles_for(const Viewport& viewport) const;

  Viewport viewport_;
  std::vector<MapLayer> layers_;
  QString selected_layer_;
  std::string selected_id_;
  QString legend_title_;
  bool legend_visible_ = true;
  QPointer<TileFetcher> basemap_;

  QImage frame_;
  Viewport frame_viewport_;
  bool render_scheduled_ = false;
  bool rendering_ = false;  // from start_render until on_render_finished
  QFutureWatcher<QImage> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  Viewport rendering_viewport_;
  QElapsedTimer render_clock_;

  bool dragging_ = false;
  QPointF drag_last_;
  QPointF press_at_;
};

}  // namespace zanplan::maps
