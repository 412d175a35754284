#include "zanplan/assessment.hpp"

#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <unordered_map>

#include "zanplan/envelope.hpp"
#include "zanplan/ledger.hpp"
#include "zanplan/error.hpp"
#include "zanplan/site_assembly.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Each commune's envelope and what remains of it, from the ledger (so a scenario's projects,
// transfers and reserves count). A site charges every commune it spans its own ENAF part;
// the binding share, which scores the site, is the largest part's share.
ZanCharge charge_for(const SiteFacts& site, const Ledger& ledger, const LegalRegime& regime, bool pene) {
  if (pene) {
    return {.charged_to = "PENE national forfait", .target_source = "", .envelope_ha = nan,
            .remaining_ha = nan, .share = 0, .local = false, .parts = {}};
  }
  if (regime.industry_exempt_from_local_envelopes) {
    return {.charged_to = "none (" + regime.id + ": industry exempt, " + regime.status + ")", .target_source = "",
            .envelope_ha = nan, .remaining_ha = nan, .share = 0, .local = false, .parts = {}};
  }
  ZanCharge charge;
  std::vector<SiteCommune> communes = site.communes;
  if (communes.empty()) communes.push_back({site.commune, site.area_ha, site.enaf_ha});
  std::string names;
  double binding = -1;
  for (const SiteCommune& c : communes) {
    ZanPart part{.commune = c.commune, .enaf_ha = c.enaf_ha, .envelope_ha = nan, .remaining_ha = nan, .share = 0};
    const LedgerRow* row = ledger.find(Level::commune, c.commune);
    // A commune the workspace does not know: nothing is known of its envelope.
    if (row == nullptr) {
      part.share = c.enaf_ha > 0 ? nan : 0;
    } else {
      part.envelope_ha = row->envelope_ha;
      part.remaining_ha = row->remaining_ha;
      if (c.enaf_ha <= 0) part.share = 0;
      else if (row->remaining_ha <= 0) part.share = infinity;
      else part.share = c.enaf_ha / row->remaining_ha;
    }
    if (communes.size() > 1) {
      names += fmt::format("{}{} ({:.1f} ha)", names.empty() ? "" : ", ", c.commune, c.enaf_ha);
    }
    // The first (largest) part, then any part whose share is larger or unknown, binds.
    if (std::isnan(part.share) || part.share > binding || binding < 0) {
      binding = std::isnan(part.share) ? infinity : part.share;
      charge.share = part.share;
      charge.envelope_ha = part.envelope_ha;
      charge.remaining_ha = part.remaining_ha;
      if (row != nullptr) charge.target_source = row->target_source;
    }
    charge.parts.push_back(std::move(part));
  }
  charge.charged_to = communes.size() == 1 ? "commune " + communes.front().commune : "communes " + names;
  return charge;
}

std::string over_envelope(const ZanCharge& zan) {
  if (!zan.local) return {};
  for (const ZanPart& part : zan.parts) {
    if (part.enaf_ha <= 0 || std::isnan(part.remaining_ha) || part.enaf_ha <= part.remaining_ha) continue;
    return fmt::format("over the remaining ZAN envelope (commune {}: {:.1f} ha of ENAF, {:.1f} ha left)", part.commune,
                       part.enaf_ha, std::max(0.0, part.remaining_ha));
  }
  return {};
}

// Single parcels offered as candidates (no assembled sites): artificialised parcels are
// taken as built up (housing, roads, active plants): only greenfield (ENAF) land and
// brownfields are offered. A parcel of unknown land class has no known ZAN cost, so it is
// not ranked either. Assembled sites are made of eligible parcels only (docs/sites.md).
std::string unavailable_land(const SiteFacts& site) {
  if (site.land_class == "assembled" || site.land_class == "enaf" || site.land_class == "brownfield") return {};
  if (site.land_class == "artificialised") return "built-up land (artificialised, not a brownfield)";
  return "land class unknown (no land cover for this parcel)";
}

