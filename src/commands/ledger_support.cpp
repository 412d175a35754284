#include "commands/ledger_support.hpp"

#include <cstdlib>

#include <fmt/format.h>

#ifndef ZANPLAN_DEFAULT_DATA_DIR
#define ZANPLAN_DEFAULT_DATA_DIR "data"
#endif

namespace zanplan::cli {

std::filesystem::path data_dir_or_default(const std::string& data_dir) {
  if (!data_dir.empty()) return data_dir;
  const char* env = std::getenv("ZANPLAN_DATA_DIR");
  return env != nullptr ? env : ZANPLAN_DEFAULT_DATA_DIR;
}

PeneList region_pene_list(const std::string& data_dir, const std::string& region_code) {
  return load_pene_list(data_dir_or_default(data_dir) / ("region-" + region_code) / "pene-annex-1.csv");
}

std::function<LegalRegime(const std::string&)> regime_loader(const std::string& data_dir) {
  const std::filesystem::path dir = data_dir_or_default(data_dir);
  return [dir](const std::string& name) {
    const bool is_path = name.find('/') != std::string::npos || name.ends_with(".toml");
    return load_regime(is_path ? std::filesystem::path(name) : dir / "regimes" / (name + ".toml"));
  };
}

std::string default_author() {
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "unknown";
}

std::string clip(const std::string& text, std::size_t width) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (points++ == width) return text.substr(0, i);
  }
  return text;
}

void print_ledger(const Ledger& ledger, Level level, std::ostream& out) {
  out << fmt::format("{:<10} {:<26} {:>8} {:>6} {:<16} {:>9} {:>7} {:>8} {:>8} {:>7} {:>7} {:>9} {}\n",
                     "CODE", "NAME", "REF ha", "TGT%", "TARGET FROM", "ENVEL.", "RESERVE", "CONSUMED",
                     "COMMITTED", "IN", "OUT", "REMAINING", "STATUS");
  for (const auto& r : ledger.rows.at(level)) {
    const std::string source = (r.target_inherited && level != Level::commune ? "^" : "") + r.target_source;
    out << fmt::format(
        "{:<10} {:<26} {:>8.1f} {:>6.2f} {:<16} {:>9.2f} {:>7.2f} {:>8.2f} {:>9.2f} {:>7.2f} {:>7.2f} "
        "{:>9.2f} {}\n",
        r.code, clip(r.name, 26), r.reference_ha, r.reduction_pct, clip(source, 16), r.envelope_ha,
        r.reserve_ha, r.consumed_ha, r.committed_ha, r.transfers_in_ha, r.transfers_out_ha, r.remaining_ha,
        status_name(r.status));
  }
  out << fmt::format("\nRegime {}{}; scenario {}; consumption counted through {}{}\n", ledger.regime_id,
                     ledger.regime_is_proposal ? " (PROPOSAL, not law)" : "",
                     ledger.scenario.empty() ? "none" : ledger.scenario, ledger.consumed_through_year,
                     ledger.consumption_is_synthetic ? " (SYNTHETIC consumption data)" : "");
  if (level != Level::commune) out << "^ target inherited from the parent territory\n";
  if (!ledger.communes_without_scot.empty()) {
    out << fmt::format(
        "{} communes are in no SCoT{}\n", ledger.communes_without_scot.size(),
        level == Level::scot ? ": " + fmt::format("{}", fmt::join(ledger.communes_without_scot, " ")) : "");
  }
  out << fmt::format("Projects are charged at {} level ({})\n", charge_level_name(ledger.charge_level),
                     ledger.scenario.empty() ? "the regime's rule" : "the scenario's choice, else the regime's");
  out << fmt::format("SRADDET SCoT targets joined to communes: {} of {}{}\n", ledger.scot_keys_joined,
                     ledger.scot_keys_published, ledger.unjoined_targets.empty() ? "" : " (zanplan info -v lists why not)");
  if (level == Level::region) {
    out << fmt::format("Region envelope (SRADDET) {:.2f} ha; territories' envelopes {:.2f} ha; unallocated {:+.2f} ha\n",
                       ledger.region_envelope_ha, ledger.region_envelope_ha - ledger.unallocated_ha,
                       ledger.unallocated_ha);
  }
  auto count = [&](GuaranteeEligibility e) {
    auto it = ledger.eligibility_counts.find(e);
    return it == ledger.eligibility_counts.end() ? std::size_t{0} : it->second;
  };
  out << fmt::format("Communal guarantee (allocated inside the envelopes): {} communes eligible, {} not, {} of "
                     "unknown status (never assumed eligible)\n",
                     count(GuaranteeEligibility::eligible), count(GuaranteeEligibility::ineligible),
                     count(GuaranteeEligibility::unknown));
  if (!ledger.exempt_projects.empty()) {
    out << "Industrial projects exempted from local envelopes by the regime (not charged):\n";
    for (const auto& p : ledger.exempt_projects) {
      out << fmt::format("  {} in {} ({}), {:.2f} ha, {}\n", p.id, p.commune, p.profile, p.enaf_ha, p.year);
    }
  }
  if (!ledger.pene_projects.empty()) {
    out << fmt::format("PENE projects (national forfait {:.0f} ha, not charged locally): {:.2f} ha\n",
                       ledger.pene_forfait_ha, ledger.pene_total_ha);
    for (const auto& p : ledger.pene_projects) {
      out << fmt::format("  {} in {} ({}), {:.2f} ha, {}, {}\n", p.id, p.commune, p.profile, p.enaf_ha, p.year,
                         p.pene_assumed              ? std::string("ASSUMED PENE (not checked against annex I)")
                         : !p.pene_listed_id.empty() ? "annex I entry " + p.pene_listed_id
                                                     : std::string("PENE as recorded, without an annex I entry"));
    }
  }
}

}  // namespace zanplan::cli
