// Why a candidate is not ranked: a stable code per rule, plus the rule's particulars. The
// code is what exports carry (`excluded_code`) and what counts group by; the detail names
// the layer, the criterion or the figures, for people and for the readable sentence.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace zanplan::scoring {

enum class ExclusionCode {
  inside_layer,        // detail: the layer's name
  near_layer,          // detail: the layer's name and the profile's distance
  built_up_land,       // an artificialised parcel that is not a brownfield
  unknown_land_class,  // a parcel without land cover
  over_envelope,       // detail: the territory, its ENAF charge and what it has left
  area_unmeasured,
  outside_area_range,  // detail: the area and the profile's range
  unmeasured,          // detail: the criterion without a value
  no_substation,       // no connectable substation at all
  too_far_from_power,  // detail: the distance and the profile's maximum
  constraint_max,      // detail: criterion = value and the profile's maximum
  constraint_min,      // detail: criterion = value and the profile's minimum
};

inline constexpr std::array kAllExclusionCodes{
    ExclusionCode::inside_layer,       ExclusionCode::near_layer,    ExclusionCode::built_up_land, ExclusionCode::unknown_land_class,
    ExclusionCode::over_envelope,      ExclusionCode::area_unmeasured, ExclusionCode::outside_area_range,
    ExclusionCode::unmeasured,         ExclusionCode::no_substation, ExclusionCode::too_far_from_power,
    ExclusionCode::constraint_max,     ExclusionCode::constraint_min};

struct Exclusion {
  ExclusionCode code;
  std::string detail;  // may be empty

  friend bool operator==(const Exclusion&, const Exclusion&) = default;
};

// No value: the candidate can be ranked.
using ExclusionReason = std::optional<Exclusion>;

// The stable English snake_case name of a code ("inside_layer"), as exported.
[[nodiscard]] std::string_view exclusion_code_name(ExclusionCode code);

// What the rule says, without particulars ("inside an exclusion layer").
[[nodiscard]] std::string_view exclusion_phrase(ExclusionCode code);

// A sentence for people: the phrase, then the detail in parentheses when there is one
// ("inside an exclusion layer (natura2000)").
[[nodiscard]] std::string describe(const Exclusion& exclusion);

}  // namespace zanplan::scoring
