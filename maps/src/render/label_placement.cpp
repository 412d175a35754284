#include "zanplan/maps/label_placement.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace zanplan::maps {

double distance_to_box(QPointF point, const QRectF& box) {
  const double dx = std::max({box.left() - point.x(), 0.0, point.x() - box.right()});
  const double dy = std::max({box.top() - point.y(), 0.0, point.y() - box.bottom()});
  return std::hypot(dx, dy);
}

namespace {

QRectF marker_box(const LabelRequest& r) {
  return {r.anchor.x() - r.marker_radius, r.anchor.y() - r.marker_radius, 2 * r.marker_radius, 2 * r.marker_radius};
}

// The box of a label of `size` whose nearest side or corner lies `distance` pixels from
// `anchor` in the direction `angle` (radians, screen y downwards; 0 = right).
QRectF box_towards(QPointF anchor, QSizeF size, double angle, double distance) {
  const double cx = std::cos(angle), cy = std::sin(angle);
  const QPointF reach = anchor + QPointF(cx * distance, cy * distance);
  // The box hangs from `reach` on the side facing away from the anchor.
  const double left = cx > 0.3 ? reach.x() : cx < -0.3 ? reach.x() - size.width() : reach.x() - size.width() / 2;
  const double top = cy > 0.3 ? reach.y() : cy < -0.3 ? reach.y() - size.height() : reach.y() - size.height() / 2;
  return {left, top, size.width(), size.height()};
}

bool free_slot(const QRectF& box, const std::vector<QRectF>& taken, const QRectF& bounds) {
  if (!bounds.isEmpty() && !bounds.contains(box)) return false;
  return std::none_of(taken.begin(), taken.end(), [&](const QRectF& t) { return t.intersects(box); });
}

// Right, left, above, below, then the four corners: the reading order of map labels.
constexpr double kAdjacentAngles[] = {0, 180, 270, 90, 315, 225, 45, 135};

}  // namespace

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests, std::vector<QRectF> obstacles,
                                         const PlacementOptions& options) {
  for (const auto& r : requests) obstacles.push_back(marker_box(r));
  std::vector<LabelPlacement> placed(requests.size());
  constexpr double kDegree = std::numbers::pi / 180;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const LabelRequest& r = requests[i];
    LabelPlacement& p = placed[i];
    const double adjacent = r.marker_radius + options.gap;
    for (const double angle : kAdjacentAngles) {
      const QRectF box = box_towards(r.anchor, r.size, angle * kDegree, adjacent);
      if (free_slot(box, obstacles, options.bounds)) {
        p = {true, box, false, {}, false};
        break;
      }
    }
    // Displaced slots on rings further out, every 22.5°, nearest ring first.
    for (double distance = adjacent + options.ring_step; !p.placed && r.required && distance <= options.max_distance;
         distance += options.ring_step) {
      for (int step = 0; step < 16 && !p.placed; ++step) {
        const QRectF box = box_towards(r.anchor, r.size, step * 22.5 * kDegree, distance);
        if (!free_slot(box, obstacles, options.bounds)) continue;
        const QPointF end(std::clamp(r.anchor.x(), box.left(), box.right()), std::clamp(r.anchor.y(), box.top(), box.bottom()));
        p = {true, box, true, end, false};
      }
    }
    if (!p.placed && r.required) {
      // Nowhere free within reach: beside the marker all the same, and reported.
      p = {true, box_towards(r.anchor, r.size, 0, adjacent), false, {}, true};
    }
    if (p.placed) obstacles.push_back(p.box);
  }
  return placed;
}

}  // namespace zanplan::maps
