#include "zanplan/assessment.hpp"

#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <unordered_map>

#include "zanplan/charge.hpp"
#include "zanplan/envelope.hpp"
#include "zanplan/ledger.hpp"
#include "zanplan/error.hpp"
#include "zanplan/site_assembly.hpp"
#include "zanplan/workspace.hpp"
#include "sites/ledger_inputs.hpp"

namespace zanplan {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// The site charged to the ledger at the ledger's charge level (the scenario's, else the
// regime's), so a scenario's projects, transfers and reserves count. A site spanning several
// communes passes one part per commune: each is charged to its own commune's territory.
ZanCharge charge_for(const SiteFacts& site, const Ledger& ledger, const LegalRegime& regime, bool pene) {
  std::vector<CommunePart> parts;
  for (const SiteCommune& c : site.communes) parts.push_back({c.commune, std::max(c.enaf_ha, 0.0)});
  if (parts.empty()) parts.push_back({site.commune, std::max(site.enaf_ha, 0.0)});
  // Every site is taken as industrial land take; a --pene site is an assumption, flagged.
  ZanCharge charge;
  charge.detail = charge_project(ledger, regime, parts, ledger.charge_level,
                                 pene ? PeneStatus::assumed : PeneStatus::not_pene, true);
  const ProjectCharge& d = charge.detail;
  charge.local = d.route == ChargeRoute::local_envelopes;
  charge.share = d.binding_share;
  if (d.route == ChargeRoute::pene_forfait) {
    return {.charged_to = "PENE national forfait (" + pene_status_name(d.pene) + ")", .target_source = "",
            .envelope_ha = nan, .remaining_ha = nan, .share = 0, .local = false, .detail = d};
  }
  if (d.route == ChargeRoute::industry_exempt) {
    return {.charged_to = "none (" + regime.id + ": industry exempt, " + regime.status + ")", .target_source = "",
            .envelope_ha = nan, .remaining_ha = nan, .share = 0, .local = false, .detail = d};
  }
  if (d.territories.empty()) {
    // A parcel of a commune the workspace does not know: nothing is known of its envelope.
    charge.charged_to = "commune " + site.commune + " (unknown to the workspace)";
    charge.envelope_ha = nan;
    charge.remaining_ha = nan;
    charge.share = site.enaf_ha > 0 ? nan : 0;
    return charge;
  }
  const TerritoryCharge& binding = d.territories[d.binding];
  charge.charged_to = level_name(binding.level) + " " + binding.code;
  charge.target_source = binding.target_source;
  charge.envelope_ha = binding.envelope_ha;
  charge.remaining_ha = binding.remaining_before_ha;
  return charge;
}

// Over the envelope when any territory charged takes more than it has left (a site across
// several territories charges each its own part).
scoring::ExclusionReason over_envelope(const ZanCharge& zan) {
  if (!zan.local) return std::nullopt;
  for (const TerritoryCharge& t : zan.detail.territories) {
    if (t.charged_ha <= 0 || std::isnan(t.remaining_before_ha) || t.charged_ha <= t.remaining_before_ha) continue;
    return scoring::Exclusion{scoring::ExclusionCode::over_envelope,
                              fmt::format("{} {}: {:.1f} ha of ENAF, {:.1f} ha left", level_name(t.level), t.code,
                                          t.charged_ha, std::max(0.0, t.remaining_before_ha))};
  }
  return std::nullopt;
}

// Single parcels offered as candidates (no assembled sites): artificialised parcels are
// taken as built up (housing, roads, active plants): only greenfield (ENAF) land and
// brownfields are offered. A parcel of unknown land class has no known ZAN cost, so it is
// not ranked either. Assembled sites are made of eligible parcels only (docs/sites.md).
scoring::ExclusionReason unavailable_land(const SiteFacts& site) {
  // A planner's own site is offered by the planner, whatever land it covers.
  if (site.land_class == "assembled" || site.land_class == "user" || site.land_class == "enaf" || site.land_class == "brownfield") return std::nullopt;
  if (site.land_class == "artificialised") return scoring::Exclusion{scoring::ExclusionCode::built_up_land, {}};
  return scoring::Exclusion{scoring::ExclusionCode::unknown_land_class, {}};
}

scoring::CandidateInput candidate_of(const AssessedSite& site) {
  scoring::CandidateInput input;
  input.id = site.facts.id;
  input.area_ha = site.facts.area_ha;
  using scoring::Criterion;
  using scoring::index_of;
  input.values[index_of(Criterion::power_distance_km)] = site.facts.substation.distance_km;
  input.values[index_of(Criterion::motorway_distance_km)] = site.facts.motorway.distance_km;
  input.values[index_of(Criterion::rail_distance_km)] = site.facts.rail.distance_km;
  input.values[index_of(Criterion::port_distance_km)] = site.facts.port.distance_km;
  input.values[index_of(Criterion::enaf_ha)] = site.facts.enaf_ha;
  input.values[index_of(Criterion::envelope_share)] = site.zan.share;
  input.user_values = site.facts.layer_measures;
  input.power_voltage_kv = site.facts.substation.voltage_kv;
  if (!site.facts.inside_exclusion.empty()) {
    input.exclusion = site.facts.exclusion_within_m > 0
                          ? scoring::Exclusion{scoring::ExclusionCode::near_layer,
                                               fmt::format("{}, within {:g} m", site.facts.inside_exclusion, site.facts.exclusion_within_m)}
                          : scoring::Exclusion{scoring::ExclusionCode::inside_layer, site.facts.inside_exclusion};
  }
  if (!input.exclusion) input.exclusion = unavailable_land(site.facts);
  if (!input.exclusion) input.exclusion = over_envelope(site.zan);
  return input;
}

}  // namespace

