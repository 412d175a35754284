#include "synthetic/consumption.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include <fmt/format.h>

#include "formats/cerema.hpp"
#include "zanplan/error.hpp"

namespace zanplan::synthetic {

namespace {

constexpr std::size_t use_count = std::size(formats::cerema_uses);

// The real file writes an apostrophe in names as a double quote ("L""Abergement…"); the
// synthetic file does the same so that readers meet the same quoting.
std::string cerema_label(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '\'') {
      out.push_back('"');
    } else if (name.compare(i, 3, "\xE2\x80\x99") == 0) {  // ’
      out.push_back('"');
      i += 2;
    } else {
      out.push_back(name[i]);
    }
  }
  return out;
}

std::string value_or_empty(const std::map<std::string, std::string>& names, const std::string& key) {
  auto it = names.find(key);
  return it == names.end() ? std::string{} : it->second;
}

// Two decimals as in the real file; a ratio that rounds to zero is written "0.00", never "-0.00".
std::string ratio_text(std::optional<double> value) {
  if (!value) return {};
  const double rounded = std::round(*value * 100.0) / 100.0;
  return fmt::format("{:.2f}", rounded == 0.0 ? 0.0 : rounded);
}

long long year_consumption(double expected, Random& random) {
  const double zero_chance = 1.0 / (1.0 + expected / zero_scale_m2);
  const double zero_draw = random.uniform();
  const double size = random.lognormal_mean_one(year_sigma);
  if (zero_draw < zero_chance) return 0;
  return std::llround(expected / (1.0 - zero_chance) * size);
}

std::array<long long, use_count> split_by_use(long long total, Random& random) {
  std::vector<double> weights(use_count);
  if (static_cast<double>(total) < single_use_below_m2) {
    // One project: a single use, drawn with the national shares.
    double draw = random.uniform();
    std::size_t chosen = use_count - 1;
    for (std::size_t k = 0; k < use_count; ++k) {
      if (draw < use_shares[k]) {
        chosen = k;
        break;
      }
      draw -= use_shares[k];
    }
    weights[chosen] = 1.0;
  } else {
    for (std::size_t k = 0; k < use_count; ++k) weights[k] = use_shares[k] * random.lognormal_mean_one(1.0);
  }
  const auto parts = split_integer(total, weights);
  std::array<long long, use_count> result{};
  std::copy(parts.begin(), parts.end(), result.begin());
  return result;
}

struct Population {
  long long pop14 = 0, pop20 = 0, men14 = 0, men20 = 0, emp14 = 0, emp20 = 0;
};

Population population_columns(const CommuneInput& commune, Random& random) {
  Population p;
  p.pop20 = commune.population;
  const double growth = std::clamp(random.normal(0.01, 0.03), -0.2, 0.3);
  const double household_20 = std::clamp(random.normal(2.3, 0.15), 1.8, 3.0);
  const double household_14 = household_20 * (1.0 + std::clamp(random.normal(0.03, 0.02), -0.05, 0.1));
  const double jobs_ratio = 0.37 * random.lognormal_mean_one(0.6);
  const double jobs_growth = std::clamp(random.normal(0.0, 0.05), -0.3, 0.3);
  const auto pop = static_cast<double>(commune.population);
  p.pop14 = std::llround(pop / (1.0 + growth));
  p.men20 = std::llround(pop / household_20);
  p.men14 = std::llround(static_cast<double>(p.pop14) / household_14);
  p.emp20 = std::llround(pop * jobs_ratio);
  p.emp14 = std::llround(static_cast<double>(p.emp20) / (1.0 + jobs_growth));
  return p;
}

}  // namespace

double year_factor(int year) {
  static const std::map<int, double> factors{
      {2009, 1.30}, {2010, 1.20}, {2011, 1.12}, {2012, 1.06}, {2013, 1.00}, {2014, 0.95}, {2015, 0.92},
      {2016, 0.93}, {2017, 0.97}, {2018, 1.02}, {2019, 1.03}, {2020, 1.00}, {2021, 0.88}, {2022, 0.80}};
  auto it = factors.find(year);
  if (it == factors.end())
    throw Error(ErrorKind::internal, fmt::format("no consumption factor for {}", year));
  return it->second;
}

