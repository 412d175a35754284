// The map widget. It owns the view and the layers; every change only schedules a frame,
// which is rendered from an immutable snapshot in a worker thread. A newer frame cancels
// the one in progress. Until it arrives, the last frame is drawn shifted and scaled to the
// current view, so that pan and zoom follow the mouse at once.
//
// The layers are drawn into a cached image larger than the view (a margin of a quarter of
// the view on each side) at the view's resolution: a frame whose view lies inside it, at the
// same resolution, is composed from it (basemap, the cached image moved, selection,
// overlays) without drawing a feature. Any change to the layers, their order, visibility or
// data, or to the resolution, renders it again.
//
// Layers with a ViewSource are read per view: when such a layer is drawn at the view's
// resolution and its data does not cover the view, the view with the source's margin is read
// in a worker thread; the result replaces the layer's data unless a newer read of that layer
// started meanwhile (it is then dropped).
#pragma once

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImage>
#include <QPointer>
#include <QWidget>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
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
  // The view the last frame shows: a frame composed from the cached layers shows the view
  // moved by less than half a pixel, so that the cache lands on whole pixels.
  [[nodiscard]] const Viewport& frame_viewport() const { return frame_viewport_; }
  // A frame is scheduled, rendering, or rendered but not yet delivered.
  [[nodiscard]] bool render_pending() const { return render_scheduled_ || rendering_; }
  // A per-view read is in progress.
  [[nodiscard]] bool reading() const;

  struct Stats {
    int layer_renders = 0;      // frames that drew the layers (into the cached image)
    int composed_frames = 0;    // frames composed from the cached image alone
    int view_reads_started = 0;
    int view_reads_applied = 0;
    int view_reads_dropped = 0;  // overtaken by a newer read of the same layer, or failed
  };
  [[nodiscard]] const Stats& stats() const { return stats_; }

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
  // A per-view read replaced a layer's data.
  void layer_data_read(const QString& layer);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  struct Frame {
    QImage image;
    QImage layers;  // set when the job rendered the layer image
  };
  struct SourceState {
    std::uint64_t generation = 0;
    MapBounds covered;  // by the layer's data, or by the read in progress
    std::shared_ptr<std::atomic<bool>> cancel;
    bool reading = false;
    QFuture<std::shared_ptr<const MapLayerData>> read;
  };

  void start_render();
  void on_render_finished();
  void changed_view();
  void changed_layers();
  bool zoom_to_feature(const MapLayer& layer, const std::string& id);
  void update_sources();
  void on_view_read(const QString& id, std::uint64_t generation, std::shared_ptr<const MapLayerData> read);
  [[nodiscard]] bool layer_image_covers(const Viewport& image_view, std::uint64_t version) const;
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
  QFutureWatcher<Frame> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  Viewport rendering_viewport_;
  // The cached layer image, the view it was rendered for and the layers' version then.
  QImage layer_image_;
  Viewport layer_image_view_;
  std::uint64_t layer_image_version_ = 0;
  std::uint64_t layers_version_ = 1;  // bumped by every change to what the layers draw
  // The job in progress renders the layer image for this view and version.
  bool rendering_layers_ = false;
  Viewport rendering_layers_view_;
  std::uint64_t rendering_layers_version_ = 0;
  std::map<QString, SourceState> sources_;
  Stats stats_;
  QElapsedTimer render_clock_;

  bool dragging_ = false;
  QPointF drag_last_;
  QPointF press_at_;
};

}  // namespace zanplan::maps
