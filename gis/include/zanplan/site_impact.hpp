// What building one assessed site does to the ZAN ledger at every level, commune to region:
// the ledger as it stands (regime and scenario) beside the same ledger with the site's ENAF
// hectares added to the scenario as projects, one per commune it spans. Both come from
// build_ledger, so the figures are the ledger's own.
#pragma once

#include <string>
#include <vector>

#include "zanplan/assessment.hpp"
#include "zanplan/envelope.hpp"
#include "zanplan/ledger.hpp"

namespace zanplan {

struct LevelImpact {
  Level level = Level::commune;
  std::string code, name;
  double envelope_ha = 0;
  double site_enaf_ha = 0;  // the site's ENAF hectares inside this territory
  double remaining_before_ha = 0;
  double remaining_after_ha = 0;
  BudgetStatus status_before = BudgetStatus::within;
  BudgetStatus status_after = BudgetStatus::within;
  bool charged = false;  // at the ledger's charge level: this envelope pays
};

// Every territory of every level holding a part of the site, by level then code. `scenario`
// may be null (the envelopes as they stand). A PENE site (`pene`) or an industry-exempt
// regime leaves the local figures unchanged, as the ledger says.
std::vector<LevelImpact> site_ledger_impact(const Hierarchy& hierarchy, const EnvelopeBook& book, const LegalRegime& regime,
                                            const Scenario* scenario, const AssessedSite& site, bool pene);

// The same, with the hierarchy, envelopes and scenario read from the workspace of `options`
// as assess_sites reads them; `before` is the ledger the site's assessment was charged to.
struct SiteLedgerImpact {
  Ledger before;
  std::vector<LevelImpact> levels;
};
SiteLedgerImpact site_ledger_impact(const AssessmentOptions& options, const AssessedSite& site);

}  // namespace zanplan
