// The ledger: commune envelopes, the scenario's charges and transfers, rolled up by level.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "zanplan/ledger.hpp"

namespace zanplan {

std::string status_name(BudgetStatus status) {
  switch (status) {
    case BudgetStatus::within:
      return "within";
    case BudgetStatus::tight:
      return "tight";
    case BudgetStatus::over:
      return "over";
  }
  return "?";
}

const LedgerRow* Ledger::find(Level level, const std::string& code) const {
  auto it = rows.find(level);
  if (it == rows.end()) return nullptr;
  // Each level is sorted by code: a binary search (the map's re-scoring looks up every
  // candidate's communes). The scan stays as the fallback for rows not kept sorted.
  const auto& level_rows = it->second;
  auto at = std::lower_bound(level_rows.begin(), level_rows.end(), code,
                             [](const LedgerRow& row, const std::string& c) { return row.code < c; });
  if (at != level_rows.end() && at->code == code) return &*at;
  for (const auto& row : level_rows) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

namespace {

constexpr double tight_share = 0.10;  // remaining under 10 % of the envelope is "tight"

constexpr Level parent_levels[] = {Level::epci, Level::scot, Level::departement, Level::region};

struct Target {
  double reduction_pct = 0;
  std::string source;
  bool inherited = true;
};

Target region_or_national(const Hierarchy& h, const LegalRegime& regime) {
  if (h.region_target) return {h.region_target->reduction_pct, h.region_target->key, true};
  return {regime.region_fallback_pct(), "regime minimum (" + regime.id + ")", true};
}

// The SCoT all the EPCI's communes share, when there is exactly one.
std::string only_scot_of(const Hierarchy& h, const std::string& epci) {
  std::set<std::string> scots;
  for (const auto& [code, c] : h.communes) {
    if (c.epci == epci) scots.insert(c.scot);
  }
  return scots.size() == 1 ? *scots.begin() : std::string();
}

// A territory's own target, else its parent's (EPCI → its single SCoT → region → national;
// départements have no published target).
Target target_of(const Hierarchy& h, const LegalRegime& regime, Level level, const std::string& code) {
  auto own = [](const Hierarchy::Target& t) { return Target{t.reduction_pct, t.key, false}; };
  auto inherited = [](const Hierarchy::Target& t) { return Target{t.reduction_pct, t.key, true}; };
  switch (level) {
    case Level::epci: {
      if (auto it = h.epci_targets.find(code); it != h.epci_targets.end()) return own(it->second);
      const std::string scot = only_scot_of(h, code);
      if (auto it = h.scot_targets.find(scot); !scot.empty() && it != h.scot_targets.end())
        return inherited(it->second);
      return region_or_national(h, regime);
    }
    case Level::scot:
      if (auto it = h.scot_targets.find(code); it != h.scot_targets.end()) return own(it->second);
      return region_or_national(h, regime);
    case Level::region:
      if (h.region_target) return own(*h.region_target);
      return region_or_national(h, regime);
    case Level::commune:
    case Level::departement:
      return region_or_national(h, regime);
  }
  return region_or_national(h, regime);
}

BudgetStatus status_of(double remaining, double envelope) {
  if (remaining < 0) return BudgetStatus::over;
  if (remaining < tight_share * envelope) return BudgetStatus::tight;
  return BudgetStatus::within;
}

void finish(LedgerRow& row) {
  row.remaining_ha =
      row.envelope_ha + row.transfers_in_ha - row.transfers_out_ha - row.consumed_ha - row.committed_ha;
  row.status = status_of(row.remaining_ha, row.envelope_ha);
}

std::map<std::string, LedgerRow> commune_rows(const Hierarchy& h, const EnvelopeBook& book) {
  std::map<std::string, LedgerRow> rows;
  for (const auto& [code, commune] : h.communes) {
    LedgerRow row;
    row.code = code;
    row.name = commune.name;
    row.communes = 1;
    if (auto it = book.communes.find(code); it != book.communes.end()) {
      const CommuneEnvelope& e = it->second;
      row.reference_ha = e.reference_ha;
      row.reduction_pct = e.reduction_pct;
      row.target_source = e.target_source;
      row.envelope_ha = e.envelope_ha;
      row.guarantee_communes = e.guarantee_applied ? 1 : 0;
      row.pooled_guarantee_ha = e.pooled_guarantee_ha;  // held by the EPCI: added above this level
      row.consumed_ha = e.consumed_ha;
    }
    row.target_inherited = true;  // communes have no target of their own in the SRADDET
    rows.emplace(code, std::move(row));
  }
  return rows;
}

void charge_scenario(const Scenario& s, const LegalRegime& regime, std::map<std::string, LedgerRow>& communes,
                     Ledger& ledger) {
  for (const auto& p : s.projects) {
    auto it = communes.find(p.commune);
    if (p.pene) {
      ledger.pene_projects.push_back(p);
      ledger.pene_total_ha += p.enaf_ha;
      if (it != communes.end()) it->second.pene_ha += p.enaf_ha;
    } else if (p.industrial && regime.industry_exempt_from_local_envelopes) {
      ledger.exempt_projects.push_back(p);
      if (it != communes.end()) it->second.exempt_ha += p.enaf_ha;
    } else if (it != communes.end()) {
      it->second.committed_ha += p.enaf_ha;
    }
  }
  for (const auto& t : s.transfers) {
    if (auto it = communes.find(t.to); it != communes.end()) it->second.transfers_in_ha += t.hectares;
    if (t.from.level != Level::commune) continue;  // a reserve's outflow is on its territory's row
    if (auto it = communes.find(t.from.code); it != communes.end()) it->second.transfers_out_ha += t.hectares;
  }
}

void add_to(LedgerRow& parent, const LedgerRow& child) {
  parent.communes += child.communes;
  parent.reference_ha += child.reference_ha;
  parent.envelope_ha += child.envelope_ha + child.pooled_guarantee_ha;
  parent.guarantee_communes += child.guarantee_communes;
  parent.pooled_guarantee_ha += child.pooled_guarantee_ha;
  parent.consumed_ha += child.consumed_ha;
  parent.committed_ha += child.committed_ha;
  parent.pene_ha += child.pene_ha;
  parent.exempt_ha += child.exempt_ha;
  parent.transfers_in_ha += child.transfers_in_ha;
  parent.transfers_out_ha += child.transfers_out_ha;
}

std::vector<LedgerRow> parent_rows(const Hierarchy& h, const LegalRegime& regime, const EnvelopeBook& book, Level level,
                                   const std::map<std::string, LedgerRow>& communes, const Scenario* s) {
  std::map<std::string, LedgerRow> rows;
  for (const auto& [code, commune_row] : communes) {
    const std::string parent = h.territory_of(code, level);
    if (parent.empty()) continue;  // a commune in no SCoT: listed in the ledger, not guessed
    LedgerRow& row = rows[parent];
    row.code = parent;
    add_to(row, commune_row);
  }
  if (level == Level::region) {
    // The region's envelope is the SRADDET's, whatever its territories' targets add up to.
    for (auto& [_, row] : rows) {
      row.unallocated_ha = book.unallocated_ha;
      row.envelope_ha += book.unallocated_ha;
    }
  }
  if (s != nullptr) {
    for (const auto& [territory, hectares] : s->reserves) {
      if (territory.level != level) continue;
      LedgerRow& row = rows[territory.code];
      row.code = territory.code;
      row.reserve_ha += hectares;
      row.envelope_ha += hectares;
    }
    for (const auto& t : s->transfers) {
      if (t.from.level == level) rows[t.from.code].transfers_out_ha += t.hectares;
    }
  }
  std::vector<LedgerRow> result;
  for (auto& [code, row] : rows) {
    row.level = level;
    row.name = h.name_of({level, code});
    const Target target = target_of(h, regime, level, code);
    row.reduction_pct = target.reduction_pct;
    row.target_source = target.source;
    row.target_inherited = target.inherited;
    finish(row);
    result.push_back(std::move(row));
  }
  return result;
}

}  // namespace

Ledger build_ledger(const Hierarchy& h, const EnvelopeBook& book, const LegalRegime& regime,
                    const Scenario* s) {
  Ledger ledger;
  ledger.regime_id = regime.id;
  ledger.regime_is_proposal = regime.is_proposal();
  ledger.consumption_is_synthetic = book.consumption_is_synthetic;
  ledger.pene_forfait_ha = regime.pene_national_forfait_ha;
  ledger.communes_without_scot = h.communes_without_scot;
  for (const auto& [_, e] : book.communes)
    ledger.consumed_through_year = std::max(ledger.consumed_through_year, e.consumed_through_year);
  if (s != nullptr) ledger.scenario = s->name;
  ledger.charge_level = s != nullptr && s->charge_level ? *s->charge_level : regime.charge_level;
  ledger.membership = h.communes;
  ledger.groups = book.groups;
  ledger.eligibility_counts = book.eligibility_counts;
  ledger.scot_keys_published = book.scot_keys_published;
  ledger.scot_keys_joined = book.scot_keys_joined;
  ledger.unjoined_targets = book.unjoined_targets;
  ledger.region_envelope_ha = book.region_envelope_ha;
  ledger.unallocated_ha = book.unallocated_ha;

  auto communes = commune_rows(h, book);
  if (s != nullptr) charge_scenario(*s, regime, communes, ledger);
  for (auto& [_, row] : communes) finish(row);
  for (Level level : parent_levels) ledger.rows[level] = parent_rows(h, regime, book, level, communes, s);
  auto& commune_level = ledger.rows[Level::commune];
  for (auto& [_, row] : communes) commune_level.push_back(std::move(row));
  return ledger;
}

}  // namespace zanplan