// The kind of an exclusion, for counts: its text before the first figure or parenthesis.
std::string exclusion_kind(const std::string& reason) {
  const auto cut = reason.find_first_of("0123456789(");
  std::string kind = reason.substr(0, cut);
  while (!kind.empty() && kind.back() == ' ') kind.pop_back();
  return kind;
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
  input.power_voltage_kv = site.facts.substation.voltage_kv;
  if (!site.facts.inside_exclusion.empty()) input.exclusion = "inside layer " + site.facts.inside_exclusion;
  if (input.exclusion.empty()) input.exclusion = unavailable_land(site.facts);
  if (input.exclusion.empty()) input.exclusion = over_envelope(site.zan);
  return input;
}

}  // namespace

SiteQuery site_query_for(const scoring::Profile& profile) {
  // A profile whose name cannot name tables has no assembled sites: its candidates are parcels.
  const SiteTables tables = names_tables(profile.name) ? site_tables(profile) : SiteTables{};
  return SiteQuery{.min_voltage_kv = profile.min_voltage_kv,
                   .exclusion_layers = profile.constraints.exclusion_layers,
                   .min_area_ha = profile.min_ha,
                   .max_area_ha = profile.max_ha,
                   .only_id = std::nullopt,
                   .sites_table = tables.sites,
                   .communes_table = tables.communes,
                   .progress = {}};
}

std::string site_query_key(const scoring::Profile& profile) {
  return fmt::format("{}kV {:.17g}-{:.17g}ha exclude:{} sites:{}", profile.min_voltage_kv, profile.min_ha, profile.max_ha,
                     fmt::join(profile.constraints.exclusion_layers, ","), site_query_for(profile).sites_table);
}

Assessment assess_sites(const AssessmentOptions& options) {
  const scoring::Profile& profile = options.profile;
  if (options.pene && !profile.pene_eligible) {
    throw_usage("profile '" + profile.name + "' is not eligible to PENE; drop --pene or use a PENE-eligible profile",
                {.file = profile.path.string(), .key = "pene_eligible"});
  }
  auto progress = options.progress ? options.progress : [](std::string_view, double) {};
  const WorkspaceSummary summary = summarize_workspace(options.workspace);

  Assessment out;
  out.pene = options.pene;
  out.profile_hash = scoring::profile_hash(profile);
  out.created_at = summary.meta.count("created_at") != 0 ? summary.meta.at("created_at") : "";
  for (const auto& layer : summary.layers) {
    if (layer.provenance == "synthetic") out.synthetic_layers.push_back(layer.name);
  }

  const EnvelopeBook book = commune_envelopes(options.workspace, options.regime);
  std::optional<Scenario> scenario;
  std::optional<Hierarchy> hierarchy;
  if (!options.scenario.empty()) {
    // The scenario's own regime id is not used: the caller's regime decides the rules.
    ScenarioStore store(options.workspace, [&](const std::string&) { return options.regime; });
    scenario = store.load(options.scenario);
    hierarchy = store.hierarchy();
    out.scenario = options.scenario;
  } else {
    hierarchy = read_hierarchy(options.workspace);
  }
  const Ledger ledger = build_ledger(*hierarchy, book, options.regime, scenario ? &*scenario : nullptr);
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
    if (auto it = book.communes.find(f.commune); it != book.communes.end()) site.commune_name = it->second.name;
    site.facts = std::move(f);
    measured.push_back(std::move(site));
  }
  if (out.outside_area_range > 0) {
    out.exclusions[fmt::format("area outside {:g}–{:g} ha", profile.min_ha, profile.max_ha)] = out.outside_area_range;
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
    if (!ranked.exclusion.empty()) ++out.exclusions[exclusion_kind(ranked.exclusion)];
    site.ranking = std::move(ranked);
    out.sites.push_back(std::move(site));
  }
  progress("ranking", 1.0);
  return out;
}

}  // namespace zanplan
