// The ZAN budget ledger: commune envelopes rolled up to EPCI, SCoT, département and region,
// with the projects, transfers and reserves of a scenario. Scenarios are append-only event
// logs stored in the workspace (table zanplan_scenario_events). See docs/ledger.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "zanplan/envelope.hpp"
#include "zanplan/error.hpp"
#include "zanplan/export.hpp"
#include "zanplan/regime.hpp"

namespace zanplan {

enum class Level { commune, epci, scot, departement, region };

std::string level_name(Level level);
// "commune", "epci", "scot", "departement" (or "département"), "region"; a usage error
// naming `key` otherwise.
Level parse_level(const std::string& text, const std::string& key = "level");

// A territory named as LEVEL:CODE ("epci:200041630"); a bare code is a commune.
struct TerritoryRef {
  Level level = Level::commune;
  std::string code;
  [[nodiscard]] std::string text() const;  // "epci:200041630", or the bare commune code
  friend bool operator<(const TerritoryRef& a, const TerritoryRef& b) {
    return a.level != b.level ? a.level < b.level : a.code < b.code;
  }
  friend bool operator==(const TerritoryRef& a, const TerritoryRef& b) = default;
};
TerritoryRef parse_territory(const std::string& text, const std::string& key);

// commune → EPCI → SCoT → département → région, as the workspace records it. The levels
// above the commune are not a strict tree (an EPCI may straddle two SCoTs); every commune
// belongs to exactly one territory of each level, except SCoT, which may be none.
struct Hierarchy {
  struct Commune {
    std::string code, name, epci, scot, departement;
  };
  using Target = ZanTarget;
  std::map<std::string, Commune> communes;  // by current INSEE code
  std::map<std::string, std::string> epci_names, scot_names;
  std::string region_code, region_name;
  // Mapped targets of the zan_targets layer by level (epci by SIREN, scot by workspace id).
  std::map<std::string, Target> epci_targets, scot_targets;
  std::optional<Target> region_target;
  std::vector<std::string> communes_without_scot;  // listed, never guessed

  // The commune's territory at a level ("" when it has no SCoT); throws usage on an unknown commune.
  [[nodiscard]] std::string territory_of(const std::string& commune, Level level) const;
  [[nodiscard]] bool contains(const TerritoryRef& territory) const;
  [[nodiscard]] std::string name_of(const TerritoryRef& territory) const;
};

// Reads layers communes (code, nom, epci_siren, scot_id, departement), epci, scot and
// zan_targets, and the region from zanplan_meta. Throws a workspace error naming the layer
// and column when one is missing.
Hierarchy read_hierarchy(const std::filesystem::path& workspace);

// ---- Scenarios -------------------------------------------------------------------------

struct Project {
  std::string id;
  std::string commune;  // charged commune (from the site's parcel when a site is given)
  std::string site;     // parcel id, may be empty
  double enaf_ha = 0;
  int year = 0;
  bool pene = false;  // charged to the national forfait, never to local envelopes
  std::string profile;
  // Industrial land take: not charged locally under a regime that exempts industry (the
  // TRACE proposal); charged like any project under the law in force.
  bool industrial = false;
  // A PENE is either listed (the id of the region's annex I list, data/region-NN/pene-annex-1.csv)
  // or assumed: an explicit override, flagged wherever the project shows.
  std::string pene_listed_id;
  bool pene_assumed = false;
};

struct Transfer {
  TerritoryRef from;  // a commune, or a territory holding a reserve
  std::string to;     // a commune
  double hectares = 0;
  std::string reason, author, time;
};

struct Reserve {
  TerritoryRef territory;  // not a commune
  double hectares = 0;
};

struct ScenarioEvent {
  std::string scenario;
  std::int64_t seq = 0;  // 1, 2, 3 … per scenario
  std::string kind;      // create, project, transfer, reserve
  std::string payload;   // JSON object
  std::string author, time;
};

struct Scenario {
  std::string name, regime_id, description, created_by, created_at;
  std::optional<ChargeLevel> charge_level;  // none: the regime's
  std::vector<Project> projects;
  std::vector<Transfer> transfers;
  std::map<TerritoryRef, double> reserves;  // the last reserve event of a territory wins
  std::size_t event_count = 0;
};

// Replays a scenario's log (events in seq order). Throws a workspace error naming the
// scenario and seq when an event is malformed or seq is not 1, 2, 3 …
Scenario replay(const std::vector<ScenarioEvent>& events);

// ---- The ledger --------------------------------------------------------------------------

enum class BudgetStatus { within, tight, over };
std::string status_name(BudgetStatus status);

struct LedgerRow {
  Level level = Level::commune;
  std::string code, name;
  std::size_t communes = 0;
  double reference_ha = 0;
  double reduction_pct = 0;
  std::string target_source;      // the published key the target comes from
  bool target_inherited = false;  // the territory has no target of its own
  double envelope_ha = 0;  // commune: envelope.cpp; parent: Σ communes + pooled + reserve (+ unallocated)
  double reserve_ha = 0;
  std::size_t guarantee_communes = 0;  // communes held at their guarantee floor (here or pooled)
  // Guarantee raises of member communes pooled at EPCI level (part of envelope_ha above the
  // commune level; a commune's row does not hold it).
  double pooled_guarantee_ha = 0;
  // Region only: the SRADDET envelope minus its territories' envelopes (part of envelope_ha).
  double unallocated_ha = 0;
  double consumed_ha = 0;
  double committed_ha = 0;  // non-PENE projects of the scenario
  double pene_ha = 0;       // PENE projects located here (not charged)
  double exempt_ha = 0;     // industrial projects exempted by the regime (not charged)
  double transfers_in_ha = 0, transfers_out_ha = 0;
  double remaining_ha = 0;  // envelope + in − out − consumed − committed
  BudgetStatus status = BudgetStatus::within;
};

struct Ledger {
  std::string regime_id;
  bool regime_is_proposal = false;
  std::string scenario;  // empty: no scenario
  bool consumption_is_synthetic = false;
  int consumed_through_year = 0;
  std::map<Level, std::vector<LedgerRow>> rows;  // each level sorted by code
  std::vector<Project> pene_projects;
  double pene_total_ha = 0, pene_forfait_ha = 0;
  std::vector<Project> exempt_projects;  // industrial, under a regime exempting industry
  std::vector<std::string> communes_without_scot;
  ChargeLevel charge_level = ChargeLevel::scot;  // the scenario's, else the regime's
  std::map<std::string, Hierarchy::Commune> membership;  // commune → its territories
  std::vector<EnvelopeGroup> groups;                     // the published targets' envelopes
  std::map<GuaranteeEligibility, std::size_t> eligibility_counts;
  std::size_t scot_keys_published = 0, scot_keys_joined = 0;
  std::map<std::string, std::string> unjoined_targets;  // territory key → reason
  double region_envelope_ha = 0;  // the SRADDET's: region reference × (1 − regional target)
  double unallocated_ha = 0;      // region envelope − its territories' envelopes

