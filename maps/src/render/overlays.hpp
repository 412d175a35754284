// What is drawn over the layers: scale bar, legend, basemap attribution, and on a report map
// the title block, the north arrow and the sources block.
#pragma once

#include <QPainter>
#include <vector>

#include "zanplan/maps/renderer.hpp"
#include "zanplan/maps/style.hpp"
#include "zanplan/maps/viewport.hpp"

namespace zanplan::maps {

// Where each overlay of a snapshot goes (empty boxes for those not drawn), worked out before
// anything is drawn so that labels can keep clear of them. Fonts: the default font, as a
// QPainter on an image uses.
struct OverlayLayout {
  QRectF title;        // report: title, subtitle, date, top left
  QRectF legend;       // top right
  QRectF sources;      // report: a band along the bottom
  QRectF scale_bar;    // bottom left (above the sources)
  QRectF north_arrow;  // report: bottom right (above the sources)
  QRectF attribution;  // bottom right when not a report (a report lists it among the sources)
  [[nodiscard]] std::vector<QRectF> boxes() const;
};
OverlayLayout layout_overlays(const MapSnapshot& snapshot);
void draw_overlays(QPainter& painter, const MapSnapshot& snapshot, const OverlayLayout& layout);

// A bar of a round length (1, 2 or 5 × 10^n metres) close to a fifth of the view's width,
// measured at the view's centre latitude; `box` from layout_overlays.
void draw_scale_bar(QPainter& painter, const Viewport& viewport, const QRectF& box);
// A north arrow filling `box` (the letter N over a two-tone arrow).
void draw_north_arrow(QPainter& painter, const QRectF& box);
// Lists the layers drawn at the view's resolution, top layer first.
void draw_legend(QPainter& painter, const std::vector<MapLayer>& layers, const Viewport& viewport, const QString& title,
                 const QRectF& box);

// The round scale-bar length in metres for a view (exposed for tests).
double scale_bar_metres(const Viewport& viewport);

// Draws a point symbol of `size` pixels centred on `at`.
void draw_symbol(QPainter& painter, PointShape shape, QPointF at, double size);

}  // namespace zanplan::maps
