#include "text_fold.hpp"

namespace zanplan::app {

QString fold_for_search(const QString& text) {
  // Decomposed, an accented letter is its base letter followed by combining marks: drop the marks.
  const QString decomposed = text.normalized(QString::NormalizationForm_KD).toCaseFolded();
  QString folded;
  folded.reserve(decomposed.size());
  bool pending_space = false;
  for (const QChar c : decomposed) {
    if (c.category() == QChar::Mark_NonSpacing) continue;
    if (!c.isLetterOrNumber()) {
      pending_space = !folded.isEmpty();
      continue;
    }
    if (pending_space) folded += QLatin1Char(' ');
    pending_space = false;
    folded += c;
  }
  return folded;
}

}  // namespace zanplan::app
