// Marks the dossier draws over a rendered map: a north arrow, the site's marker, and dashed
// lines from the site to the infrastructure it is measured to, each with its label. The north
// arrow is the report map's own (render/overlays).
#pragma once

#include <QImage>
#include <QPointF>
#include <QString>

namespace zanplan::maps::dossier {

// The report map's north arrow in the bottom-right corner (Web Mercator: north is straight up).
void draw_north_arrow(QImage& image);

// A ring and the site's id at `at` (image pixels).
void draw_site_marker(QImage& image, QPointF at, const QString& label);

// A dashed line from `from` to `to` and `label` at the end of it that lies in the image (the
// point where the line leaves the image when `to` is outside).
void draw_measure_line(QImage& image, QPointF from, QPointF to, const QString& label, const QColor& colour);

}  // namespace zanplan::maps::dossier
