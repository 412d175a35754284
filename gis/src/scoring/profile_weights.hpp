// The weights of a profile: given directly in [weights], or derived from an AHP pairwise
// comparison matrix in [ahp].
#pragma once

#include <vector>

#include "scoring/toml_reader.hpp"
#include "zanplan/scoring/profile.hpp"

namespace zanplan::scoring::detail {

// Reads [weights] or [ahp] into profile.weights (and profile.ahp). Needs profile.criteria
// and profile.logistics. Every criterion that is not a logistics member, and the logistics
// group if any, must get exactly one weight; the weights must sum to 1 within 1e-6.
void read_weights(const TableView& root, const ProfileLoadOptions& options, Profile& profile);

// Puts the items in canonical order: criteria in Criterion order, logistics after the port.
void sort_canonically(std::vector<WeightedItem>& items);

}  // namespace zanplan::scoring::detail
