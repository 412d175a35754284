// The map's view: a Web Mercator (EPSG:3857) centre and resolution (metres per pixel) on a
// widget or image of a given size. Screen y grows downwards, map y upwards.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSize>

#include "zanplan/map_data.hpp"

namespace zanplan::maps {

class Viewport {
 public:
  // Resolutions between one tile pixel at zoom 20 and the whole world on one 256 px tile.
  static constexpr double kMinResolution = 0.15;
  static constexpr double kMaxResolution = 156543.03392804097;

  Viewport() = default;
  Viewport(QSize size, QPointF center, double resolution);

  [[nodiscard]] QSize size() const { return size_; }
  [[nodiscard]] QPointF center() const { return center_; }
  [[nodiscard]] double resolution() const { return resolution_; }
  void set_size(QSize size) { size_ = size; }
  void set_center(QPointF center) { center_ = center; }
  void set_resolution(double resolution);

  [[nodiscard]] QPointF to_screen(double x, double y) const {
    return {(x - center_.x()) / resolution_ + size_.width() / 2.0, (center_.y() - y) / resolution_ + size_.height() / 2.0};
  }
  [[nodiscard]] QPointF to_map(QPointF screen) const;
  [[nodiscard]] MapBounds visible_bounds() const;

  // Moves the content by `delta` screen pixels (dragging right shows what lies west).
  void pan_pixels(QPointF delta);
  // factor > 1 zooms in; the map point under `anchor` stays under it.
  void zoom_at(QPointF anchor, double factor);
  // The smallest view that shows `bounds` with a margin of `margin` of the size on each side.
  void fit(const MapBounds& bounds, double margin = 0.05);
  // The same within `frame`, a part of the screen (the rest being covered).
  void fit_in(const MapBounds& bounds, const QRectF& frame, double margin = 0.05);

  // Ground metres per pixel at the view's centre (Web Mercator stretches by 1/cos(latitude)).
  [[nodiscard]] double ground_resolution() const;
  // 1:N at a screen of `dpi` dots per inch.
  [[nodiscard]] double scale_denominator(double dpi = 96.0) const;

  friend bool operator==(const Viewport&, const Viewport&) = default;

 private:
  QSize size_{800, 600};
  QPointF center_{0, 0};
  double resolution_ = 1000;
};

}  // namespace zanplan::maps
