// A legal regime: the ZAN rules as data (data/regimes/*.toml), never code constants.
#pragma once

#include <filesystem>
#include <string>

namespace zanplan {

struct YearRange {
  int first_year = 0;
  int last_year = 0;  // inclusive
};

struct LegalRegime {
  std::string id;
  std::string name;
  std::string status;  // "law" or "proposal"
  std::string description;
  YearRange reference_period;         // 2011..2020
  YearRange first_tranche;            // 2021..2030
  double national_reduction_pct = 0;  // 50
  double communal_guarantee_ha = 0;   // 1
  double commune_nouvelle_extra_ha = 0;
  double commune_nouvelle_cap_ha = 0;
  double pene_national_forfait_ha = 0;
  double pene_pooled_among_regions_ha = 0;
  int net_artificialisation_from = 0;
  int net_zero_year = 0;
  bool industry_exempt_from_local_envelopes = false;
  std::filesystem::path path;

  [[nodiscard]] bool is_proposal() const { return status == "proposal"; }
};

// Loads and validates a regime file; errors are config errors naming file, line and key.
LegalRegime load_regime(const std::filesystem::path& path);

}  // namespace zanplan
