// How a layer is drawn: a single symbol, or classes graduated on a value (choropleth,
// score, voltage), and the layer as the map holds it.
#pragma once

#include <QColor>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "zanplan/map_data.hpp"

namespace zanplan::maps {

enum class PointShape { circle, square, triangle, diamond };

// Values up to and including `upper` (and above the previous class's) take this colour.
struct StyleClass {
  double upper = 0;
  QColor color;
  QString label;
};

struct LayerStyle {
  QColor fill = Qt::transparent;
  QColor stroke = QColor(60, 60, 60);
  double stroke_width = 1.0;  // pixels
  double point_size = 6.0;    // pixels
  PointShape shape = PointShape::circle;
  std::vector<StyleClass> classes;  // graduated when not empty, ascending upper bounds
  QColor no_value = Qt::transparent;  // graduated layers: features without a value
  QString value_title;                // what the classes measure, for the legend
  bool labels = false;                // draw feature labels (when zoomed in enough)
  double max_label_resolution = 60;   // metres per pixel above which labels are skipped
  double label_size = 0.85;           // of the default font's size
  bool label_bold = false;
  // Point labels: optional ones (place names) are dropped where no slot beside the marker is
  // free; the others (rank numbers) are moved out with a leader line (see label_placement.hpp).
  bool labels_optional = false;
  double max_resolution = 1e12;       // metres per pixel above which the layer is not drawn
  double min_resolution = 0;          // below which it is not drawn (an overview for small scales)
  // A click on one of its features inside a polygon of a layer drawn above it picks this
  // feature rather than the polygon: the candidate sites under a planner's translucent zone.
  // Points and lines above still win (they are precise targets).
  bool clickable_under_polygons = false;

  [[nodiscard]] bool graduated() const { return !classes.empty(); }
  [[nodiscard]] bool drawn_at(double resolution) const { return resolution <= max_resolution && resolution >= min_resolution; }
  // The fill (polygons) or symbol colour (points, lines) for a value.
  [[nodiscard]] QColor color_for(double value) const;
};

// Classes with breaks at the quantiles of `values` (NaN ignored), coloured along `ramp`
// (two or more colours, interpolated); labels give each class's range with `decimals`.
std::vector<StyleClass> quantile_classes(std::vector<double> values, int count, const std::vector<QColor>& ramp,
                                         int decimals);
// Classes at the given upper bounds (the last is +inf), coloured along `ramp`.
std::vector<StyleClass> fixed_classes(const std::vector<double>& uppers, const std::vector<QColor>& ramp,
                                      const std::vector<QString>& labels);

// Where a layer too large to hold whole is read from, one view at a time: the map canvas
// reads the view (with a margin) in a worker thread whenever the layer is drawn and its data
// no longer covers the view, and drops a read that a newer one has overtaken.
struct ViewSource {
  // The features meeting a Web Mercator box; runs in a worker thread and may return early
  // once `cancel` is set (its result is then dropped). Null or a throw: nothing read.
  std::function<std::shared_ptr<const MapLayerData>(const MapBounds& web_mercator, const std::atomic<bool>& cancel)> read;
  // Per-feature values for freshly read data (MapLayer::values); null: the features' own.
  std::function<std::shared_ptr<const std::vector<double>>(const MapLayerData&)> values;
  double margin = 0.25;  // of the view's width and height, read beyond each side
};

struct MapLayer {
  QString id;     // stable key, e.g. "communes"
  QString title;  // shown in the layer list and legend
  std::shared_ptr<const MapLayerData> data;
  // Per-feature values replacing MapFeature::value (same order as data->features), so that
  // re-scoring recolours the map without re-reading geometries. May be null.
  std::shared_ptr<const std::vector<double>> values;
  LayerStyle style;
  bool visible = true;
  bool synthetic = false;  // marked in the legend
  // Set: `data` holds the last view read from it (see ViewSource), not the whole layer.
  std::shared_ptr<const ViewSource> source;

  [[nodiscard]] double value_of(std::size_t feature) const {
    return values ? (*values)[feature] : data->features[feature].value;
  }
};

}  // namespace zanplan::maps
