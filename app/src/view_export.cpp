#include "view_export.hpp"

#include <QCoreApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include "zanplan/maps/report.hpp"

namespace zanplan::app {

namespace {

class ViewExport {
  Q_DECLARE_TR_FUNCTIONS(ViewExport)
};

// The image on one page of its own proportions, 150 pixels to the inch.
bool write_pdf(const QImage& image, QSaveFile& file) {
  constexpr int kDpi = 150;
  QPdfWriter pdf(&file);
  pdf.setResolution(kDpi);
  pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
  pdf.setPageSize(QPageSize(QSizeF(image.width() * 72.0 / kDpi, image.height() * 72.0 / kDpi), QPageSize::Point));
  QPainter painter;
  if (!painter.begin(&pdf)) return false;
  painter.drawImage(QRect(QPoint(0, 0), image.size()), image);
  return painter.end();
}

}  // namespace

maps::MapDecorations view_decorations(const Session& session, const maps::MapSnapshot& snapshot) {
  maps::ReportSubject subject;
  if (const auto& w = session.workspace()) {
    subject.regime = w->ledger.regime_id;
    subject.scenario = w->ledger.scenario;
  }
  if (const auto& r = session.result()) {
    subject.profile = r->profile.name;
    subject.scenario = r->assessment.scenario;
    subject.ranked = r->assessment.ranked;
    subject.candidates = r->assessment.candidates_total;
    subject.top_k = r->assessment.top_k;
  }
  maps::MapDecorations d;
  d.title = maps::default_report_title(subject);
  d.subtitle = maps::default_report_subtitle(subject);
  d.date = QDate::currentDate();
  if (const auto& w = session.workspace()) {
    try {
      d.sources = maps::report_sources(summarize_workspace(w->path), snapshot.layers, snapshot.attribution);
    } catch (const std::exception&) {
      // The workspace moved or was replaced since it was opened: the map is still worth
      // exporting; its sources block then says only what the window knows.
      d.sources = {ViewExport::tr("workspace %1").arg(QString::fromStdString(w->path.filename().string()))};
    }
  }
  return d;
}

bool write_report_view(const maps::MapSnapshot& snapshot, const QString& path, QString* error) {
  const QImage image = maps::render_map(snapshot);
  QSaveFile file(path);
  const bool pdf = path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive);
  const bool written = file.open(QIODevice::WriteOnly) && (pdf ? write_pdf(image, file) : image.save(&file, "PNG")) && file.commit();
  if (!written && error) *error = ViewExport::tr("cannot write %1: %2").arg(path, file.errorString());
  return written;
}

}  // namespace zanplan::app
