// What is drawn over the layers: scale bar, legend, basemap attribution.
#pragma once

#include <QPainter>
#include <vector>

#include "zanplan/maps/style.hpp"
#include "zanplan/maps/viewport.hpp"

namespace zanplan::maps {

// A bar of a round length (1, 2 or 5 × 10^n metres) close to a fifth of the view's width,
// measured at the view's centre latitude.
void draw_scale_bar(QPainter& painter, const Viewport& viewport);
// Lists the layers drawn at the view's resolution, top layer first.
void draw_legend(QPainter& painter, const std::vector<MapLayer>& layers, const Viewport& viewport, const QString& title);
void draw_attribution(QPainter& painter, const QString& attribution, QSize size);

// The round scale-bar length in metres for a view (exposed for tests).
double scale_bar_metres(const Viewport& viewport);

// Draws a point symbol of `size` pixels centred on `at`.
void draw_symbol(QPainter& painter, PointShape shape, QPointF at, double size);

}  // namespace zanplan::maps
