// A project's ENAF hectares charged to the territories of the chosen level.
#include "zanplan/charge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "zanplan/error.hpp"

namespace zanplan {

std::string pene_status_name(PeneStatus status) {
  switch (status) {
    case PeneStatus::not_pene:
      return "not PENE";
    case PeneStatus::listed:
      return "PENE (listed in annex I)";
    case PeneStatus::assumed:
      return "ASSUMED PENE (not checked against annex I)";
  }
  return "?";
}

std::string charge_route_name(ChargeRoute route) {
  switch (route) {
    case ChargeRoute::local_envelopes:
      return "local envelopes";
    case ChargeRoute::pene_forfait:
      return "PENE national forfait";
    case ChargeRoute::industry_exempt:
      return "not charged (industry exempt)";
  }
  return "?";
}

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// The territory a commune's part is charged to at `level`, falling back to the next level
// down where the commune has none (a commune in no SCoT is charged to its EPCI's PLUi).
std::pair<TerritoryRef, LevelFallback> territory_for(const Hierarchy::Commune& commune, ChargeLevel level) {
  if (level == ChargeLevel::scot) {
    if (!commune.scot.empty()) return {{Level::scot, commune.scot}, LevelFallback::none};
    if (!commune.epci.empty()) return {{Level::epci, commune.epci}, LevelFallback::no_scot_charged_to_epci};
    return {{Level::commune, commune.code}, LevelFallback::no_epci_charged_to_commune};
  }
  if (level == ChargeLevel::epci) {
    if (!commune.epci.empty()) return {{Level::epci, commune.epci}, LevelFallback::none};
    return {{Level::commune, commune.code}, LevelFallback::no_epci_charged_to_commune};
  }
  return {{Level::commune, commune.code}, LevelFallback::none};
}

double share_of(double charged, double remaining) {
  if (charged <= 0) return 0.0;
  if (remaining <= 0) return infinity;
  return charged / remaining;
}

}  // namespace

ProjectCharge charge_project(const Ledger& ledger, const LegalRegime& regime, std::span<const CommunePart> parts,
                             ChargeLevel level, PeneStatus pene, bool industrial) {
  ProjectCharge charge;
  charge.level = level;
  charge.pene = pene;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!std::isfinite(parts[i].enaf_ha) || parts[i].enaf_ha < 0) {
      throw_usage(fmt::format("part {} (commune {}) has {} ENAF hectares; a part needs a non-negative number", i + 1,
                              parts[i].commune, parts[i].enaf_ha),
                  {.key = "enaf_ha"});
    }
    charge.enaf_ha += parts[i].enaf_ha;
  }
  if (pene != PeneStatus::not_pene) {
    charge.route = ChargeRoute::pene_forfait;
    return charge;
  }
  if (industrial && regime.industry_exempt_from_local_envelopes) {
    charge.route = ChargeRoute::industry_exempt;
    return charge;
  }

  std::map<TerritoryRef, TerritoryCharge> charged;
  for (const auto& part : parts) {
    auto commune = ledger.membership.find(part.commune);
    if (commune == ledger.membership.end() || ledger.find(Level::commune, part.commune) == nullptr) {
      charge.unknown_communes.push_back(part.commune);
      continue;
    }
    const auto [territory, fallback] = territory_for(commune->second, level);
    TerritoryCharge& t = charged[territory];
    t.level = territory.level;
    t.code = territory.code;
    t.fallback = fallback;
    t.charged_ha += part.enaf_ha;
  }
  for (auto& [territory, t] : charged) {
    const LedgerRow* row = ledger.find(territory.level, territory.code);
    if (row == nullptr) {
      throw Error(ErrorKind::internal, fmt::format("the ledger has no {} row {}", level_name(territory.level), territory.code));
    }
    t.name = row->name;
    t.target_source = row->target_source;
    t.envelope_ha = row->envelope_ha;
    t.remaining_before_ha = row->remaining_ha;
    t.remaining_after_ha = row->remaining_ha - t.charged_ha;
    t.share = share_of(t.charged_ha, row->remaining_ha);
    charge.territories.push_back(std::move(t));
  }
  for (std::size_t i = 0; i < charge.territories.size(); ++i) {
    if (charge.territories[i].share > charge.binding_share) {
      charge.binding_share = charge.territories[i].share;
      charge.binding = i;
    }
  }
  if (!charge.unknown_communes.empty() && charge.enaf_ha > 0) charge.binding_share = nan;
  return charge;
}

}  // namespace zanplan
