#include "zanplan/explain.hpp"

#include <cmath>

#include <fmt/format.h>

#include "zanplan/labels.hpp"

namespace zanplan {

namespace {

std::string number(double v, const char* unit, Lang lang) { return format_quantity(v, 2, unit, lang); }

// English keeps the ledger's own level names, as explain has always printed them.
std::string level_text(Level level, Lang lang) {
  return lang == Lang::en ? level_name(level) : std::string(level_label(level, lang));
}

std::string fallback_text(LevelFallback fallback, Lang lang) {
  switch (fallback) {
    case LevelFallback::none:
      return "";
    case LevelFallback::no_scot_charged_to_epci:
      return std::string(pick(lang, " (in no SCoT: charged to its EPCI)", " (hors SCoT : décompté sur son EPCI)"));
    case LevelFallback::no_epci_charged_to_commune:
      return std::string(pick(lang, " (in no EPCI: charged to the commune)", " (hors EPCI : décompté sur la commune)"));
  }
  return "";
}

// Where the site's hectares go, at which level and under which rule, and what share of each
// envelope charged it would use.
void append_zan(std::string& out, const AssessedSite& s, Lang lang) {
  const ProjectCharge& d = s.zan.detail;
  out += "ZAN\n";
  out += fmt::format("  {} {}\n", pick(lang, "charged to:", "décompté sur :"), s.zan.charged_to);
  if (!s.zan.local) return;
  out += fmt::format("  {} {} {}\n", pick(lang, "charge level:", "niveau de décompte :"),
                     lang == Lang::en ? charge_level_name(d.level) : std::string(charge_level_label(d.level, lang)),
                     pick(lang, "(the scenario's, else the regime's)", "(celui du scénario, sinon du régime)"));
  for (const auto& t : d.territories) {
    if (lang == Lang::en) {
      out += fmt::format("  {} {} {}{}: envelope 2021–2030 {} (target {}), remaining {}; this site {} → {} of what "
                         "remains\n",
                         level_text(t.level, lang), t.code, t.name, fallback_text(t.fallback, lang),
                         number(t.envelope_ha, "ha", lang), t.target_source, number(t.remaining_before_ha, "ha", lang),
                         number(t.charged_ha, "ha", lang), format_percent(t.share, 1, lang));
    } else {
      out += fmt::format("  {} {} {}{} : enveloppe 2021–2030 {} (objectif {}), reste {} ; ce site {} → {} du reste\n",
                         level_text(t.level, lang), t.code, t.name, fallback_text(t.fallback, lang),
                         number(t.envelope_ha, "ha", lang), t.target_source, number(t.remaining_before_ha, "ha", lang),
                         number(t.charged_ha, "ha", lang), format_percent(t.share, 1, lang));
    }
  }
  for (const auto& commune : d.unknown_communes) {
    out += fmt::format("  {}\n", lang == Lang::en ? fmt::format("commune {} is unknown to the workspace", commune)
                                                   : fmt::format("commune {} inconnue de l'espace de travail", commune));
  }
  out += fmt::format("  {} {}\n", pick(lang, "binding share:", "part déterminante :"), format_percent(s.zan.share, 1, lang));
}

void append_site(std::string& out, const AssessedSite& s, Lang lang) {
  const auto& f = s.facts;
  const auto n2 = [lang](double v) { return format_number(v, 2, lang); };
  if (f.land_class == "assembled" || f.land_class == "user") {
    out += fmt::format("Site {} {} {} {}{}\n", f.id, pick(lang, "in", "à"), s.commune_name, f.commune,
                       f.synthetic ? pick(lang, " (SYNTHETIC parcels)", " (parcelles SYNTHÉTIQUES)") : "");
    if (f.land_class == "user") {
      out += fmt::format(fmt::runtime(lang == Lang::en ? "  the planner's own site, {} ha over {} parcels: ENAF {} ha, brownfield {} ha\n"
                                          : "  site proposé par l'aménageur, {} ha sur {} parcelles : ENAF {} ha, friche {} ha\n"),
                         n2(f.area_ha), f.parcel_count, n2(f.enaf_ha), n2(f.brownfield_ha));
    } else {
      out += fmt::format(fmt::runtime(lang == Lang::en ? "  {} parcels, {} ha: ENAF {} ha, brownfield {} ha, economic land {} ha\n"
                                          : "  {} parcelles, {} ha : ENAF {} ha, friche {} ha, foncier économique {} ha\n"),
                         f.parcel_count, n2(f.area_ha), n2(f.enaf_ha), n2(f.brownfield_ha), n2(f.economic_ha));
    }
    out += fmt::format("  {} {}\n", pick(lang, "compactness (Polsby–Popper)", "compacité (Polsby–Popper)"), n2(f.compactness));
    for (const auto& c : f.communes) {
      const double share = f.area_ha > 0 ? c.area_ha / f.area_ha : 0.0;
      out += fmt::format(fmt::runtime(lang == Lang::en ? "  commune {}: {} ha ({} of the site), ENAF {} ha\n"
                                          : "  commune {} : {} ha ({} du site), ENAF {} ha\n"),
                         c.commune, n2(c.area_ha), format_percent(share, 1, lang), n2(c.enaf_ha));
    }
  } else {
    out += fmt::format("Site {} {} {} {}{}\n", f.id, pick(lang, "in", "à"), s.commune_name, f.commune,
                       f.synthetic ? pick(lang, " (SYNTHETIC parcel)", " (parcelle SYNTHÉTIQUE)") : "");
    out += fmt::format(fmt::runtime(lang == Lang::en ? "  area {} ha, land class {}, ENAF {} ha\n"
                                        : "  surface {} ha, occupation {}, ENAF {} ha\n"),
                       n2(f.area_ha), land_class_label(f.land_class, lang), n2(f.enaf_ha));
  }
  out += fmt::format("  {} {}, {}\n\n", pick(lang, "centroid (Lambert-93)", "centroïde (Lambert-93)"),
                     format_number(f.centroid_x, 0, Lang::en), format_number(f.centroid_y, 0, Lang::en));
}

void append_infrastructure(std::string& out, const AssessedSite& s, Lang lang) {
  const auto& f = s.facts;
  out += pick(lang, "Power\n", "Électricité\n");
  if (std::isinf(f.substation.distance_km)) {
    out += pick(lang, "  no connectable substation at or above the profile's voltage\n",
                "  aucun poste raccordable à la tension du profil ou au-dessus\n");
  } else {
    out += fmt::format("  {} {} ({}), {} kV, {}\n", pick(lang, "nearest connectable substation:", "poste raccordable le plus proche :"),
                       f.substation.name, f.substation.code, f.substation.voltage_kv, number(f.substation.distance_km, "km", lang));
  }
  if (std::isfinite(s.ranking.connection_cost_eur)) {
    out += fmt::format("  {} {} {}\n", pick(lang, "estimated connection cost:", "coût de raccordement estimé :"),
                       format_quantity(s.ranking.connection_cost_eur / 1e6, 1, "M€", lang),
                       pick(lang, "(profile's €/km and bay assumptions)", "(hypothèses €/km et cellule du profil)"));
  }
  out += pick(lang, "Logistics (straight-line distance from the site's edge)\n",
              "Logistique (distance à vol d'oiseau depuis la limite du site)\n");
  out += fmt::format("  {} {} ({})\n", pick(lang, "motorway access", "échangeur autoroutier"), number(f.motorway.distance_km, "km", lang), f.motorway.code);
  out += fmt::format("  {} {} ({})\n", pick(lang, "freight rail point", "gare fret"), number(f.rail.distance_km, "km", lang), f.rail.name);
  out += fmt::format("  {} {} ({})\n", pick(lang, "port", "port"), number(f.port.distance_km, "km", lang), f.port.name);
}

void append_facts(std::string& out, const AssessedSite& s, Lang lang) {
  append_site(out, s, lang);
  append_infrastructure(out, s, lang);
  append_zan(out, s, lang);
}

std::string raw_text(double raw, Lang lang) {
  if (std::isfinite(raw)) return format_number(raw, 3, lang);
  return std::isinf(raw) ? "inf" : std::string(pick(lang, "unknown", "inconnu"));
}

void append_scores(std::string& out, const AssessedSite& s, const scoring::Profile& profile, const Assessment& a, Lang lang) {
  const auto n3 = [lang](double v) { return format_number(v, 3, lang); };
  const auto n4 = [lang](double v) { return format_number(v, 4, lang); };
  out += fmt::format("\n{} ({}, {} {})\n", pick(lang, "Scoring", "Notation"), profile.name, pick(lang, "hash", "empreinte"),
                     a.profile_hash);
  for (const auto& spec : profile.criteria) {
    const double sub = s.ranking.criterion_scores[scoring::index_of(spec.id)];
    out += fmt::format("  {:<22} {} {:>12}  → {}   ({})\n", scoring::criterion_name(spec.id), pick(lang, "raw", "brut"),
                       raw_text(criterion_raw_value(s, spec.id), lang), n3(std::isnan(sub) ? 0.0 : sub),
                       describe_value_function(spec.value, lang));
    if (lang == Lang::fr) out += fmt::format("  {:<22} {}\n", "", criterion_label(spec.id, lang));
  }
  for (std::size_t i = 0; i < profile.user_criteria.size(); ++i) {
    const scoring::UserCriterion& u = profile.user_criteria[i];
    const double raw = i < s.facts.layer_measures.size() ? s.facts.layer_measures[i] : NAN;
    const double sub = i < s.ranking.user_scores.size() ? s.ranking.user_scores[i] : NAN;
    out += fmt::format("  {:<22} {} {:>12}  → {}   ({})\n", u.id, pick(lang, "raw", "brut"), raw_text(raw, lang),
                       n3(std::isnan(sub) ? 0.0 : sub), describe_value_function(u.value, lang));
    out += fmt::format("  {:<22} {}\n", "", layer_measure_label(u.query, lang));
  }
  // A sub-score the ranking could not compute shows as such, not as a number.
  const auto part3 = [lang, &n3](double v) { return std::isnan(v) ? std::string(pick(lang, "nan", "inconnu")) : n3(v); };
  double total = 0;
  out += pick(lang, "  weighted items:\n", "  termes pondérés :\n");
  for (std::size_t i = 0; i < profile.weights.size(); ++i) {
    const double sub = i < s.ranking.sub_scores.size() ? s.ranking.sub_scores[i] : NAN;
    const double part = profile.weights[i].weight * sub;
    if (std::isfinite(part)) total += part;
    out += fmt::format("    {:<22} {} {} × {} {} = {}\n", profile.weights[i].id, pick(lang, "weight", "poids"),
                       n3(profile.weights[i].weight), pick(lang, "sub-score", "sous-note"), part3(sub), part3(part));
  }
  if (s.ranking.exclusion) {
    out += fmt::format("\n{} {} [{}]\n", pick(lang, "EXCLUDED:", "EXCLU :"), exclusion_label(*s.ranking.exclusion, lang),
                       scoring::exclusion_code_name(s.ranking.exclusion->code));
    return;
  }
  const bool topsis = std::abs(total - s.ranking.score) > 1e-9;
  out += fmt::format("  {} {}{}\n", pick(lang, "score", "note"), n4(s.ranking.score),
                     !topsis ? ""
                     : lang == Lang::en ? " (TOPSIS closeness; the weighted sum is " + n4(total) + ")"
                                        : " (proximité TOPSIS ; la somme pondérée vaut " + n4(total) + ")");
  out += fmt::format("\n{} {} {} {}{}\n", pick(lang, "Rank", "Rang"), *s.ranking.rank, pick(lang, "of", "sur"), a.ranked,
                     !s.ranking.pareto ? ""
                     : pick(lang, ", Pareto-optimal on (ZAN cost, power, logistics)",
                            ", Pareto-optimal sur (coût ZAN, électricité, logistique)"));
  if (s.ranking.stability) {
    out += lang == Lang::en
               ? fmt::format("Stays in the top {} in {:.0f} % of weight perturbations\n", a.top_k, *s.ranking.stability * 100)
               : fmt::format("Reste dans les {} premiers dans {} des perturbations des poids\n", a.top_k,
                             format_percent(*s.ranking.stability, 0, lang));
  }
}

}  // namespace

double criterion_raw_value(const AssessedSite& s, scoring::Criterion c) {
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

std::string explain_site(const AssessedSite& site, const scoring::Profile& profile, const Assessment& assessment, Lang lang) {
  std::string out;
  append_facts(out, site, lang);
  append_scores(out, site, profile, assessment, lang);
  return out;
}

std::string explain_outside_area_range(const SiteFacts& facts, const scoring::Profile& profile, Lang lang) {
  AssessedSite s;
  s.facts = facts;
  s.zan.charged_to = "-";
  s.zan.local = false;
  std::string out;
  append_facts(out, s, lang);
  out += fmt::format(fmt::runtime(lang == Lang::en ? "\nEXCLUDED: area {} ha outside {}–{} ha\n"
                                      : "\nEXCLU : surface {} ha hors de {}–{} ha\n"),
                     format_number(facts.area_ha, 2, lang), format_general(profile.min_ha, lang),
                     format_general(profile.max_ha, lang));
  return out;
}

}  // namespace zanplan
