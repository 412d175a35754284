#include "zanplan/maps/renderer.hpp"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>

#include "render/overlays.hpp"
#include "zanplan/maps/label_placement.hpp"

namespace zanplan::maps {

namespace {

// Vertices closer than this (in pixels) to the last drawn one are skipped: the level of
// detail that keeps a region-wide view of detailed outlines cheap.
constexpr double kMinVertexSpacing = 0.6;
// Features whose on-screen box is smaller than this are drawn as a single dot.
constexpr double kDotSize = 1.5;
constexpr std::size_t kCancelCheckEvery = 512;

bool cancelled(const std::atomic<bool>* cancel) { return cancel != nullptr && cancel->load(std::memory_order_relaxed); }

MapBounds padded(MapBounds b, double margin) {
  b.min_x -= margin;
  b.min_y -= margin;
  b.max_x += margin;
  b.max_y += margin;
  return b;
}

class LayerPainter {
 public:
  // Labels stay inside `label_bounds` (image pixels): the whole image, or the part of a
  // cached, larger-than-the-view image that the view shows, so no label is cut at its edge.
  LayerPainter(QPainter& painter, const Viewport& viewport, RenderStats& stats, QRectF label_bounds = {})
      : painter_(painter),
        viewport_(viewport),
        stats_(stats),
        label_bounds_(label_bounds.isEmpty() ? QRectF(QPointF(0, 0), QSizeF(viewport.size())) : label_bounds) {}

  bool draw(const MapLayer& layer, const std::atomic<bool>* cancel) {
    const auto& features = layer.data->features;
    const MapBounds view = padded(viewport_.visible_bounds(), viewport_.resolution() * layer.style.point_size);
    const LayerStyle& style = layer.style;
    for (std::size_t i = 0; i < features.size(); ++i) {
      if (i % kCancelCheckEvery == 0 && cancelled(cancel)) return false;
      const MapFeature& f = features[i];
      if (!view.intersects(f.bounds)) continue;
      const QColor color = style.color_for(layer.value_of(i));
      if (color.alpha() == 0 && (style.graduated() || style.stroke.alpha() == 0)) continue;
      draw_feature(layer.data->geometry, f, style, color);
    }
    return true;
  }

  void draw_feature(MapGeometry geometry, const MapFeature& f, const LayerStyle& style, const QColor& color) {
    const double w = (f.bounds.max_x - f.bounds.min_x) / viewport_.resolution();
    const double h = (f.bounds.max_y - f.bounds.min_y) / viewport_.resolution();
    if (geometry != MapGeometry::point && w < kDotSize && h < kDotSize) {
      const QPointF at = viewport_.to_screen((f.bounds.min_x + f.bounds.max_x) / 2, (f.bounds.min_y + f.bounds.max_y) / 2);
      painter_.fillRect(QRectF(std::floor(at.x()), std::floor(at.y()), 1, 1), color.alpha() > 0 ? color : style.stroke);
      ++stats_.features_as_dots;
      return;
    }
    ++stats_.features_drawn;
    switch (geometry) {
      case MapGeometry::point: draw_points(f, style, color); break;
      case MapGeometry::line: draw_lines(f, style, color); break;
      case MapGeometry::polygon: draw_polygon(f, style, color); break;
    }
  }

  void draw_outline(MapGeometry geometry, const MapFeature& f, const QPen& pen, double point_size) {
    painter_.setPen(pen);
    painter_.setBrush(Qt::NoBrush);
    if (geometry == MapGeometry::point) {
      for (std::size_t p = 0; p < f.part_starts.size(); ++p) {
        const std::size_t v = f.part_starts[p];
        draw_symbol(painter_, PointShape::circle, viewport_.to_screen(f.xy[2 * v], f.xy[2 * v + 1]), point_size + 6);
      }
      return;
    }
    painter_.drawPath(path_of(f, geometry == MapGeometry::polygon));
  }

 private:
  std::size_t part_end(const MapFeature& f, std::size_t part) const {
    return part + 1 < f.part_starts.size() ? f.part_starts[part + 1] : f.xy.size() / 2;
  }

  QPainterPath path_of(const MapFeature& f, bool closed) {
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (std::size_t p = 0; p < f.part_starts.size(); ++p) {
      const std::size_t begin = f.part_starts[p];
      const std::size_t end = part_end(f, p);
      if (end <= begin) continue;
      QPointF last = viewport_.to_screen(f.xy[2 * begin], f.xy[2 * begin + 1]);
      path.moveTo(last);
      ++stats_.vertices_drawn;
      for (std::size_t v = begin + 1; v < end; ++v) {
        const QPointF next = viewport_.to_screen(f.xy[2 * v], f.xy[2 * v + 1]);
        if (v + 1 < end && std::abs(next.x() - last.x()) < kMinVertexSpacing &&
            std::abs(next.y() - last.y()) < kMinVertexSpacing) {
          continue;
        }
        path.lineTo(next);
        last = next;
        ++stats_.vertices_drawn;
      }
      if (closed) path.closeSubpath();
    }
    return path;
  }

