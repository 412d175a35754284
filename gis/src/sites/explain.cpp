#include "zanplan/explain.hpp"

#include <cmath>

#include <fmt/format.h>

namespace zanplan {

namespace {

std::string number(double v, const char* unit) {
  if (std::isnan(v)) return "unknown";
  if (std::isinf(v)) return "none found";
  return fmt::format("{:.2f} {}", v, unit);
}

std::string describe(const scoring::ValueFunction& f) {
  switch (f.shape) {
    case scoring::ValueShape::linear:
      return fmt::format("linear: 1 at {:g}, 0 at {:g}", f.ideal, f.unacceptable);
    case scoring::ValueShape::exponential:
      return fmt::format("exponential: 1 up to {:g}, halves every {:g}", f.ideal, f.half_value);
    case scoring::ValueShape::step: {
      std::string s = "step:";
      for (std::size_t i = 0; i < f.thresholds.size(); ++i) s += fmt::format(" {:g} up to {:g},", f.scores[i], f.thresholds[i]);
      return s + fmt::format(" then {:g}", f.scores.back());
    }
  }
  return "?";
}

double raw_value(const AssessedSite& s, scoring::Criterion c) {
  using scoring::Criterion;
  switch (c) {
    case Criterion::power_distance_km: return s.facts.substation.distance_km;
    case Criterion::motorway_distance_km: return s.facts.motorway.distance_km;
    case Criterion::rail_distance_km: return s.facts.rail.distance_km;
    case Criterion::port_distance_km: return s.facts.port.distance_km;
    case Criterion::enaf_ha: return s.facts.enaf_ha;
    case Criterion::envelope_share: return s.zan.share;
  }
  return NAN;
}

std::string share_text(double share) {
  if (std::isnan(share)) return "unknown";
  if (std::isinf(share)) return "more than all";
  return fmt::format("{:.1f} %", share * 100);
}

std::string fallback_text(LevelFallback fallback) {
  switch (fallback) {
    case LevelFallback::none:
      return "";
    case LevelFallback::no_scot_charged_to_epci:
      return " (in no SCoT: charged to its EPCI)";
    case LevelFallback::no_epci_charged_to_commune:
      return " (in no EPCI: charged to the commune)";
  }
  return "";
}

// Where the site's hectares go, at which level and under which rule, and what share of each
// envelope charged it would use.
void append_zan(std::string& out, const AssessedSite& s) {
  const ProjectCharge& d = s.zan.detail;
  out += "ZAN\n";
  out += fmt::format("  charged to: {}\n", s.zan.charged_to);
  if (!s.zan.local) return;
  out += fmt::format("  charge level: {} (the scenario's, else the regime's)\n", charge_level_name(d.level));
  for (const auto& t : d.territories) {
    out += fmt::format("  {} {} {}{}: envelope 2021–2030 {} (target {}), remaining {}; this site {} → {} of what "
                       "remains\n",
                       level_name(t.level), t.code, t.name, fallback_text(t.fallback), number(t.envelope_ha, "ha"),
                       t.target_source, number(t.remaining_before_ha, "ha"), number(t.charged_ha, "ha"),
                       share_text(t.share));
  }
  for (const auto& commune : d.unknown_communes) out += fmt::format("  commune {} is unknown to the workspace\n", commune);
  out += fmt::format("  binding share: {}\n", share_text(s.zan.share));
}

void append_facts(std::string& out, const AssessedSite& s) {
  const auto& f = s.facts;
  if (f.land_class == "assembled" || f.land_class == "user") {
    out += fmt::format("Site {} in {} {}{}\n", f.id, s.commune_name, f.commune, f.synthetic ? " (SYNTHETIC parcels)" : "");
    if (f.land_class == "user") {
      out += fmt::format("  the planner's own site, {:.2f} ha over {} parcels: ENAF {:.2f} ha, brownfield {:.2f} ha\n", f.area_ha,
                         f.parcel_count, f.enaf_ha, f.brownfield_ha);
    } else {
      out += fmt::format("  {} parcels, {:.2f} ha: ENAF {:.2f} ha, brownfield {:.2f} ha, economic land {:.2f} ha\n",
                         f.parcel_count, f.area_ha, f.enaf_ha, f.brownfield_ha, f.economic_ha);
    }
    out += fmt::format("  compactness (Polsby–Popper) {:.2f}\n", f.compactness);
    for (const auto& c : f.communes) {
      out += fmt::format("  commune {}: {:.2f} ha ({:.1f} % of the site), ENAF {:.2f} ha\n", c.commune, c.area_ha,
                         f.area_ha > 0 ? 100.0 * c.area_ha / f.area_ha : 0.0, c.enaf_ha);
    }
  } else {
    out += fmt::format("Site {} in {} {}{}\n", f.id, s.commune_name, f.commune, f.synthetic ? " (SYNTHETIC parcel)" : "");
    out += fmt::format("  area {:.2f} ha, land class {}, ENAF {:.2f} ha\n", f.area_ha, f.land_class, f.enaf_ha);
  }
  out += fmt::format("  centroid (Lambert-93) {:.0f}, {:.0f}\n\n", f.centroid_x, f.centroid_y);
  out += "Power\n";
  if (std::isinf(f.substation.distance_km)) {
    out += "  no connectable substation at or above the profile's voltage\n";
  } else {
    out += fmt::format("  nearest connectable substation: {} ({}), {} kV, {}\n", f.substation.name,
                             f.substation.code, f.substation.voltage_kv, number(f.substation.distance_km, "km"));
  }
  if (std::isfinite(s.ranking.connection_cost_eur)) {
    out += fmt::format("  estimated connection cost: {:.1f} M€ (profile's €/km and bay assumptions)\n",
                             s.ranking.connection_cost_eur / 1e6);
  }
  out += "Logistics (straight-line distance from the site's edge)\n";
  out += fmt::format("  motorway access {} ({})\n", number(f.motorway.distance_km, "km"), f.motorway.code);
  out += fmt::format("  freight rail point {} ({})\n", number(f.rail.distance_km, "km"), f.rail.name);
  out += fmt::format("  port {} ({})\n", number(f.port.distance_km, "km"), f.port.name);
  append_zan(out, s);
}

void append_scores(std::string& out, const AssessedSite& s, const scoring::Profile& profile, const Assessment& a) {
  out += fmt::format("\nScoring ({}, hash {})\n", profile.name, a.profile_hash);
  for (const auto& spec : profile.criteria) {
    const double raw = raw_value(s, spec.id);
    const double sub = s.ranking.criterion_scores[scoring::index_of(spec.id)];
    out += fmt::format("  {:<22} raw {:>12}  → {:.3f}   ({})\n", scoring::criterion_name(spec.id),
                             std::isfinite(raw) ? fmt::format("{:.3f}", raw) : (std::isinf(raw) ? "inf" : "unknown"),
                             std::isnan(sub) ? 0.0 : sub, describe(spec.value));
  }
  double total = 0;
  out += "  weighted items:\n";
  for (std::size_t i = 0; i < profile.weights.size(); ++i) {
    const double sub = i < s.ranking.sub_scores.size() ? s.ranking.sub_scores[i] : NAN;
    const double part = profile.weights[i].weight * sub;
    if (std::isfinite(part)) total += part;
    out += fmt::format("    {:<22} weight {:.3f} × sub-score {:.3f} = {:.3f}\n", profile.weights[i].id,
                             profile.weights[i].weight, sub, part);
  }
  if (!s.ranking.exclusion.empty()) {
    out += fmt::format("\nEXCLUDED: {}\n", s.ranking.exclusion);
    return;
  }
  out += fmt::format("  score {:.4f}{}\n", s.ranking.score,
                           std::abs(total - s.ranking.score) > 1e-9 ? " (TOPSIS closeness; the weighted sum is " + fmt::format("{:.4f}", total) + ")" : "");
  out += fmt::format("\nRank {} of {}{}\n", *s.ranking.rank, a.ranked, s.ranking.pareto ? ", Pareto-optimal on (ZAN cost, power, logistics)" : "");
  if (s.ranking.stability) {
    out += fmt::format("Stays in the top {} in {:.0f} % of weight perturbations\n", a.top_k, *s.ranking.stability * 100);
  }
}

}  // namespace

std::string explain_site(const AssessedSite& site, const scoring::Profile& profile, const Assessment& assessment) {
  std::string out;
  append_facts(out, site);
  append_scores(out, site, profile, assessment);
  return out;
}

std::string explain_outside_area_range(const SiteFacts& facts, const scoring::Profile& profile) {
  AssessedSite s;
  s.facts = facts;
  s.zan.charged_to = "-";
  s.zan.local = false;
  std::string out;
  append_facts(out, s);
  out += fmt::format("\nEXCLUDED: area {:.2f} ha outside {:g}–{:g} ha\n", facts.area_ha, profile.min_ha, profile.max_ha);
  return out;
}

}  // namespace zanplan
