#include "dossier/pdf_document.hpp"

#include <QBuffer>
#include <QFont>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <algorithm>

namespace zanplan::maps::dossier {

namespace {

constexpr int kResolution = 144;  // dots per inch of the layout: a 595 pt A4 width is 1190 dots
constexpr double kMargin = 90;    // ~16 mm
constexpr double kFooterHeight = 40;
constexpr double kBannerHeight = 34;
constexpr double kGap = 12;

QFont font(double points, bool bold = false) {
  QFont f(QStringLiteral("DejaVu Sans"));
  f.setPointSizeF(points);
  f.setBold(bold);
  return f;
}

}  // namespace

PdfDocument::PdfDocument(QPdfWriter& writer, PageFrame frame, int total_pages)
    : writer_(writer), painter_(std::make_unique<QPainter>(&writer)), frame_(std::move(frame)), total_pages_(total_pages) {
  const QRect page = writer_.pageLayout().paintRectPixels(kResolution);
  left_ = kMargin;
  right_ = page.width() - kMargin;
  top_ = kMargin * 0.7;
  bottom_ = page.height() - kMargin * 0.7 - kFooterHeight;
  begin_page();
}

PdfDocument::~PdfDocument() {
  footer();
  painter_->end();
}

void PdfDocument::begin_page() {
  ++page_;
  y_ = top_;
  if (!frame_.banner.isEmpty()) {
    // The warning sits at the top of every page, where nobody can miss it, wrapped whole.
    const double width = right_ - left_ - 16;
    const double height = std::max(kBannerHeight, text_height(frame_.banner, font(9, true), width) + 14);
    const QRectF band(left_, y_, right_ - left_, height);
    painter_->fillRect(band, QColor(200, 30, 30));
    painter_->setPen(Qt::white);
    painter_->setFont(font(9, true));
    painter_->drawText(band.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap, frame_.banner);
    y_ += height + kGap;
  }
}

void PdfDocument::footer() {
  const QRectF band(left_, bottom_ + kGap, right_ - left_, kFooterHeight - kGap);
  painter_->setPen(QPen(QColor(120, 120, 120), 1));
  painter_->drawLine(QPointF(left_, bottom_ + kGap / 2), QPointF(right_, bottom_ + kGap / 2));
  painter_->setFont(font(7.5));
  painter_->setPen(QColor(70, 70, 70));
  const QString number = QStringLiteral("%1 %2 / %3").arg(frame_.page_word).arg(page_).arg(std::max(total_pages_, page_));
  painter_->drawText(band, Qt::AlignVCenter | Qt::AlignLeft, frame_.footer_left);
  painter_->drawText(band, Qt::AlignVCenter | Qt::AlignHCenter, number);
  painter_->drawText(band, Qt::AlignVCenter | Qt::AlignRight, frame_.footer_right);
}

void PdfDocument::new_page() {
  footer();
  writer_.newPage();
  begin_page();
}

double PdfDocument::room_left() const { return (bottom_ - y_) / (bottom_ - top_); }

void PdfDocument::ensure(double height) {
  if (y_ + height > bottom_ && y_ > top_ + kBannerHeight + kGap * 2) new_page();
}

double PdfDocument::text_height(const QString& text, const QFont& f, double width) const {
  painter_->setFont(f);
  return painter_->boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
}

void PdfDocument::title(const QString& text, const QString& subtitle) {
  const double width = right_ - left_;
  const double h1 = text_height(text, font(18, true), width);
  painter_->setPen(QColor(20, 40, 80));
  painter_->drawText(QRectF(left_, y_, width, h1), Qt::TextWordWrap, text);
  y_ += h1 + kGap / 2;
  const double h2 = text_height(subtitle, font(10), width);
  painter_->setPen(QColor(60, 60, 60));
  painter_->drawText(QRectF(left_, y_, width, h2), Qt::TextWordWrap, subtitle);
  y_ += h2 + kGap * 1.5;
}

void PdfDocument::heading(const QString& text) {
  const double width = right_ - left_;
  const double h = text_height(text, font(12.5, true), width);
  ensure(h + 60);  // never a heading alone at the foot of a page
  painter_->setPen(QColor(20, 40, 80));
  painter_->drawText(QRectF(left_, y_, width, h), Qt::TextWordWrap, text);
  y_ += h + kGap / 2;
}

void PdfDocument::paragraph(const QString& text, bool bold) {
  const double width = right_ - left_;
  const double h = text_height(text, font(9, bold), width);
  ensure(h);
  painter_->setPen(Qt::black);
  painter_->drawText(QRectF(left_, y_, width, h), Qt::TextWordWrap, text);
  y_ += h + kGap / 2;
}

void PdfDocument::table(const std::vector<TableColumn>& columns, const std::vector<QStringList>& rows) {
  double total = 0;
  for (const auto& c : columns) total += c.width;
  std::vector<double> x{left_};
  for (const auto& c : columns) x.push_back(x.back() + (right_ - left_) * c.width / total);
  constexpr double pad = 5;
  const auto row_height = [&](const QStringList& cells, const QFont& f) {
    double h = 0;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const QString cell = static_cast<qsizetype>(i) < cells.size() ? cells[static_cast<qsizetype>(i)] : QString();
      h = std::max(h, text_height(cell, f, x[i + 1] - x[i] - 2 * pad));
    }
    return h + 2 * pad;
  };
  const auto draw_row = [&](const QStringList& cells, const QFont& f, bool header, bool shaded) {
    const double h = row_height(cells, f);
    if (header || shaded) painter_->fillRect(QRectF(left_, y_, right_ - left_, h), header ? QColor(225, 230, 240) : QColor(246, 246, 246));
    painter_->setFont(f);
    painter_->setPen(Qt::black);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const QString cell = static_cast<qsizetype>(i) < cells.size() ? cells[static_cast<qsizetype>(i)] : QString();
      const Qt::Alignment align = (columns[i].right && !header ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop;
      painter_->drawText(QRectF(x[i] + pad, y_ + pad, x[i + 1] - x[i] - 2 * pad, h - 2 * pad),
                         static_cast<int>(align.toInt()) | Qt::TextWordWrap, cell);
    }
    y_ += h;
  };
  QStringList header;
  for (const auto& c : columns) header << c.title;
  const QFont header_font = font(8, true);
  const QFont body_font = font(8);
  ensure(row_height(header, header_font) + (rows.empty() ? 0 : row_height(rows.front(), body_font)));
  draw_row(header, header_font, true, false);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double h = row_height(rows[r], body_font);
    if (y_ + h > bottom_) {
      new_page();
      draw_row(header, header_font, true, false);
    }
    draw_row(rows[r], body_font, false, r % 2 == 1);
  }
  y_ += kGap;
}

