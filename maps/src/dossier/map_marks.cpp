#include "dossier/map_marks.hpp"

#include "render/overlays.hpp"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace zanplan::maps::dossier {

namespace {

QFont label_font(double pixels, bool bold = true) {
  QFont f(QStringLiteral("DejaVu Sans"));
  f.setPixelSize(static_cast<int>(pixels));
  f.setBold(bold);
  return f;
}

// Text with a white halo, readable over any fill.
void halo_text(QPainter& painter, QPointF baseline, const QString& text, const QColor& colour) {
  QPainterPath path;
  path.addText(baseline, painter.font(), text);
  painter.setPen(QPen(QColor(255, 255, 255, 230), 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  painter.setBrush(Qt::NoBrush);
  painter.drawPath(path);
  painter.setPen(Qt::NoPen);
  painter.setBrush(colour);
  painter.drawPath(path);
}

// Where the segment from `inside` towards `outside` crosses `box` (inside is in it).
QPointF clip_to(const QRectF& box, QPointF inside, QPointF outside) {
  double t = 1;
  const QPointF d = outside - inside;
  if (d.x() > 0) t = std::min(t, (box.right() - inside.x()) / d.x());
  if (d.x() < 0) t = std::min(t, (box.left() - inside.x()) / d.x());
  if (d.y() > 0) t = std::min(t, (box.bottom() - inside.y()) / d.y());
  if (d.y() < 0) t = std::min(t, (box.top() - inside.y()) / d.y());
  return inside + d * std::max(0.0, t);
}

}  // namespace

void draw_north_arrow(QImage& image) {
  QPainter painter(&image);
  const double size = std::max(28.0, image.width() / 30.0);
  // Bottom right: the renderer puts its legend top right and its scale bar bottom left.
  maps::draw_north_arrow(painter, QRectF(image.width() - size * 1.6, image.height() - size * 3.0, size, size * 1.7));
}

void draw_site_marker(QImage& image, QPointF at, const QString& label) {
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  const double r = std::max(10.0, image.width() / 70.0);
  painter.setPen(QPen(Qt::white, 6));
  painter.setBrush(Qt::NoBrush);
  painter.drawEllipse(at, r, r);
  painter.setPen(QPen(QColor(220, 0, 120), 3.5));
  painter.drawEllipse(at, r, r);
  painter.setFont(label_font(r * 1.3));
  const double w = QFontMetricsF(painter.font()).horizontalAdvance(label);
  // Right of the ring, or left of it near the right edge.
  const double x = at.x() + r * 1.4 + w < image.width() - 4 ? at.x() + r * 1.4 : at.x() - r * 1.4 - w;
  halo_text(painter, QPointF(x, at.y() + r * 0.45), label, QColor(220, 0, 120));
}

void draw_measure_line(QImage& image, QPointF from, QPointF to, const QString& label, const QColor& colour) {
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  const QRectF box = QRectF(image.rect()).adjusted(6, 6, -6, -6);
  const bool inside = box.contains(to);
  const QPointF end = inside ? to : clip_to(box, from, to);
  painter.setPen(QPen(Qt::white, 5, Qt::SolidLine, Qt::RoundCap));
  painter.drawLine(from, end);
  painter.setPen(QPen(colour, 2.5, Qt::DashLine, Qt::RoundCap));
  painter.drawLine(from, end);
  if (inside) {
    painter.setPen(QPen(Qt::white, 2));
    painter.setBrush(colour);
    painter.drawEllipse(to, 6, 6);
  }
  painter.setFont(label_font(std::max(13.0, image.width() / 90.0)));
  const QFontMetricsF metrics(painter.font());
  const QString text = inside ? label : label + QStringLiteral(" →");
  const double w = metrics.horizontalAdvance(text);
  // Beside the end, pulled back into the image.
  double x = end.x() + 10;
  if (x + w > image.width() - 6) x = end.x() - 10 - w;
  x = std::clamp(x, 6.0, image.width() - 6 - w);
  const double y = std::clamp(end.y() - 8, metrics.ascent() + 6, image.height() - 6.0);
  halo_text(painter, QPointF(x, y), text, colour.darker(130));
}

}  // namespace zanplan::maps::dossier
