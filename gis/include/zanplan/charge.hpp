// Charging a project to the ledger: which territories' envelopes take its ENAF hectares, at
// the level the regime (or the scenario) chooses, and what each of them has left. A project
// may span several communes (a site assembled from parcels of several communes): each part
// is charged to its own commune's territory at that level.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "zanplan/ledger.hpp"
#include "zanplan/regime.hpp"

namespace zanplan {

// Whether a project is a PENE. Only a project of the arrêté's annex I is `listed`; `assumed`
// is an explicit override the user asked for and every output flags.
enum class PeneStatus { not_pene, listed, assumed };
std::string pene_status_name(PeneStatus status);

struct CommunePart {
  std::string commune;  // current INSEE code
  double enaf_ha = 0;   // ENAF hectares of the project in that commune
};

// How a project's hectares were charged.
enum class ChargeRoute {
  local_envelopes,  // to the territories of `territories`
  pene_forfait,     // to the national PENE forfait, not to local envelopes
  industry_exempt,  // not charged: the regime exempts industrial land take
};
std::string charge_route_name(ChargeRoute route);

// Why a territory of another level than the one asked for was charged.
enum class LevelFallback {
  none,
  no_scot_charged_to_epci,  // the commune is in no SCoT: its EPCI (PLUi) is charged
  no_epci_charged_to_commune,
};

struct TerritoryCharge {
  Level level = Level::commune;
  std::string code, name;
  std::string target_source;  // the published target behind the envelope
  LevelFallback fallback = LevelFallback::none;
  double charged_ha = 0;
  double envelope_ha = 0;
  double remaining_before_ha = 0;  // after the scenario's projects and transfers
  double remaining_after_ha = 0;
  // charged / remaining before; +inf when nothing remains and something is charged.
  double share = 0;
};

struct ProjectCharge {
  ChargeLevel level = ChargeLevel::scot;  // the level asked for
  ChargeRoute route = ChargeRoute::local_envelopes;
  PeneStatus pene = PeneStatus::not_pene;
  double enaf_ha = 0;  // Σ parts
  std::vector<TerritoryCharge> territories;  // by level then code
  std::vector<std::string> unknown_communes;  // parts whose commune the ledger does not have
  // The largest share among the territories charged (0 when nothing is charged locally;
  // NaN when a part's commune is unknown, since its envelope is unknown).
  double binding_share = 0;
  std::size_t binding = 0;  // index in territories of the binding one, when there is one
};

// Charges the parts at `level`, or routes them to the PENE forfait or the industry exemption
// as the PENE status and the regime say. Parts of the same territory are summed. Throws a
// usage error naming the part for a negative or non-finite hectare figure.
ProjectCharge charge_project(const Ledger& ledger, const LegalRegime& regime, std::span<const CommunePart> parts,
                             ChargeLevel level, PeneStatus pene, bool industrial = false);

}  // namespace zanplan