  [[nodiscard]] const LedgerRow* find(Level level, const std::string& code) const;
};

Ledger build_ledger(const Hierarchy& hierarchy, const EnvelopeBook& book, const LegalRegime& regime,
                    const Scenario* scenario = nullptr);

// ---- The scenario store --------------------------------------------------------------------

// The event log in the workspace GeoPackage, written with SQLite directly: each append is one
// IMMEDIATE transaction that re-reads the log, validates the event against the replayed state
// and inserts it, so an event is there whole or not at all.
class ScenarioStore {
 public:
  // regime_for turns a regime id into a loaded regime (create validates it exists).
  ScenarioStore(std::filesystem::path workspace, std::function<LegalRegime(const std::string&)> regime_for);

  void create(const std::string& name, const std::string& regime_id, const std::string& description,
              const std::string& author, std::optional<ChargeLevel> charge_level = std::nullopt);
  void add_project(const std::string& scenario, Project project, const std::string& author);
  void transfer(const std::string& scenario, Transfer transfer);
  void set_reserve(const std::string& scenario, const Reserve& reserve, const std::string& author);

  [[nodiscard]] std::vector<ScenarioEvent> events(const std::string& scenario) const;
  [[nodiscard]] std::vector<std::string> scenarios() const;
  [[nodiscard]] Scenario load(const std::string& scenario) const;  // usage error if unknown
  [[nodiscard]] Ledger ledger(const std::string& scenario) const;
  [[nodiscard]] const Hierarchy& hierarchy() const { return hierarchy_; }

 private:
  using Check = std::function<void(const Scenario&)>;
  void append(const std::string& scenario, const std::string& kind, const std::string& payload,
              const std::string& author, const std::string& time, const Check& check);
  const EnvelopeBook& book_for(const std::string& regime_id) const;

  std::filesystem::path workspace_;
  std::function<LegalRegime(const std::string&)> regime_for_;
  Hierarchy hierarchy_;
  mutable std::map<std::string, std::pair<LegalRegime, EnvelopeBook>> books_;
};

// Appends a raw event without validation, in one transaction (for tests of the log itself).
void append_raw_event(const std::filesystem::path& workspace, const ScenarioEvent& event);
// Every event of every scenario, in (scenario, seq) order.
std::vector<ScenarioEvent> read_all_events(const std::filesystem::path& workspace);

}  // namespace zanplan

namespace zanplan {

// The rows of one level as an export table (one row per territory; columns in
// docs/ledger.md). With geometries (commune, epci and scot levels only: the layers that have
// them), each row carries its territory's Lambert-93 outline; rows without one have none.
ExportTable ledger_table(const Ledger& ledger, Level level, const std::filesystem::path& workspace,
                         bool with_geometries);

}  // namespace zanplan

namespace zanplan {

// ---- The yearly trajectory ---------------------------------------------------------------

struct TrajectoryYear {
  int year = 0;
  std::optional<double> actual_ha;   // ENAF consumed that year, while the data goes
  std::optional<double> allowed_ha;  // the yearly allowance; none before the first tranche
  std::string period;                // "reference", "before", "first tranche", "net (assumed path)"
};

struct Trajectory {
  Level level = Level::region;
  std::string code, name;
  double reference_ha = 0;  // over the regime's reference period
  double envelope_ha = 0;   // first tranche, after the scenario's transfers and reserves
  bool synthetic = false;   // the consumption table is synthetic
  std::vector<TrajectoryYear> years;  // from the first year of data to the net-zero year
};

// Yearly consumption of the territory's communes against its allowance: the first tranche's
// envelope spread evenly over its years, then, since no later tranche is set in the regime,
// an ASSUMED straight path from that yearly allowance down to zero net land take in the
// regime's net-zero year. Throws a usage error naming --code for an unknown territory.
Trajectory build_trajectory(const std::filesystem::path& workspace, const Hierarchy& hierarchy, const Ledger& ledger,
                            const LegalRegime& regime, Level level, const std::string& code);

// The trajectory as an SVG chart (bars: actual; line: allowed), written atomically.
void write_trajectory_svg(const Trajectory& trajectory, const std::filesystem::path& path);

// The trajectory as an export table (year, period, actual_ha, allowed_ha) for write_csv.
ExportTable trajectory_table(const Trajectory& trajectory);

}  // namespace zanplan
