// The full breakdown of one assessed candidate, as text: facts, ZAN charge, every
// criterion's raw value, value function and sub-score, weights, score, rank, stability.
// What `zanplan explain` prints and the map's details panel shows.
#pragma once

#include <string>

#include "zanplan/assessment.hpp"
#include "zanplan/lang.hpp"

namespace zanplan {

// English unless `lang` says otherwise; numbers are written the way `lang` writes them.
std::string explain_site(const AssessedSite& site, const scoring::Profile& profile, const Assessment& assessment,
                         Lang lang = Lang::en);

// The value a criterion is scored on for this site (km, ha or a share; +inf when no feature
// was found; NaN when unknown).
double criterion_raw_value(const AssessedSite& site, scoring::Criterion criterion);

// A candidate outside the profile's area range: its facts and why it is not ranked.
std::string explain_outside_area_range(const SiteFacts& facts, const scoring::Profile& profile, Lang lang = Lang::en);

}  // namespace zanplan
