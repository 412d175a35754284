// A4 pages of headings, paragraphs, tables and images, flowed top to bottom with page breaks,
// a footer on every page ("page N / M", a note, the date) and an optional warning banner.
// Laid out twice: once to count the pages (so that every footer can say "of M"), then for
// real, both through QPdfWriter so that the two passes measure text alike.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

class QPainter;
class QPdfWriter;

namespace zanplan::maps::dossier {

struct PageFrame {
  QString footer_left;   // e.g. the profile and its hash
  QString footer_right;  // e.g. the date
  QString banner;        // on every page when not empty (the SYNTHETIC warning)
  QString page_word;     // "page" / "page"
};

struct TableColumn {
  QString title;
  double width = 1;  // relative
  bool right = false;  // numbers are right-aligned
};

class PdfDocument {
 public:
  PdfDocument(QPdfWriter& writer, PageFrame frame, int total_pages);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  void title(const QString& text, const QString& subtitle);
  void heading(const QString& text);
  void paragraph(const QString& text, bool bold = false);
  // A table that breaks across pages, repeating its header.
  void table(const std::vector<TableColumn>& columns, const std::vector<QStringList>& rows);
  // An image scaled to the text width (at most `max_height_share` of the page's height), with a caption.
  void image(const QImage& image, const QString& caption, double max_height_share);
  void new_page();
  // Room left on the page, as a share of the text height.
  [[nodiscard]] double room_left() const;
  [[nodiscard]] int pages() const { return page_; }

 private:
  void begin_page();
  void footer();
  void ensure(double height);
  double text_height(const QString& text, const QFont& font, double width) const;

  QPdfWriter& writer_;
  std::unique_ptr<QPainter> painter_;
  PageFrame frame_;
  int total_pages_;
  int page_ = 0;
  double y_ = 0;
  double left_ = 0, right_ = 0, top_ = 0, bottom_ = 0;
};

// Lays out `content` twice (count, then draw) and returns the PDF's bytes.
QByteArray render_pdf(const PageFrame& frame, const QString& title, const std::function<void(PdfDocument&)>& content);

}  // namespace zanplan::maps::dossier
