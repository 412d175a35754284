// Text as a search compares it: accents, case and punctuation ignored, so that "peronne"
// finds Péronne and "saint quentin" finds Saint-Quentin.
#pragma once

#include <QString>

namespace zanplan::app {

// Lower case, without diacritics (é → e, œ stays œ), every run of non-alphanumeric
// characters as one space, trimmed.
QString fold_for_search(const QString& text);

}  // namespace zanplan::app
