// A legal regime: the ZAN rules as data (data/regimes/*.toml), never code constants.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace zanplan {

struct YearRange {
  int first_year = 0;
  int last_year = 0;  // inclusive
};

// Where a project's ENAF hectares are charged: the commune's share, its EPCI's (PLUi) or its
// SCoT's envelope. The law territorialises down to SCoT and PLU(i) (C. urb. L.141-8), not to
// commune quotas; the regime names its default and a scenario may choose another.
enum class ChargeLevel { commune, epci, scot };

std::string charge_level_name(ChargeLevel level);
// "commune", "epci" (or "plui") or "scot"; nullopt otherwise.
std::optional<ChargeLevel> parse_charge_level(const std::string& text);

// A calendar date as the regime files write it ("2026-08-22"), comparable.
struct Date {
  int year = 0, month = 0, day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};
// "YYYY-MM-DD" with a real month and day; nullopt otherwise.
std::optional<Date> parse_date(const std::string& text);

struct LegalRegime {
  std::string id;
  std::string name;
  std::string status;  // "law" or "bill" (a proposal under debate)
  std::string description;
  YearRange reference_period;         // 2011..2020
  YearRange first_tranche;            // 2021..2030
  double national_reduction_pct = 0;  // 50
  // The least reduction a region under a SRADDET must apply (arrêté of 31 May 2024): what a
  // workspace without a published regional target falls back to. Absent: the national figure.
  std::optional<double> sraddet_region_minimum_pct;
  double communal_guarantee_ha = 0;   // 1, a floor allocated inside the territorial envelopes
  double commune_nouvelle_extra_ha = 0;  // per commune déléguée beyond the first
  double commune_nouvelle_cap_ha = 0;
  // Only communes whose PLU, document in lieu or carte communale was prescribed, adopted or
  // approved before this date are eligible.
  Date guarantee_documents_before;
  bool guarantee_poolable_at_epci = false;
  double pene_national_forfait_ha = 0;
  double pene_pooled_among_regions_ha = 0;  // péréquation among SRADDET regions
  double pene_sdrif_sar_padduc_ha = 0;      // Île-de-France, overseas regions, Corsica
  ChargeLevel charge_level = ChargeLevel::scot;
  int net_artificialisation_from = 0;
  int net_zero_year = 0;
  bool industry_exempt_from_local_envelopes = false;
  std::filesystem::path path;

  [[nodiscard]] bool is_proposal() const { return status == "bill"; }
  // The reduction for a region without its own published target.
  [[nodiscard]] double region_fallback_pct() const {
    return sraddet_region_minimum_pct.value_or(national_reduction_pct);
  }
};

// Loads and validates a regime file; errors are config errors naming file, line and key.
LegalRegime load_regime(const std::filesystem::path& path);

}  // namespace zanplan
