#include "zanplan/site_impact.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "sites/ledger_inputs.hpp"

namespace zanplan {

namespace {

constexpr Level all_levels[] = {Level::commune, Level::epci, Level::scot, Level::departement, Level::region};

// The site as the scenario's projects: one per commune part (the ledger charges communes).
std::vector<Project> site_projects(const AssessedSite& site, bool pene) {
  std::vector<Project> projects;
  std::vector<SiteCommune> parts = site.facts.communes;
  if (parts.empty()) parts.push_back({site.facts.commune, site.facts.area_ha, site.facts.enaf_ha});
  for (const auto& part : parts) {
    Project p;
    p.id = "site " + site.facts.id + " / " + part.commune;
    p.commune = part.commune;
    p.site = site.facts.id;
    p.enaf_ha = std::max(part.enaf_ha, 0.0);
    p.pene = pene;
    p.pene_assumed = pene;
    p.industrial = true;  // every site is industrial land take, as the assessment charges it
    projects.push_back(std::move(p));
  }
  return projects;
}

bool is_charged_level(Level level, ChargeLevel charge_level) {
  switch (charge_level) {
    case ChargeLevel::commune: return level == Level::commune;
    case ChargeLevel::epci: return level == Level::epci;
    case ChargeLevel::scot: return level == Level::scot;
  }
  return false;
}

}  // namespace

std::vector<LevelImpact> site_ledger_impact(const Hierarchy& hierarchy, const EnvelopeBook& book, const LegalRegime& regime,
                                            const Scenario* scenario, const AssessedSite& site, bool pene) {
  Scenario with_site = scenario != nullptr ? *scenario : Scenario{};
  const auto projects = site_projects(site, pene);
  with_site.projects.insert(with_site.projects.end(), projects.begin(), projects.end());
  const Ledger before = build_ledger(hierarchy, book, regime, scenario);
  const Ledger after = build_ledger(hierarchy, book, regime, &with_site);

  // Which territory of each level each part lies in, and the part's hectares there.
  std::map<Level, std::map<std::string, double>> territories;
  for (const auto& p : projects) {
    if (hierarchy.communes.find(p.commune) == hierarchy.communes.end()) continue;  // unknown: no envelope to show
    for (Level level : all_levels) {
      const std::string code = level == Level::region ? hierarchy.region_code : hierarchy.territory_of(p.commune, level);
      if (!code.empty()) territories[level][code] += p.enaf_ha;
    }
  }
  std::vector<LevelImpact> out;
  for (const auto& [level, codes] : territories) {
    for (const auto& [code, hectares] : codes) {
      const LedgerRow* b = before.find(level, code);
      const LedgerRow* a = after.find(level, code);
      if (b == nullptr || a == nullptr) continue;
      out.push_back({.level = level,
                     .code = code,
                     .name = b->name,
                     .envelope_ha = b->envelope_ha,
                     .site_enaf_ha = hectares,
                     .remaining_before_ha = b->remaining_ha,
                     .remaining_after_ha = a->remaining_ha,
                     .status_before = b->status,
                     .status_after = a->status,
                     .charged = is_charged_level(level, before.charge_level)});
    }
  }
  return out;
}

SiteLedgerImpact site_ledger_impact(const AssessmentOptions& options, const AssessedSite& site) {
  const sites::LedgerInputs in = sites::read_ledger_inputs(options.workspace, options.regime, options.scenario);
  const Scenario* s = in.scenario_or_null();
  return {build_ledger(in.hierarchy, in.book, options.regime, s), site_ledger_impact(in.hierarchy, in.book, options.regime, s, site, options.pene)};
}

}  // namespace zanplan
