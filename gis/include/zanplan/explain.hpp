// The full breakdown of one assessed candidate, as text: facts, ZAN charge, every
// criterion's raw value, value function and sub-score, weights, score, rank, stability.
// What `zanplan explain` prints and the map's details panel shows.
#pragma once

#include <string>

#include "zanplan/assessment.hpp"

namespace zanplan {

std::string explain_site(const AssessedSite& site, const scoring::Profile& profile, const Assessment& assessment);

// A candidate outside the profile's area range: its facts and why it is not ranked.
std::string explain_outside_area_range(const SiteFacts& facts, const scoring::Profile& profile);

}  // namespace zanplan
