#include "zanplan/maps/viewport.hpp"

#include <algorithm>
#include <cmath>

namespace zanplan::maps {

namespace {
constexpr double kEarthRadius = 6378137.0;
}

Viewport::Viewport(QSize size, QPointF center, double resolution) : size_(size), center_(center) {
  set_resolution(resolution);
}

void Viewport::set_resolution(double resolution) {
  resolution_ = std::clamp(resolution, kMinResolution, kMaxResolution);
}

QPointF Viewport::to_map(QPointF screen) const {
  return {center_.x() + (screen.x() - size_.width() / 2.0) * resolution_,
          center_.y() - (screen.y() - size_.height() / 2.0) * resolution_};
}

MapBounds Viewport::visible_bounds() const {
  MapBounds b;
  b.add(to_map({0, 0}).x(), to_map({0, 0}).y());
  const QPointF far = to_map(QPointF(size_.width(), size_.height()));
  b.add(far.x(), far.y());
  return b;
}

void Viewport::pan_pixels(QPointF delta) {
  center_ -= QPointF(delta.x() * resolution_, -delta.y() * resolution_);
}

void Viewport::zoom_at(QPointF anchor, double factor) {
  if (factor <= 0) return;
  const QPointF before = to_map(anchor);
  set_resolution(resolution_ / factor);
  const QPointF after = to_map(anchor);
  center_ += before - after;
}

void Viewport::fit(const MapBounds& bounds, double margin) {
  if (bounds.empty()) return;
  center_ = {(bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2};
  const double usable_w = std::max(1.0, size_.width() * (1 - 2 * margin));
  const double usable_h = std::max(1.0, size_.height() * (1 - 2 * margin));
  const double rx = (bounds.max_x - bounds.min_x) / usable_w;
  const double ry = (bounds.max_y - bounds.min_y) / usable_h;
  set_resolution(std::max({rx, ry, kMinResolution}));
}

void Viewport::fit_in(const MapBounds& bounds, const QRectF& frame, double margin) {
  if (bounds.empty() || frame.isEmpty()) return;
  const double usable_w = std::max(1.0, frame.width() * (1 - 2 * margin));
  const double usable_h = std::max(1.0, frame.height() * (1 - 2 * margin));
  set_resolution(std::max({(bounds.max_x - bounds.min_x) / usable_w, (bounds.max_y - bounds.min_y) / usable_h, kMinResolution}));
  // The bounds' centre under the frame's centre (screen y grows downwards, map y upwards).
  const QPointF offset = frame.center() - QPointF(size_.width() / 2.0, size_.height() / 2.0);
  center_ = {(bounds.min_x + bounds.max_x) / 2 - offset.x() * resolution_, (bounds.min_y + bounds.max_y) / 2 + offset.y() * resolution_};
}

double Viewport::ground_resolution() const {
  const double latitude = 2.0 * std::atan(std::exp(center_.y() / kEarthRadius)) - M_PI / 2.0;
  return resolution_ * std::cos(latitude);
}

double Viewport::scale_denominator(double dpi) const { return ground_resolution() * dpi / 0.0254; }

}  // namespace zanplan::maps
