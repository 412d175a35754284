// Drawing one frame from an immutable snapshot: basemap tiles, then the layers bottom to
// top, the selection, and the overlays (scale bar, legend, attribution). Pure function of
// the snapshot, safe in any thread; a cancelled render returns early with a partial image.
#pragma once

#include <QDate>
#include <QImage>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <atomic>
#include <optional>
#include <vector>

#include "zanplan/maps/style.hpp"
#include "zanplan/maps/tiles.hpp"
#include "zanplan/maps/viewport.hpp"

namespace zanplan::maps {

struct BasemapTile {
  TileKey key;
  QImage image;
};

// What a report map carries besides the layers and the legend (zanplan render, the map
// window's exported views): a title block, a north arrow and a sources block.
struct MapDecorations {
  QString title;
  QString subtitle;
  QDate date;            // printed in the application's locale
  QStringList sources;   // where each layer comes from (real or SYNTHETIC), the basemap's attribution
  bool north_arrow = true;
};

struct MapSnapshot {
  Viewport viewport;
  std::vector<MapLayer> layers;  // bottom to top
  std::vector<BasemapTile> tiles;
  QString attribution;  // basemap attribution; empty when there is no basemap
  QColor background = QColor(242, 239, 233);
  QString selected_layer;
  std::string selected_id;
  bool overlays = true;  // scale bar, legend, attribution
  bool legend = true;    // the legend among the overlays
  QString legend_title;
  // Set: a report map. The decorations are drawn, the basemap attribution moves into the
  // sources block, and labels keep clear of every overlay.
  std::optional<MapDecorations> report;
};

struct RenderStats {
  std::size_t features_drawn = 0;
  std::size_t features_as_dots = 0;  // smaller than a pixel: drawn as one dot
  std::size_t vertices_drawn = 0;
  bool cancelled = false;
  std::vector<QRectF> labels;          // the point labels drawn, in image pixels
  std::size_t labels_crowded = 0;      // rank labels drawn over something: no free slot in reach
  std::vector<QRectF> overlays;        // title block, legend, scale bar, north arrow, sources
};

// The part of the image left to the map by its overlays: below a report's title block, left
// of the legend, above the sources (the whole image when there are none). Fitting a view
// into it (Viewport::fit_in) keeps a report's subject clear of its decorations.
QRectF map_frame(const MapSnapshot& snapshot);

QImage render_map(const MapSnapshot& snapshot, const std::atomic<bool>* cancel = nullptr, RenderStats* stats = nullptr);

// The same frame in two steps, as the canvas draws it so that a pan does not redraw every
// feature. render_layers draws the snapshot's layers and labels alone, for `viewport` (the
// view with a margin, at the view's resolution), on a transparent image: what is cached.
// compose_map draws the background, the basemap, that image where it lies in the snapshot's
// view (moved by whole pixels), the selection and the overlays. Up to antialiasing where a
// fill meets the basemap, the result is render_map's.
QImage render_layers(const MapSnapshot& snapshot, const Viewport& viewport, const std::atomic<bool>* cancel = nullptr,
                     RenderStats* stats = nullptr);
QImage compose_map(const MapSnapshot& snapshot, const QImage& layer_image, const Viewport& layers_view);
// Where the top-left pixel of an image rendered for `layers_view` falls in `view` (rounded).
QPoint layer_image_offset(const Viewport& view, const Viewport& layers_view);

// A legend swatch of `size` pixels: the layer's symbol in `color` (its fill for polygons, its
// point shape for points, a stroke for lines).
QImage legend_swatch(const MapLayer& layer, const QColor& color, QSize size);

// The feature of a visible layer at a screen point (topmost layer first; points within
// `tolerance` pixels, polygons containing the point), or an empty id. Inside a polygon, a
// feature of a layer below whose style is clickable_under_polygons wins (the sites under a
// planner's zone).
struct Hit {
  QString layer;
  std::string id;
  std::size_t feature = 0;
};
Hit hit_test(const std::vector<MapLayer>& layers, const Viewport& viewport, QPointF screen, double tolerance = 5.0);

}  // namespace zanplan::maps