void PdfDocument::image(const QImage& picture, const QString& caption, double max_height_share) {
  const double width = right_ - left_;
  double w = width;
  double h = w * picture.height() / std::max(1, picture.width());
  const double max_h = (bottom_ - top_) * max_height_share;
  if (h > max_h) {
    w *= max_h / h;
    h = max_h;
  }
  const double caption_h = caption.isEmpty() ? 0 : text_height(caption, font(8), width);
  ensure(h + caption_h + kGap);
  painter_->setRenderHint(QPainter::SmoothPixmapTransform);
  const QRectF target(left_ + (width - w) / 2, y_, w, h);
  painter_->drawImage(target, picture);
  painter_->setPen(QPen(QColor(120, 120, 120), 1));
  painter_->drawRect(target);
  y_ += h + kGap / 2;
  if (!caption.isEmpty()) {
    painter_->setFont(font(8));
    painter_->setPen(QColor(60, 60, 60));
    painter_->drawText(QRectF(left_, y_, width, caption_h), Qt::TextWordWrap, caption);
    y_ += caption_h + kGap;
  }
}

QByteArray render_pdf(const PageFrame& frame, const QString& title, const std::function<void(PdfDocument&)>& content) {
  const auto pass = [&](int total_pages, int* pages) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    writer.setResolution(kResolution);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("zanplan"));
    {
      PdfDocument document(writer, frame, total_pages);
      content(document);
      if (pages != nullptr) *pages = document.pages();
    }
    return bytes;
  };
  int pages = 0;
  pass(0, &pages);
  return pass(pages, nullptr);
}

}  // namespace zanplan::maps::dossier
