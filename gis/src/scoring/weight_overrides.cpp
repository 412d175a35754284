// Weight overrides from the command line: "criterion=value".
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "zanplan/error.hpp"
#include "zanplan/numbers.hpp"
#include "zanplan/scoring/profile.hpp"

namespace zanplan::scoring {

namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

struct Override {
  std::string id;
  double weight = 0;
};

Override parse_override(const Profile& profile, const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) throw_usage("weight override must look like criterion=value", {.key = text});
  Override o{trimmed(std::string_view(text).substr(0, equals)), 0.0};
  const std::string value = trimmed(std::string_view(text).substr(equals + 1));
  const bool known = std::any_of(profile.weights.begin(), profile.weights.end(), [&](const WeightedItem& i) { return i.id == o.id; });
  if (!known) throw_usage("not a weighted criterion of profile " + profile.name, {.key = o.id});
  const auto weight = parse_decimal(value);
  if (!weight) throw_usage("weight must be a finite number, got '" + value + "'", {.key = o.id});
  o.weight = check_number(*weight, {0, 1}, ErrorKind::usage, {.key = o.id});
  return o;
}

std::string joined_ids(const std::map<std::string, double>& overrides) {
  std::string ids;
  for (const auto& [id, weight] : overrides) ids += (ids.empty() ? "" : ",") + id;
  return ids;
}

}  // namespace

void apply_weight_overrides(Profile& profile, const std::vector<std::string>& overrides) {
  if (overrides.empty()) return;
  std::map<std::string, double> chosen;
  for (const std::string& text : overrides) {
    const Override o = parse_override(profile, text);
    if (!chosen.emplace(o.id, o.weight).second) throw_usage("weight given twice", {.key = o.id});
  }
  double chosen_sum = 0;
  double others_sum = 0;
  for (const WeightedItem& item : profile.weights) {
    if (chosen.contains(item.id)) {
      chosen_sum += chosen[item.id];
    } else {
      others_sum += item.weight;
    }
  }
  const double left = 1.0 - chosen_sum;
  if (left < -kWeightSumTolerance) {
    throw_usage(fmt::format("overridden weights sum to {:.9g}, more than 1", chosen_sum), {.key = joined_ids(chosen)});
  }
  const bool others_can_absorb = others_sum > 0 || std::abs(left) <= kWeightSumTolerance;
  if (!others_can_absorb) {
    throw_usage(fmt::format("the other weights are all 0, so the overrides must sum to 1 (they sum to {:.9g})", chosen_sum),
                {.key = joined_ids(chosen)});
  }
  for (WeightedItem& item : profile.weights) {
    if (chosen.contains(item.id)) {
      item.weight = chosen[item.id];
    } else {
      item.weight = others_sum > 0 ? item.weight * std::max(0.0, left) / others_sum : 0.0;
    }
  }
  profile.weights_overridden = true;
}

}  // namespace zanplan::scoring
