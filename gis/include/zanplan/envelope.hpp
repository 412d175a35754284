// Each commune's ZAN envelope for the first tranche, from the workspace's consumption
// (Cerema layout) and SRADDET targets, under a legal regime. The territorial envelopes (the
// region's, each SCoT's or EPCI's with a published target) are fixed first; the communes'
// shares and the communal guarantee are allocated inside them, so the guarantee never
// raises a published total. The full ledger (roll-ups, scenarios, transfers) builds on this.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "zanplan/regime.hpp"

namespace zanplan {

// Whether a commune may claim the communal guarantee. Unknown is never taken as eligible.
enum class GuaranteeEligibility { eligible, ineligible, unknown };
std::string eligibility_name(GuaranteeEligibility eligibility);

// A commune's planning document as the workspace records it (communes layer; the columns are
// filled at import from the region's communal-guarantee input, docs/zan-rules.md).
struct PlanningStatus {
  std::string document;  // plu, plui, carte_communale, document_en_tenant_lieu, rnu; "" unknown
  std::string stage;     // prescribed, arrete, approved; "" unknown
  std::optional<Date> date;  // of that stage
  bool pooled = false;       // the commune asked for its guarantee to be pooled at EPCI level
};

// eligible: a PLU(i), document in lieu or carte communale prescribed, arrêté or approved before
// the regime's date; ineligible: no such document (RNU) or a later date; unknown otherwise.
GuaranteeEligibility eligibility_of(const PlanningStatus& planning, const LegalRegime& regime);

// The guarantee of an eligible commune: the regime's hectare, plus the commune-nouvelle bonus
// per commune déléguée beyond the first, capped.
double guarantee_floor_ha(const LegalRegime& regime, int communes_deleguees);

// Shares of one envelope with floors: every floor is met, the communes above their floor give
// up the difference in proportion to their shares (repeated until no commune falls under its
// floor), so the total stays `envelope`. When the floors alone exceed it, they are scaled
// down to fit and floors_exceed_envelope is set.
struct FloorAllocation {
  std::vector<double> hectares;
  std::vector<bool> raised;  // held at its floor
  bool floors_exceed_envelope = false;
};
FloorAllocation allocate_with_floors(double envelope_ha, std::span<const double> shares_ha,
                                     std::span<const double> floors_ha);

struct CommuneEnvelope {
  std::string commune;
  std::string name;
  std::string epci;
  double reference_ha = 0;        // ENAF consumed over the regime's reference period
  double reduction_pct = 0;       // the target that applies
  std::string target_source;      // e.g. "SCOT_1000", "EPCI_246000764", "REGION_32"
  double proportional_ha = 0;     // reference × (1 − reduction): the share before the guarantee
  double envelope_ha = 0;         // the commune's share after the guarantee's allocation
  PlanningStatus planning;
  GuaranteeEligibility eligibility = GuaranteeEligibility::unknown;
  int communes_deleguees = 0;     // of a commune nouvelle (Etalab list)
  double guarantee_floor_ha = 0;  // 0 unless eligible
  bool guarantee_applied = false; // held at its floor (here, or at its EPCI when pooled)
  double pooled_guarantee_ha = 0; // the raise held by the EPCI instead of the commune
  double consumed_ha = 0;         // consumed since the tranche began, as far as data goes
  int consumed_through_year = 0;  // last year counted in consumed_ha
  double remaining_ha = 0;        // envelope − consumed (negative when over)
};

// The communes sharing one published target: their envelope is reference × (1 − target).
struct EnvelopeGroup {
  std::string target_source;
  double reduction_pct = 0;
  double reference_ha = 0;
  double envelope_ha = 0;
  std::size_t communes = 0;
  std::size_t raised = 0;  // communes held at their guarantee floor
  bool floors_exceed_envelope = false;
};

// A published SRADDET reduction target joined to a workspace territory.
struct ZanTarget {
  double reduction_pct = 0;
  std::string key;  // as published, e.g. "SCOT_1000", "EPCI_246000764", "REGION_32"
};

// The zan_targets rows that could be joined to territories (mapped = 1), by SCoT id, EPCI
// SIREN and, for the region, alone. An EPCI target whose EPCI is itself a workspace SCoT is
// that SCoT's target too.
struct MappedTargets {
  std::map<std::string, ZanTarget> scot, epci;
  std::optional<ZanTarget> region;
  // The SRADDET's SCoT targets (SCOT_<SUDOCUH id>) as published, how many were joined, and
  // why each other one was not (the zan_targets layer's unmapped_reason, when it has one).
  std::size_t scot_keys_published = 0, scot_keys_joined = 0;
  std::map<std::string, std::string> unjoined;  // territory key → reason
};

// Throws a workspace error naming a missing layer or column.
MappedTargets read_mapped_targets(const std::filesystem::path& workspace);

struct EnvelopeBook {
  std::map<std::string, CommuneEnvelope> communes;  // by current INSEE code
  std::vector<EnvelopeGroup> groups;                // by target source
  double region_reference_ha = 0;
  double region_reduction_pct = 0;
  std::string region_target_source;
  double region_envelope_ha = 0;  // region reference × (1 − regional target): the SRADDET total
  // The region's envelope minus its territories' (positive: not allocated to any territory;
  // negative: the territorial targets commit more than the regional one).
  double unallocated_ha = 0;
  std::map<GuaranteeEligibility, std::size_t> eligibility_counts;
  std::size_t scot_keys_published = 0, scot_keys_joined = 0;
  std::map<std::string, std::string> unjoined_targets;  // territory key → reason
  bool consumption_is_synthetic = false;
  std::string regime_id;
};

// Throws a workspace error when a needed layer or column is missing.
EnvelopeBook commune_envelopes(const std::filesystem::path& workspace, const LegalRegime& regime);

// "naf11art12": the Cerema column of NAF land consumed during year (1 Jan → 1 Jan).
std::string cerema_naf_column(int year);

}  // namespace zanplan
