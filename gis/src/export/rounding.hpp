// Per-column rounding of exported reals (Column::decimals), the same in every format: the
// text is what the CSV and GeoJSON print, the double what the GeoPackage stores. Internal
// to gis.
#pragma once

#include <string>

namespace zanplan::exporter {

inline constexpr int max_decimals = 15;

// Fixed notation rounded to `decimals` (0–max_decimals), trailing zeros and a trailing
// point dropped, "-0" written "0". Empty for a non-finite value.
std::string fixed_text(double value, int decimals);

// The double nearest to fixed_text(value, decimals); non-finite values pass through.
double rounded(double value, int decimals);

}  // namespace zanplan::exporter
