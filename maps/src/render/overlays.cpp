#include "render/overlays.hpp"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace zanplan::maps {

double scale_bar_metres(const Viewport& viewport) {
  const double target = viewport.ground_resolution() * viewport.size().width() / 5.0;
  if (target <= 0) return 0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(target)));
  for (const double step : {5.0, 2.0, 1.0}) {
    if (step * magnitude <= target) return step * magnitude;
  }
  return magnitude;
}

void draw_symbol(QPainter& painter, PointShape shape, QPointF at, double size) {
  const double r = size / 2;
  switch (shape) {
    case PointShape::circle: painter.drawEllipse(at, r, r); break;
    case PointShape::square: painter.drawRect(QRectF(at.x() - r, at.y() - r, size, size)); break;
    case PointShape::triangle: {
      const QPointF p[3] = {{at.x(), at.y() - r}, {at.x() + r, at.y() + r}, {at.x() - r, at.y() + r}};
      painter.drawPolygon(p, 3);
      break;
    }
    case PointShape::diamond: {
      const QPointF p[4] = {{at.x(), at.y() - r}, {at.x() + r, at.y()}, {at.x(), at.y() + r}, {at.x() - r, at.y()}};
      painter.drawPolygon(p, 4);
      break;
    }
  }
}

namespace {

QString scale_bar_text(double metres) {
  return metres >= 1000 ? QStringLiteral("%1 km").arg(metres / 1000) : QStringLiteral("%1 m").arg(metres);
}

// The scale bar's box with its bar's left end at `origin`.
QRectF scale_bar_box(const Viewport& viewport, QPointF origin) {
  const double metres = scale_bar_metres(viewport);
  if (metres <= 0) return {};
  const double pixels = metres / viewport.ground_resolution();
  const QFontMetricsF metrics{QFont()};
  return {origin.x() - 6, origin.y() - metrics.height() - 8, pixels + 12 + metrics.horizontalAdvance(scale_bar_text(metres)) + 8,
          metrics.height() + 14};
}

QFont scaled_font(double factor, bool bold = false) {
  QFont font;
  font.setPointSizeF(font.pointSizeF() * factor);
  font.setBold(bold);
  return font;
}

QFont title_font() { return scaled_font(1.6, true); }
QFont subtitle_font() { return scaled_font(1.0); }
QFont date_font() { return scaled_font(0.85); }
QFont sources_font() { return scaled_font(0.75); }
constexpr double kPadding = 8;

QString date_text(const QDate& date) { return date.isValid() ? QLocale().toString(date, QLocale::LongFormat) : QString(); }

QString sources_text(const MapDecorations& d) {
  return QCoreApplication::translate("Report", "Sources: %1").arg(d.sources.join(QStringLiteral(" · ")));
}

// Height of `text` wrapped to `width` in `font`.
double wrapped_height(const QFont& font, const QString& text, double width) {
  if (text.isEmpty()) return 0;
  return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
}

// At most 60 % of the image's width, and clear of the legend (`right`: its left side).
QRectF title_box(const MapDecorations& d, QSize size, double right) {
  const double max_width = std::max(80.0, std::min(size.width() * 0.6, right - 10 - 2 * kPadding - 10));
  double width = 0;
  for (const auto& [font, text] : {std::pair{title_font(), d.title}, {subtitle_font(), d.subtitle}, {date_font(), date_text(d.date)}}) {
    if (!text.isEmpty()) width = std::max(width, QFontMetricsF(font).horizontalAdvance(text));
  }
  width = std::min(width, max_width);
  const double height = wrapped_height(title_font(), d.title, width) + wrapped_height(subtitle_font(), d.subtitle, width) +
                        wrapped_height(date_font(), date_text(d.date), width);
  if (height <= 0) return {};
  return {10, 10, width + 2 * kPadding, height + 2 * kPadding};
}

QRectF attribution_box(const QString& attribution, QSize size) {
  if (attribution.isEmpty()) return {};
  const QFontMetricsF metrics(scaled_font(0.85));
  return {size.width() - metrics.horizontalAdvance(attribution) - 10, size.height() - metrics.height() - 4,
          metrics.horizontalAdvance(attribution) + 10, metrics.height() + 4};
}

void draw_attribution(QPainter& painter, const QString& attribution, const QRectF& box) {
  if (attribution.isEmpty()) return;
  painter.save();
  painter.setFont(scaled_font(0.85));
  painter.fillRect(box, QColor(255, 255, 255, 200));
  painter.setPen(QColor(40, 40, 40));
  painter.drawText(box, Qt::AlignCenter, attribution);
  painter.restore();
}

void draw_title(QPainter& painter, const MapDecorations& d, const QRectF& box) {
  if (box.isEmpty()) return;
  painter.save();
  painter.setPen(QColor(120, 120, 120));
  painter.setBrush(QColor(255, 255, 255, 235));
  painter.drawRoundedRect(box, 4, 4);
  const double width = box.width() - 2 * kPadding;
  double y = box.top() + kPadding;
  for (const auto& [font, text, color] : {std::tuple{title_font(), d.title, QColor(20, 20, 20)},
                                          {subtitle_font(), d.subtitle, QColor(40, 40, 40)},
                                          {date_font(), date_text(d.date), QColor(90, 90, 90)}}) {
    if (text.isEmpty()) continue;
    const double h = wrapped_height(font, text, width);
    painter.setFont(font);
    painter.setPen(color);
    painter.drawText(QRectF(box.left() + kPadding, y, width, h), Qt::TextWordWrap, text);
    y += h;
  }
  painter.restore();
}

void draw_sources(QPainter& painter, const MapDecorations& d, const QRectF& box) {
  if (box.isEmpty()) return;
  painter.save();
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(255, 255, 255, 235));
  painter.drawRect(box);
  painter.setFont(sources_font());
  painter.setPen(QColor(40, 40, 40));
  painter.drawText(box.adjusted(kPadding, 4, -kPadding, -4), Qt::TextWordWrap, sources_text(d));
  painter.restore();
}

}  // namespace