std::vector<long long> split_integer(long long total, const std::vector<double>& weights) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<long long> parts(weights.size(), 0);
  if (weights.empty() || sum <= 0.0) return parts;
  std::vector<double> remainders(weights.size());
  long long assigned = 0;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    const double exact = static_cast<double>(total) * weights[k] / sum;
    parts[k] = static_cast<long long>(std::floor(exact));
    remainders[k] = exact - static_cast<double>(parts[k]);
    assigned += parts[k];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t i = 0; assigned < total; i = (i + 1) % order.size(), ++assigned) ++parts[order[i]];
  return parts;
}

ConsumptionRow consumption_row(const CommuneInput& commune, const WorkspaceInputs& inputs, Random& random) {
  std::map<std::string, std::string> values;
  values["idcom"] = commune.code;
  values["idcomtxt"] = cerema_label(commune.nom);
  values["idreg"] = inputs.region_code;
  values["idregtxt"] = cerema_label(inputs.region_name);
  values["iddep"] = commune.departement;
  values["epci23"] = commune.epci_siren;
  values["epci23txt"] = cerema_label(value_or_empty(inputs.epci_names, commune.epci_siren));
  values["scot"] = cerema_label(value_or_empty(inputs.scot_names, commune.scot_id));

  const double mean = (m2_per_inhabitant_year * static_cast<double>(commune.population) +
                       m2_per_hectare_year * commune.area_ha) *
                      random.lognormal_mean_one(commune_sigma);
  ConsumptionRow row;
  long long total = 0;
  std::array<long long, use_count> use_totals{};
  long long consumption_2014_2019 = 0;
  for (int year = formats::cerema_first_year; year <= formats::cerema_last_year; ++year) {
    const long long consumed = year_consumption(mean * year_factor(year), random);
    const auto uses = split_by_use(consumed, random);
    values[formats::cerema_naf_column(year)] = std::to_string(consumed);
    for (std::size_t k = 0; k < use_count; ++k) {
      values[formats::cerema_use_column(year, formats::cerema_uses[k])] = std::to_string(uses[k]);
      use_totals[k] += uses[k];
    }
    total += consumed;
    if (year >= 2011 && year <= 2020) row.reference_2011_2020_m2 += static_cast<double>(consumed);
    if (year >= 2014 && year <= 2019) consumption_2014_2019 += consumed;
  }
  values["naf09art23"] = std::to_string(total);
  for (std::size_t k = 0; k < use_count; ++k) {
    values[fmt::format("art09{}23", formats::cerema_uses[k])] = std::to_string(use_totals[k]);
  }

  const Population p = population_columns(commune, random);
  const long long surface = std::llround(commune.area_ha * 10'000.0);
  values["pop14"] = std::to_string(p.pop14);
  values["pop20"] = std::to_string(p.pop20);
  values["pop1420"] = std::to_string(p.pop20 - p.pop14);
  values["men14"] = std::to_string(p.men14);
  values["men20"] = std::to_string(p.men20);
  values["men1420"] = std::to_string(p.men20 - p.men14);
  values["emp14"] = std::to_string(p.emp14);
  values["emp20"] = std::to_string(p.emp20);
  values["emp1420"] = std::to_string(p.emp20 - p.emp14);
  values["surfcom2023"] = std::to_string(surface);
  const auto ratios = formats::cerema_ratios(
      static_cast<double>(total), static_cast<double>(surface), static_cast<double>(consumption_2014_2019),
      static_cast<double>(p.pop20 - p.pop14), static_cast<double>(p.men20 - p.men14),
      static_cast<double>(p.emp20 - p.emp14));
  values["artcom0923"] = ratio_text(ratios.artcom0923);
  values["mepart1420"] = ratio_text(ratios.mepart1420);
  values["menhab1420"] = ratio_text(ratios.menhab1420);
  values["artpop1420"] = ratio_text(ratios.artpop1420);

  for (const auto& column : formats::cerema_layout()) row.fields.push_back(value_or_empty(values, column));
  return row;
}

}  // namespace zanplan::synthetic
