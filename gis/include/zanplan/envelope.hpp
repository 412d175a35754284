// Each commune's ZAN envelope for the first tranche, from the workspace's consumption
// (Cerema layout) and SRADDET targets, under a legal regime. The full ledger (EPCI/SCoT
// roll-ups, scenarios, transfers) builds on this.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "zanplan/regime.hpp"

namespace zanplan {

struct CommuneEnvelope {
  std::string commune;
  std::string name;
  double reference_ha = 0;        // ENAF consumed over the regime's reference period
  double reduction_pct = 0;       // the target that applies
  std::string target_source;      // e.g. "SCOT_1000 (SCoT 255902314)", "EPCI_246000764", "REGION_32"
  double envelope_ha = 0;         // reference × (1 − reduction), at least the guarantee
  bool guarantee_applied = false; // the communal guarantee raised the envelope
  double consumed_ha = 0;         // consumed since the tranche began, as far as data goes
  int consumed_through_year = 0;  // last year counted in consumed_ha
  double remaining_ha = 0;        // envelope − consumed (negative when over)
};

// A published SRADDET reduction target joined to a workspace territory.
struct ZanTarget {
  double reduction_pct = 0;
  std::string key;  // as published, e.g. "SCOT_1000", "EPCI_246000764", "REGION_32"
};

// The zan_targets rows that could be joined to territories (mapped = 1), by SCoT id, EPCI
// SIREN and, for the region, alone.
struct MappedTargets {
  std::map<std::string, ZanTarget> scot, epci;
  std::optional<ZanTarget> region;
};

// Throws a workspace error naming a missing layer or column.
MappedTargets read_mapped_targets(const std::filesystem::path& workspace);

struct EnvelopeBook {
  std::map<std::string, CommuneEnvelope> communes;  // by current INSEE code
  bool consumption_is_synthetic = false;
  std::string regime_id;
};

// Throws a workspace error when a needed layer or column is missing.
EnvelopeBook commune_envelopes(const std::filesystem::path& workspace, const LegalRegime& regime);

// "naf11art12": the Cerema column of NAF land consumed during year (1 Jan → 1 Jan).
std::string cerema_naf_column(int year);

}  // namespace zanplan
