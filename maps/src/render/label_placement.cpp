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

// Liang–Barsky: clip the segment's parameter range [0, 1] against the box's four sides.
bool segment_crosses_box(QPointF a, QPointF b, const QRectF& box) {
  const double dx = b.x() - a.x(), dy = b.y() - a.y();
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x() - box.left(), box.right() - a.x(), a.y() - box.top(), box.bottom() - a.y()};
  double t0 = 0, t1 = 1;
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;  // parallel to this side and outside it
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0) t0 = std::max(t0, t);
    else t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
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

struct Segment {
  QPointF a, b;
};

bool free_slot(const QRectF& box, const std::vector<QRectF>& taken, const std::vector<Segment>& leaders, const QRectF& bounds) {
  if (!bounds.isEmpty() && !bounds.contains(box)) return false;
  if (std::any_of(taken.begin(), taken.end(), [&](const QRectF& t) { return t.intersects(box); })) return false;
  return std::none_of(leaders.begin(), leaders.end(), [&](const Segment& l) { return segment_crosses_box(l.a, l.b, box); });
}

// Right, left, above, below, then the four corners: the reading order of map labels.
constexpr double kAdjacentAngles[] = {0, 180, 270, 90, 315, 225, 45, 135};

}  // namespace

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests, std::vector<QRectF> obstacles,
                                         const PlacementOptions& options) {
  for (const auto& r : requests) obstacles.push_back(marker_box(r));
  const std::size_t markers_end = obstacles.size();
  std::vector<Segment> leaders;  // drawn lines: no later label may cover them
  std::vector<LabelPlacement> placed(requests.size());
  constexpr double kDegree = std::numbers::pi / 180;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const LabelRequest& r = requests[i];
    LabelPlacement& p = placed[i];
    const double adjacent = r.marker_radius + options.gap;
    for (const double angle : kAdjacentAngles) {
      const QRectF box = box_towards(r.anchor, r.size, angle * kDegree, adjacent);
      if (free_slot(box, obstacles, leaders, options.bounds)) {
        p = {true, box, false, {}, false};
        break;
      }
    }
    // Displaced slots on rings further out, every 22.5°, nearest ring first; a slot whose
    // leader would run across a label is taken only when no other is left within reach.
    for (const bool strict : {true, false}) {
      for (double distance = adjacent + options.ring_step; !p.placed && r.required && distance <= options.max_distance;
           distance += options.ring_step) {
        for (int step = 0; step < 16 && !p.placed; ++step) {
          const QRectF box = box_towards(r.anchor, r.size, step * 22.5 * kDegree, distance);
          if (!free_slot(box, obstacles, leaders, options.bounds)) continue;
          const QPointF end(std::clamp(r.anchor.x(), box.left(), box.right()), std::clamp(r.anchor.y(), box.top(), box.bottom()));
          const bool crosses = std::any_of(obstacles.begin() + static_cast<std::ptrdiff_t>(markers_end), obstacles.end(),
                                           [&](const QRectF& t) { return segment_crosses_box(r.anchor, end, t); });
          if (strict && crosses) continue;
          p = {true, box, true, end, false};
          leaders.push_back({r.anchor, end});
        }
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