// A north arrow: the meridians are vertical in Web Mercator, so north is straight up.
void draw_north_arrow(QPainter& painter, const QRectF& box) {
  if (box.isEmpty()) return;
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(255, 255, 255, 220));
  painter.drawRoundedRect(box, 4, 4);
  const QFont font = scaled_font(1.0, true);
  const QFontMetricsF metrics(font);
  painter.setFont(font);
  painter.setPen(Qt::black);
  const QRectF letter(box.left(), box.top() + 2, box.width(), metrics.height());
  painter.drawText(letter, Qt::AlignCenter, QStringLiteral("N"));
  const double cx = box.center().x(), top = letter.bottom() + 2, bottom = box.bottom() - 6, half = box.width() * 0.3;
  const double notch = bottom - (bottom - top) * 0.25;
  const QPointF left_half[3] = {{cx, top}, {cx - half, bottom}, {cx, notch}};
  const QPointF right_half[3] = {{cx, top}, {cx + half, bottom}, {cx, notch}};
  painter.setPen(QPen(Qt::black, 1));
  painter.setBrush(Qt::black);
  painter.drawPolygon(left_half, 3);
  painter.setBrush(Qt::white);
  painter.drawPolygon(right_half, 3);
  painter.restore();
}


void draw_scale_bar(QPainter& painter, const Viewport& viewport, const QRectF& box) {
  const double metres = scale_bar_metres(viewport);
  if (metres <= 0 || box.isEmpty()) return;
  const double pixels = metres / viewport.ground_resolution();
  const QString text = scale_bar_text(metres);
  const QPointF origin(box.left() + 6, box.bottom() - 6);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, false);
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(255, 255, 255, 200));
  painter.drawRect(box);
  painter.setPen(QPen(Qt::black, 2));
  painter.drawLine(origin, origin + QPointF(pixels, 0));
  painter.drawLine(origin, origin - QPointF(0, 6));
  painter.drawLine(origin + QPointF(pixels, 0), origin + QPointF(pixels, -6));
  painter.drawText(origin + QPointF(pixels + 6, 0), text);
  painter.restore();
}