SiteQuery site_query_for(const scoring::Profile& profile) {
  // A profile whose name cannot name tables has no assembled sites: its candidates are parcels.
  const SiteTables tables = names_tables(profile.name) ? site_tables(profile) : SiteTables{};
  std::optional<UserSiteSource> user_sites;
  if (!profile.candidates.user_layer.empty()) {
    const std::string file = profile.path.string();
    user_sites = UserSiteSource{
        .layer = profile.candidates.user_layer,
        .id_field = profile.candidates.id_field,
        .layer_key = {.file = file, .line = profile.candidates.source_line, .key = "candidates.source"},
        .id_field_key = {.file = file, .line = profile.candidates.id_field_line, .key = "candidates.id_field"}};
  }
  std::vector<ExclusionZone> exclusions;
  for (const auto& e : profile.constraints.exclusion_layers) exclusions.push_back({e.layer, e.within_m});
  std::vector<LayerMeasureQuery> measures;
  for (const auto& u : profile.user_criteria) measures.push_back(u.query);
  return SiteQuery{.min_voltage_kv = profile.min_voltage_kv,
                   .exclusion_layers = exclusions,
                   .layer_measures = measures,
                   .min_area_ha = profile.min_ha,
                   .max_area_ha = profile.max_ha,
                   .only_id = std::nullopt,
                   .sites_table = tables.sites,
                   .communes_table = tables.communes,
                   .user_sites = user_sites,
                   .progress = {}};
}

std::string site_query_key(const scoring::Profile& profile) {
  std::string exclusions;
  for (const auto& e : profile.constraints.exclusion_layers) exclusions += fmt::format("{}@{:.17g},", e.layer, e.within_m);
  std::string measures;
  for (const auto& u : profile.user_criteria) {
    measures += fmt::format("{}:{}:{}:{},", u.query.layer, layer_measure_name(u.query.measure), u.query.field,
                            u.query.missing ? fmt::format("{:.17g}", *u.query.missing) : "-");
  }
  return fmt::format("{}kV {:.17g}-{:.17g}ha exclude:{} measure:{} sites:{} user:{}:{}", profile.min_voltage_kv, profile.min_ha,
                     profile.max_ha, exclusions, measures, site_query_for(profile).sites_table,
                     profile.candidates.user_layer, profile.candidates.id_field);
}

Assessment assess_sites(const AssessmentOptions& options) {
  const scoring::Profile& profile = options.profile;
  if (options.pene && !profile.pene_eligible) {
    throw_usage("profile '" + profile.name + "' is not eligible to PENE; drop --pene or use a PENE-eligible profile",
                {.file = profile.path.string(), .key = "pene_eligible"});
  }
  check_profile_layers(profile, options.workspace);
  auto progress = options.progress ? options.progress : [](std::string_view, double) {};
  const WorkspaceSummary summary = summarize_workspace(options.workspace);

  Assessment out;
  out.pene = options.pene;
  out.profile_hash = scoring::profile_hash(profile);
  out.created_at = summary.meta.count("created_at") != 0 ? summary.meta.at("created_at") : "";
  for (const auto& layer : summary.layers) {
    if (layer.provenance == "synthetic") out.synthetic_layers.push_back(layer.name);
  }

  const sites::LedgerInputs ledger_inputs = sites::read_ledger_inputs(options.workspace, options.regime, options.scenario);
  out.scenario = options.scenario;
  const Ledger ledger = build_ledger(ledger_inputs.hierarchy, ledger_inputs.book, options.regime, ledger_inputs.scenario_or_null());
  SiteQuery query = site_query_for(profile);
  query.progress = progress;
  MeasuredSites gathered = options.measured_facts ? *options.measured_facts : gather_site_facts(options.workspace, query);
  out.candidates_total = gathered.candidates_total;
  out.outside_area_range = gathered.outside_area_range;
  out.candidates_source = gathered.source;

  std::vector<AssessedSite> measured;
  for (auto& f : gathered.sites) {
    AssessedSite site;
    site.zan = charge_for(f, ledger, options.regime, options.pene);
    if (auto it = ledger_inputs.book.communes.find(f.commune); it != ledger_inputs.book.communes.end()) site.commune_name = it->second.name;
    site.facts = std::move(f);
    measured.push_back(std::move(site));
  }
  if (out.outside_area_range > 0) {
    out.exclusions[scoring::ExclusionCode::outside_area_range] = out.outside_area_range;
  }

  progress("ranking", 0.0);
  std::vector<scoring::CandidateInput> inputs;
  inputs.reserve(measured.size());
  for (const auto& site : measured) inputs.push_back(candidate_of(site));
  scoring::Ranking ranking = scoring::rank_candidates(profile, inputs, options.ranking);
  out.ranked = ranking.ranked_count;
  out.top_k = ranking.top_k;

  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < measured.size(); ++i) by_id.emplace(measured[i].facts.id, i);
  out.sites.reserve(measured.size());
  for (auto& ranked : ranking.candidates) {
    AssessedSite& site = measured[by_id.at(ranked.id)];
    if (ranked.exclusion) ++out.exclusions[ranked.exclusion->code];
    site.ranking = std::move(ranked);
    out.sites.push_back(std::move(site));
  }
  progress("ranking", 1.0);
  return out;
}

}  // namespace zanplan
