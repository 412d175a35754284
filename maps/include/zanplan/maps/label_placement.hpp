// Where labels go beside point markers so that no label hides another label or any marker:
// a greedy placement on boxes, with no painting, shared by the renderer (zanplan render, the
// map window, exported views) and tested on its own.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <vector>

namespace zanplan::maps {

struct LabelRequest {
  QPointF anchor;              // the marker's centre, in screen pixels
  QSizeF size;                 // the label's box
  double marker_radius = 0;    // the marker's half size: labels keep clear of it
  // Required labels (rank numbers) are moved away from a crowded marker, with a leader line;
  // optional ones (place names) are dropped unless a slot touching their marker is free.
  bool required = true;
};

struct LabelPlacement {
  bool placed = false;
  QRectF box;
  bool leader = false;  // displaced from its marker: a line joins the marker to the box
  QPointF leader_end;   // the box's point nearest the marker
  bool crowded = false;  // required, but no free slot within reach: drawn where it overlaps
};

struct PlacementOptions {
  QRectF bounds;              // labels stay inside (the image); empty: anywhere
  double gap = 2;             // pixels between a label and its marker
  double max_distance = 90;   // from a marker to its displaced label's nearest point
  double ring_step = 8;       // pixels between the rings of displaced slots
};

// Places the labels in the order given (the first has the first choice: the best rank).
// `obstacles` are boxes no label may cover (legend, title, labels of other layers); every
// request's marker is one too, and so is every leader line drawn; a leader crosses no label
// placed before it unless no other slot is left within reach (it may pass over markers). Slots are tried around the marker first (right, left, above,
// below, then the corners), then on rings further out, where a leader line is needed.
std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests, std::vector<QRectF> obstacles,
                                         const PlacementOptions& options);

// Does the segment a–b meet the box (touching counts)?
bool segment_crosses_box(QPointF a, QPointF b, const QRectF& box);

// The smallest distance from a point to a box (0 inside).
double distance_to_box(QPointF point, const QRectF& box);

}  // namespace zanplan::maps