namespace {

struct LegendRow {
  QString text;
  QColor fill, stroke;
  bool point = false, line = false;
  PointShape shape = PointShape::circle;
  bool header = false, synthetic = false;
};

std::vector<LegendRow> legend_rows(const std::vector<MapLayer>& layers, double resolution) {
  std::vector<LegendRow> rows;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {  // top layer first, as in the layer list
    const MapLayer& layer = *it;
    if (!layer.visible || !layer.data || !layer.style.drawn_at(resolution)) continue;
    const bool point = layer.data->geometry == MapGeometry::point;
    const bool line = layer.data->geometry == MapGeometry::line;
    if (layer.style.graduated()) {
      QString title = layer.title;
      if (!layer.style.value_title.isEmpty()) title += QStringLiteral(" — ") + layer.style.value_title;
      rows.push_back({title, {}, {}, false, false, PointShape::circle, true, layer.synthetic});
      for (const auto& c : layer.style.classes) {
        rows.push_back({c.label, c.color, layer.style.stroke, point, line, layer.style.shape, false, false});
      }
    } else {
      rows.push_back({layer.title, layer.style.fill, layer.style.stroke, point, line, layer.style.shape, false, layer.synthetic});
    }
  }
  return rows;
}

}  // namespace

namespace {

struct LegendMetrics {
  QFont font, bold;
  QString synthetic_tag;
  double line_h = 0;
  double width = 0;  // of the text column
};

LegendMetrics legend_metrics(const std::vector<LegendRow>& rows, const QString& title) {
  LegendMetrics m;
  m.font = scaled_font(0.8);
  m.bold = scaled_font(0.8, true);
  const QFontMetricsF metrics(m.bold);
  m.synthetic_tag = QCoreApplication::translate("zanplan::maps::Legend", "SYNTHETIC");
  m.line_h = metrics.height() + 1;
  m.width = title.isEmpty() ? 0 : metrics.horizontalAdvance(title);
  for (const auto& r : rows) {
    double w = metrics.horizontalAdvance(r.text) + (r.header ? 0 : 22);
    if (r.synthetic) w += metrics.horizontalAdvance(m.synthetic_tag) + 14;
    m.width = std::max(m.width, w);
  }
  return m;
}

QRectF legend_box(const std::vector<MapLayer>& layers, const Viewport& viewport, const QString& title) {
  const auto rows = legend_rows(layers, viewport.resolution());
  if (rows.empty()) return {};
  const LegendMetrics m = legend_metrics(rows, title);
  const double height = m.line_h * (static_cast<double>(rows.size()) + (title.isEmpty() ? 0 : 1)) + 10;
  return {viewport.size().width() - m.width - 26, 10, m.width + 16, height};
}

}  // namespace

