// Synthetic per-commune ENAF consumption in the Cerema 2009–2023 layout. Internal to gis.
#pragma once

#include <string>
#include <vector>

#include "synthetic/inputs.hpp"
#include "synthetic/random.hpp"

namespace zanplan::synthetic {

// Mean yearly consumption of a commune before noise, in m²: a national order of magnitude
// per inhabitant and per hectare. For Hauts-de-France (6.0 M inhabitants, 3.2 Mha) that is
// about 1.3 Mm² = 1,300 ha a year over 2011–2020.
inline constexpr double m2_per_inhabitant_year = 1.2;
inline constexpr double m2_per_hectare_year = 1.8;
// Spread between communes (log-normal, mean 1) and between the years of one commune.
inline constexpr double commune_sigma = 0.7;
inline constexpr double year_sigma = 0.8;
// A year with no consumption at all has chance 1 / (1 + expected / zero_scale_m2): small
// communes often consume nothing in a year, as in the real file.
inline constexpr double zero_scale_m2 = 2'500.0;
// Below this, a year's consumption is one project of a single use.
inline constexpr double single_use_below_m2 = 5'000.0;

// Year factor relative to the 2011–2020 mean (their mean over 2011–2020 is exactly 1):
// higher in 2009–2010, a trough around 2015, and the decline of 2021–2022.
double year_factor(int year);

// National shares of consumption by use (activity, housing, mixed, road, rail, unknown),
// in the order of formats::cerema_uses.
inline constexpr double use_shares[] = {0.23, 0.63, 0.025, 0.04, 0.003, 0.072};

// Splits `total` m² into integer parts by `weights` that sum exactly to `total`
// (largest remainders; ties go to the first).
std::vector<long long> split_integer(long long total, const std::vector<double>& weights);

struct ConsumptionRow {
  std::vector<std::string> fields;  // in formats::cerema_layout() order
  double reference_2011_2020_m2 = 0.0;
};

// One row of the file for a commune (its own random stream).
ConsumptionRow consumption_row(const CommuneInput& commune, const WorkspaceInputs& inputs, Random& random);

}  // namespace zanplan::synthetic