  void draw_polygon(const MapFeature& f, const LayerStyle& style, const QColor& color) {
    // An outline-only layer (no fill and no classes: the candidates before scoring) is not
    // filled with its stroke colour, which color_for gives it.
    const bool filled = color.alpha() > 0 && (style.graduated() || style.fill.alpha() > 0);
    painter_.setBrush(filled ? QBrush(color) : QBrush(Qt::NoBrush));
    painter_.setPen(style.stroke.alpha() > 0 && style.stroke_width > 0 ? QPen(style.stroke, style.stroke_width) : QPen(Qt::NoPen));
    painter_.drawPath(path_of(f, true));
  }

  void draw_lines(const MapFeature& f, const LayerStyle& style, const QColor& color) {
    painter_.setBrush(Qt::NoBrush);
    painter_.setPen(QPen(color, style.stroke_width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter_.drawPath(path_of(f, false));
  }

  void draw_points(const MapFeature& f, const LayerStyle& style, const QColor& color) {
    painter_.setBrush(color);
    painter_.setPen(style.stroke.alpha() > 0 ? QPen(style.stroke, 0.8) : QPen(Qt::NoPen));
    for (std::size_t p = 0; p < f.part_starts.size(); ++p) {
      const std::size_t v = f.part_starts[p];
      draw_symbol(painter_, style.shape, viewport_.to_screen(f.xy[2 * v], f.xy[2 * v + 1]), style.point_size);
      ++stats_.vertices_drawn;
    }
  }

  // Labels after every layer's features. Polygon labels go at the centre of the feature's
  // box, skipped where they would overlap one already drawn (`taken`) or not fit inside.
  // Point labels are placed beside their markers by place_labels, never over another label
  // or marker; `taken` gains every label drawn.
 public:
  void draw_labels(const MapLayer& layer, std::vector<QRectF>& taken, RenderStats& stats) {
    if (!layer.style.labels || viewport_.resolution() > layer.style.max_label_resolution) return;
    painter_.save();
    QFont font = painter_.font();
    font.setPointSizeF(font.pointSizeF() * layer.style.label_size);
    font.setBold(layer.style.label_bold);
    painter_.setFont(font);
    if (layer.data->geometry == MapGeometry::point) draw_point_labels(layer, font, taken, stats);
    else draw_area_labels(layer, font, taken);
    painter_.restore();
  }

 private:
  void draw_area_labels(const MapLayer& layer, const QFont& font, std::vector<QRectF>& taken) {
    const MapBounds view = viewport_.visible_bounds();
    const QFontMetricsF metrics(font);
    for (const MapFeature& f : layer.data->features) {
      if (f.label.empty() || !view.intersects(f.bounds)) continue;
      const QString text = QString::fromStdString(f.label);
      const QPointF centre = viewport_.to_screen((f.bounds.min_x + f.bounds.max_x) / 2, (f.bounds.min_y + f.bounds.max_y) / 2);
      const double width = metrics.horizontalAdvance(text);
      if (width > (f.bounds.max_x - f.bounds.min_x) / viewport_.resolution()) continue;
      const QRectF box(centre.x() - width / 2, centre.y() - metrics.height() / 2, width, metrics.height());
      if (std::any_of(taken.begin(), taken.end(), [&](const QRectF& t) { return t.intersects(box); })) continue;
      taken.push_back(box.adjusted(-3, -1, 3, 1));
      draw_haloed_text(box, font, metrics, text);
    }
  }

  void draw_point_labels(const MapLayer& layer, const QFont& font, std::vector<QRectF>& taken, RenderStats& stats) {
    const QFontMetricsF metrics(font);
    const QRectF& image = label_bounds_;
    std::vector<LabelRequest> requests;
    std::vector<QString> texts;
    for (const MapFeature& f : layer.data->features) {
      if (f.label.empty() || f.part_starts.empty()) continue;
      const QPointF at = viewport_.to_screen(f.xy[0], f.xy[1]);
      if (!image.contains(at)) continue;
      texts.push_back(QString::fromStdString(f.label));
      // The halo (3 px) is part of what must not touch another label.
      const QSizeF size(metrics.horizontalAdvance(texts.back()) + 4, metrics.height());
      requests.push_back({at, size, layer.style.point_size / 2 + 1, !layer.style.labels_optional});
    }
    PlacementOptions options;
    options.bounds = image;
    const auto placed = place_labels(requests, taken, options);
    for (std::size_t i = 0; i < placed.size(); ++i) {
      const LabelPlacement& p = placed[i];
      if (!p.placed) continue;
      if (p.leader) {
        const QPointF from = requests[i].anchor;
        const QPointF to = p.leader_end;
        const double length = std::hypot(to.x() - from.x(), to.y() - from.y());
        const double r = requests[i].marker_radius;
        if (length > r) {
          const QPointF start = from + (to - from) * (r / length);
          painter_.setPen(QPen(QColor(255, 255, 255, 220), 3, Qt::SolidLine, Qt::RoundCap));
          painter_.drawLine(start, to);
          painter_.setPen(QPen(QColor(40, 40, 40), 1.2, Qt::SolidLine, Qt::RoundCap));
          painter_.drawLine(start, to);
        }
      }
      draw_haloed_text(p.box.adjusted(2, 0, -2, 0), font, metrics, texts[i]);
      taken.push_back(p.box);
      // The labels of layers below (place names) keep off the leader line's whole box.
      if (p.leader) taken.push_back(QRectF(requests[i].anchor, p.leader_end).normalized());
      stats.labels.push_back(p.box);
      if (p.crowded) ++stats.labels_crowded;
    }
  }

  // Dark text with a white halo, readable over any fill.
  void draw_haloed_text(const QRectF& box, const QFont& font, const QFontMetricsF& metrics, const QString& text) {
    QPainterPath outline;
    outline.addText(box.left(), box.top() + metrics.ascent(), font, text);
    painter_.setPen(QPen(QColor(255, 255, 255, 220), 3));
    painter_.setBrush(Qt::NoBrush);
    painter_.drawPath(outline);
    painter_.setPen(Qt::NoPen);
    painter_.setBrush(QColor(30, 30, 30));
    painter_.drawPath(outline);
  }

 private:
  QPainter& painter_;
  const Viewport& viewport_;
  RenderStats& stats_;
  QRectF label_bounds_;
};

void draw_tiles(QPainter& painter, const MapSnapshot& snapshot) {
  painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
  for (const auto& tile : snapshot.tiles) {
    const auto b = tile_bounds(tile.key);
    const QPointF top_left = snapshot.viewport.to_screen(b[0], b[3]);
    const QPointF bottom_right = snapshot.viewport.to_screen(b[2], b[1]);
    // Rounded outwards so that neighbouring tiles leave no hairline gaps.
    const QRectF target(QPointF(std::floor(top_left.x()), std::floor(top_left.y())),
                        QPointF(std::ceil(bottom_right.x()), std::ceil(bottom_right.y())));
    painter.drawImage(target, tile.image);
  }
}

const MapLayer* find_layer(const std::vector<MapLayer>& layers, const QString& id) {
  for (const auto& l : layers) {
    if (l.id == id && l.data) return &l;
  }
  return nullptr;
}

}  // namespace

namespace {

// The layers bottom to top, then their labels (kept clear of the overlays); false when
// cancelled. `viewport` is the snapshot's view or a larger one around it (the canvas's).
bool draw_layers(LayerPainter& layers, const MapSnapshot& snapshot, const Viewport& viewport, const std::atomic<bool>* cancel,
                 RenderStats& stats) {
  for (const auto& layer : snapshot.layers) {
    if (!layer.visible || !layer.data || !layer.style.drawn_at(viewport.resolution())) continue;
    if (!layers.draw(layer, cancel)) return false;
  }
  // Labels after every layer, so that no fill tints them; the top layer's labels win.
  std::vector<QRectF> taken;
  const QPoint offset = layer_image_offset(snapshot.viewport, viewport);
  for (const QRectF& box : layout_overlays(snapshot).boxes()) taken.push_back(box.translated(-offset));
  for (auto it = snapshot.layers.rbegin(); it != snapshot.layers.rend(); ++it) {
    if (it->visible && it->data && it->style.drawn_at(viewport.resolution())) layers.draw_labels(*it, taken, stats);
  }
  return true;
}

// The selected feature's outline, then the overlays.
void draw_selection_and_overlays(QPainter& painter, LayerPainter& layers, const MapSnapshot& snapshot, RenderStats& stats) {
  if (const MapLayer* layer = find_layer(snapshot.layers, snapshot.selected_layer); layer && !snapshot.selected_id.empty()) {
    for (const auto& f : layer->data->features) {
      if (f.id != snapshot.selected_id) continue;
      layers.draw_outline(layer->data->geometry, f, QPen(QColor(255, 255, 255), 6), layer->style.point_size);
      layers.draw_outline(layer->data->geometry, f, QPen(QColor(0, 160, 255), 3), layer->style.point_size);
    }
  }
  const OverlayLayout layout = layout_overlays(snapshot);
  draw_overlays(painter, snapshot, layout);
  stats.overlays = layout.boxes();
}

}  // namespace

QRectF map_frame(const MapSnapshot& snapshot) {
  const OverlayLayout layout = layout_overlays(snapshot);
  QRectF frame(QPointF(0, 0), QSizeF(snapshot.viewport.size()));
  if (!layout.title.isEmpty()) frame.setTop(layout.title.bottom() + 4);
  if (!layout.legend.isEmpty()) frame.setRight(layout.legend.left() - 4);
  if (!layout.sources.isEmpty()) frame.setBottom(layout.sources.top());
  return frame.isEmpty() ? QRectF(QPointF(0, 0), QSizeF(snapshot.viewport.size())) : frame;
}

QImage render_map(const MapSnapshot& snapshot, const std::atomic<bool>* cancel, RenderStats* stats) {
  RenderStats local;
  RenderStats& s = stats != nullptr ? *stats : local;
  QImage image(snapshot.viewport.size(), QImage::Format_ARGB32_Premultiplied);
  image.fill(snapshot.background);
  QPainter painter(&image);
  draw_tiles(painter, snapshot);
  painter.setRenderHint(QPainter::Antialiasing, true);
  LayerPainter layers(painter, snapshot.viewport, s);
  if (!draw_layers(layers, snapshot, snapshot.viewport, cancel, s)) {
    s.cancelled = true;
    return image;
  }
  draw_selection_and_overlays(painter, layers, snapshot, s);
  return image;
}

QImage render_layers(const MapSnapshot& snapshot, const Viewport& viewport, const std::atomic<bool>* cancel, RenderStats* stats) {
  RenderStats local;
  RenderStats& s = stats != nullptr ? *stats : local;
  QImage image(viewport.size(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing, true);
  const QPoint view_offset = layer_image_offset(snapshot.viewport, viewport);
  LayerPainter layers(painter, viewport, s, QRectF(QPointF(-view_offset.x(), -view_offset.y()), QSizeF(snapshot.viewport.size())));
  if (!draw_layers(layers, snapshot, viewport, cancel, s)) s.cancelled = true;
  return image;
}

QPoint layer_image_offset(const Viewport& view, const Viewport& layers_view) {
  const QPointF top_left = layers_view.to_map({0, 0});
  const QPointF at = view.to_screen(top_left.x(), top_left.y());
  return {static_cast<int>(std::lround(at.x())), static_cast<int>(std::lround(at.y()))};
}

QImage compose_map(const MapSnapshot& snapshot, const QImage& layer_image, const Viewport& layers_view) {
  QImage image(snapshot.viewport.size(), QImage::Format_ARGB32_Premultiplied);
  image.fill(snapshot.background);
  QPainter painter(&image);
  draw_tiles(painter, snapshot);
  painter.drawImage(layer_image_offset(snapshot.viewport, layers_view), layer_image);
  painter.setRenderHint(QPainter::Antialiasing, true);
  RenderStats unused;
  LayerPainter layers(painter, snapshot.viewport, unused);
  draw_selection_and_overlays(painter, layers, snapshot, unused);
  return image;
}

QImage legend_swatch(const MapLayer& layer, const QColor& color, QSize size) {
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing, true);
  const QRectF box = QRectF(QPointF(0, 0), QSizeF(size)).adjusted(1.5, 2.5, -1.5, -2.5);
  const LayerStyle& style = layer.style;
  const MapGeometry geometry = layer.data ? layer.data->geometry : MapGeometry::polygon;
  if (geometry == MapGeometry::point) {
    painter.setPen(style.stroke.alpha() > 0 ? QPen(style.stroke, 0.8) : QPen(Qt::NoPen));
    painter.setBrush(color);
    draw_symbol(painter, style.shape, box.center(), std::min({box.width(), box.height(), style.point_size + 2}));
  } else if (geometry == MapGeometry::line) {
    painter.setPen(QPen(color, std::max(1.5, style.stroke_width)));
    painter.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()));
  } else {
    painter.setPen(QPen(style.stroke.alpha() > 0 ? style.stroke : color, 1));
    painter.setBrush(color);
    painter.drawRect(box);
  }
  return image;
}

namespace {

bool ring_contains(const MapFeature& f, std::size_t begin, std::size_t end, double x, double y) {
  bool inside = false;
  for (std::size_t i = begin, j = end - 1; i < end; j = i++) {
    const double xi = f.xy[2 * i], yi = f.xy[2 * i + 1], xj = f.xy[2 * j], yj = f.xy[2 * j + 1];
    if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi)) inside = !inside;
  }
  return inside;
}