void draw_legend(QPainter& painter, const std::vector<MapLayer>& layers, const Viewport& viewport, const QString& title,
                 const QRectF& box) {
  const auto rows = legend_rows(layers, viewport.resolution());
  if (rows.empty() || box.isEmpty()) return;
  painter.save();
  const LegendMetrics lm = legend_metrics(rows, title);
  const QFont& font = lm.font;
  const QFont& bold = lm.bold;
  const QFontMetricsF metrics(bold);
  const QString& synthetic_tag = lm.synthetic_tag;
  const double line_h = lm.line_h;
  const double width = lm.width;
  painter.setPen(QColor(120, 120, 120));
  painter.setBrush(QColor(255, 255, 255, 225));
  painter.drawRoundedRect(box, 4, 4);
  double y = box.top() + 5;
  const double x = box.left() + 8;
  if (!title.isEmpty()) {
    painter.setFont(bold);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(x, y, width, line_h), Qt::AlignVCenter, title);
    y += line_h;
  }
  painter.setRenderHint(QPainter::Antialiasing, true);
  for (const auto& r : rows) {
    double text_x = x;
    painter.setFont(r.header ? bold : font);
    if (!r.header) {
      const QRectF swatch(x, y + 3, 16, line_h - 6);
      painter.setPen(QPen(r.stroke.alpha() > 0 ? r.stroke : r.fill, 1));
      painter.setBrush(r.fill.alpha() > 0 ? r.fill : Qt::transparent);
      if (r.point) {
        painter.setBrush(r.fill.alpha() > 0 ? r.fill : r.stroke);
        draw_symbol(painter, r.shape, swatch.center(), std::min(10.0, swatch.height()));
      } else if (r.line) {
        painter.setPen(QPen(r.fill.alpha() > 0 ? r.fill : r.stroke, 2.5));
        painter.drawLine(QPointF(swatch.left(), swatch.center().y()), QPointF(swatch.right(), swatch.center().y()));
      } else {
        painter.drawRect(swatch);
      }
      text_x += 22;
    }
    painter.setPen(Qt::black);
    painter.drawText(QRectF(text_x, y, width, line_h), Qt::AlignVCenter, r.text);
    if (r.synthetic) {
      const QFontMetricsF m(painter.font());
      const QRectF tag(text_x + m.horizontalAdvance(r.text) + 6, y + 2, metrics.horizontalAdvance(synthetic_tag) + 6, line_h - 4);
      painter.setPen(Qt::NoPen);
      painter.setBrush(QColor(214, 96, 0));
      painter.drawRoundedRect(tag, 3, 3);
      painter.setPen(Qt::white);
      painter.setFont(bold);
      painter.drawText(tag, Qt::AlignCenter, synthetic_tag);
    }
    y += line_h;
  }
  painter.restore();
}

std::vector<QRectF> OverlayLayout::boxes() const {
  std::vector<QRectF> all;
  for (const QRectF& b : {title, legend, sources, scale_bar, north_arrow, attribution}) {
    if (!b.isEmpty()) all.push_back(b);
  }
  return all;
}

OverlayLayout layout_overlays(const MapSnapshot& snapshot) {
  OverlayLayout layout;
  if (!snapshot.overlays) return layout;
  const QSize size = snapshot.viewport.size();
  if (snapshot.legend) layout.legend = legend_box(snapshot.layers, snapshot.viewport, snapshot.legend_title);
  double bottom = size.height();  // what the scale bar and the north arrow stand on
  if (snapshot.report) {
    const MapDecorations& d = *snapshot.report;
    layout.title = title_box(d, size, layout.legend.isEmpty() ? size.width() : layout.legend.left());
    if (!d.sources.isEmpty()) {
      const double h = wrapped_height(sources_font(), sources_text(d), size.width() - 2 * kPadding) + 8;
      layout.sources = QRectF(0, size.height() - h, size.width(), h);
      bottom = layout.sources.top();
    }
    if (d.north_arrow) {
      const double h = QFontMetricsF(scaled_font(1.0, true)).height() + 40;
      layout.north_arrow = QRectF(size.width() - 46, bottom - h - 8, 36, h);
    }
  } else {
    layout.attribution = attribution_box(snapshot.attribution, size);
  }
  layout.scale_bar = scale_bar_box(snapshot.viewport, QPointF(12, bottom - 14));
  return layout;
}

void draw_overlays(QPainter& painter, const MapSnapshot& snapshot, const OverlayLayout& layout) {
  if (!snapshot.overlays) return;
  draw_scale_bar(painter, snapshot.viewport, layout.scale_bar);
  if (snapshot.legend) draw_legend(painter, snapshot.layers, snapshot.viewport, snapshot.legend_title, layout.legend);
  if (snapshot.report) {
    draw_title(painter, *snapshot.report, layout.title);
    draw_north_arrow(painter, layout.north_arrow);
    draw_sources(painter, *snapshot.report, layout.sources);
  } else {
    draw_attribution(painter, snapshot.attribution, layout.attribution);
  }
}

}  // namespace zanplan::maps
