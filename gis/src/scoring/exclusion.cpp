#include "zanplan/scoring/exclusion.hpp"

namespace zanplan::scoring {

std::string_view exclusion_code_name(ExclusionCode code) {
  switch (code) {
    case ExclusionCode::inside_layer: return "inside_layer";
    case ExclusionCode::near_layer: return "near_layer";
    case ExclusionCode::built_up_land: return "built_up_land";
    case ExclusionCode::unknown_land_class: return "unknown_land_class";
    case ExclusionCode::over_envelope: return "over_envelope";
    case ExclusionCode::area_unmeasured: return "area_unmeasured";
    case ExclusionCode::outside_area_range: return "outside_area_range";
    case ExclusionCode::unmeasured: return "unmeasured";
    case ExclusionCode::no_substation: return "no_substation";
    case ExclusionCode::too_far_from_power: return "too_far_from_power";
    case ExclusionCode::constraint_max: return "constraint_max";
    case ExclusionCode::constraint_min: return "constraint_min";
  }
  return "unknown";
}

std::string_view exclusion_phrase(ExclusionCode code) {
  switch (code) {
    case ExclusionCode::inside_layer: return "inside an exclusion layer";
    case ExclusionCode::near_layer: return "too near an exclusion layer";
    case ExclusionCode::built_up_land: return "built-up land (artificialised, not a brownfield)";
    case ExclusionCode::unknown_land_class: return "land class unknown (no land cover for this parcel)";
    case ExclusionCode::over_envelope: return "over the remaining ZAN envelope";
    case ExclusionCode::area_unmeasured: return "area not measured";
    case ExclusionCode::outside_area_range: return "area outside the profile's range";
    case ExclusionCode::unmeasured: return "a required criterion has no value";
    case ExclusionCode::no_substation: return "no connectable substation";
    case ExclusionCode::too_far_from_power: return "too far from a connectable substation";
    case ExclusionCode::constraint_max: return "above a maximum of the profile";
    case ExclusionCode::constraint_min: return "below a minimum of the profile";
  }
  return "excluded";
}

std::string describe(const Exclusion& exclusion) {
  std::string out(exclusion_phrase(exclusion.code));
  if (!exclusion.detail.empty()) out += " (" + exclusion.detail + ")";
  return out;
}

}  // namespace zanplan::scoring