bool polygon_contains(const MapFeature& f, double x, double y) {
  bool inside = false;  // even-odd over all rings, as drawn
  for (std::size_t p = 0; p < f.part_starts.size(); ++p) {
    const std::size_t begin = f.part_starts[p];
    const std::size_t end = p + 1 < f.part_starts.size() ? f.part_starts[p + 1] : f.xy.size() / 2;
    if (end - begin >= 3 && ring_contains(f, begin, end, x, y)) inside = !inside;
  }
  return inside;
}

// Squared distance from (x, y) to the segment (ax, ay)–(bx, by).
double segment_distance2(double ax, double ay, double bx, double by, double x, double y) {
  const double dx = bx - ax, dy = by - ay;
  const double length2 = dx * dx + dy * dy;
  const double t = length2 > 0 ? std::clamp(((x - ax) * dx + (y - ay) * dy) / length2, 0.0, 1.0) : 0.0;
  const double px = ax + t * dx - x, py = ay + t * dy - y;
  return px * px + py * py;
}

}  // namespace

namespace {

// The feature of one layer at a map point: polygons containing it, lines within `reach` of a
// segment, points within `reach` of a vertex (the nearest winning).
std::optional<std::size_t> hit_in_layer(const MapLayer& layer, QPointF at, double reach) {
  const auto& features = layer.data->features;
  double best = reach * reach;
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < features.size(); ++i) {
    const MapFeature& f = features[i];
    if (f.bounds.min_x - reach > at.x() || f.bounds.max_x + reach < at.x() || f.bounds.min_y - reach > at.y() ||
        f.bounds.max_y + reach < at.y()) {
      continue;
    }
    if (layer.style.graduated() && layer.style.color_for(layer.value_of(i)).alpha() == 0) continue;  // not drawn
    if (layer.data->geometry == MapGeometry::polygon) {
      if (polygon_contains(f, at.x(), at.y())) return i;
    } else if (layer.data->geometry == MapGeometry::line) {
      // Distance to each segment, not only to the vertices: a long straight segment is
      // clickable along its whole length.
      for (std::size_t p = 0; p < f.part_starts.size(); ++p) {
        const std::size_t begin = f.part_starts[p];
        const std::size_t end = p + 1 < f.part_starts.size() ? f.part_starts[p + 1] : f.xy.size() / 2;
        for (std::size_t v = begin; v < end; ++v) {
          const std::size_t w = v + 1 < end ? v + 1 : v;
          const double d = segment_distance2(f.xy[2 * v], f.xy[2 * v + 1], f.xy[2 * w], f.xy[2 * w + 1], at.x(), at.y());
          if (d <= best) {
            best = d;
            found = i;
          }
        }
      }
    } else {
      for (std::size_t v = 0; v < f.xy.size() / 2; ++v) {
        const double dx = f.xy[2 * v] - at.x(), dy = f.xy[2 * v + 1] - at.y();
        if (dx * dx + dy * dy <= best) {
          best = dx * dx + dy * dy;
          found = i;
        }
      }
    }
  }
  return found;
}

// Only what is drawn can be clicked: not a hidden layer, nor one hidden at this zoom.
bool clickable(const MapLayer& layer, const Viewport& viewport) {
  return layer.visible && layer.data && layer.style.drawn_at(viewport.resolution());
}

}  // namespace

Hit hit_test(const std::vector<MapLayer>& layers, const Viewport& viewport, QPointF screen, double tolerance) {
  const QPointF at = viewport.to_map(screen);
  const double reach = tolerance * viewport.resolution();
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
    if (!clickable(*it, viewport)) continue;
    const std::optional<std::size_t> found = hit_in_layer(*it, at, reach);
    if (!found) continue;
    if (it->data->geometry == MapGeometry::polygon) {
      // Inside a polygon: a feature of a layer below that stays clickable under polygons wins.
      for (auto below = std::next(it); below != layers.rend(); ++below) {
        if (!below->style.clickable_under_polygons || !clickable(*below, viewport)) continue;
        if (const auto under = hit_in_layer(*below, at, reach)) return {below->id, below->data->features[*under].id, *under};
      }
    }
    return {it->id, it->data->features[*found].id, *found};
  }
  return {};
}

}  // namespace zanplan::maps
