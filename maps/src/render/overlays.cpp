#include "render/overlays.hpp"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainterPath>
#include <cmath>

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

void draw_scale_bar(QPainter& painter, const Viewport& viewport) {
  const double metres = scale_bar_metres(viewport);
  if (metres <= 0) return;
  const double pixels = metres / viewport.ground_resolution();
  const QString text = metres >= 1000 ? QStringLiteral("%1 km").arg(metres / 1000) : QStringLiteral("%1 m").arg(metres);
  const QPointF origin(12, viewport.size().height() - 14);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, false);
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(255, 255, 255, 200));
  QFontMetricsF metrics(painter.font());
  painter.drawRect(QRectF(origin.x() - 6, origin.y() - metrics.height() - 8, pixels + 12 + metrics.horizontalAdvance(text) + 8,
                          metrics.height() + 14));
  painter.setPen(QPen(Qt::black, 2));
  painter.drawLine(origin, origin + QPointF(pixels, 0));
  painter.drawLine(origin, origin - QPointF(0, 6));
  painter.drawLine(origin + QPointF(pixels, 0), origin + QPointF(pixels, -6));
  painter.drawText(origin + QPointF(pixels + 6, 0), text);
  painter.restore();
}

void draw_attribution(QPainter& painter, const QString& attribution, QSize size) {
  if (attribution.isEmpty()) return;
  painter.save();
  QFont font = painter.font();
  font.setPointSizeF(font.pointSizeF() * 0.85);
  painter.setFont(font);
  QFontMetricsF metrics(font);
  const QRectF box(size.width() - metrics.horizontalAdvance(attribution) - 10, size.height() - metrics.height() - 4,
                   metrics.horizontalAdvance(attribution) + 10, metrics.height() + 4);
  painter.fillRect(box, QColor(255, 255, 255, 200));
  painter.setPen(QColor(40, 40, 40));
  painter.drawText(box, Qt::AlignCenter, attribution);
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

void draw_legend(QPainter& painter, const std::vector<MapLayer>& layers, const Viewport& viewport, const QString& title) {
  const auto rows = legend_rows(layers, viewport.resolution());
  const QSize size = viewport.size();
  if (rows.empty()) return;
  painter.save();
  QFont font = painter.font();
  font.setPointSizeF(font.pointSizeF() * 0.8);
  painter.setFont(font);
  QFont bold = font;
  bold.setBold(true);
  QFontMetricsF metrics(bold);
  const QString synthetic_tag = QCoreApplication::translate("zanplan::maps::Legend", "SYNTHETIC");
  const double line_h = metrics.height() + 1;
  double width = title.isEmpty() ? 0 : metrics.horizontalAdvance(title);
  for (const auto& r : rows) {
    double w = metrics.horizontalAdvance(r.text) + (r.header ? 0 : 22);
    if (r.synthetic) w += metrics.horizontalAdvance(synthetic_tag) + 14;
    width = std::max(width, w);
  }
  const double height = line_h * (static_cast<double>(rows.size()) + (title.isEmpty() ? 0 : 1)) + 10;
  const QRectF box(size.width() - width - 26, 10, width + 16, height);
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

}  // namespace zanplan::maps
