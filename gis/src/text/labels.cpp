#include "zanplan/labels.hpp"

#include <fmt/format.h>

namespace zanplan {

std::string_view criterion_label(scoring::Criterion criterion, Lang lang) {
  using scoring::Criterion;
  switch (criterion) {
    case Criterion::power_distance_km:
      return pick(lang, "Distance to a connectable substation", "Distance au poste électrique raccordable");
    case Criterion::motorway_distance_km: return pick(lang, "Distance to a motorway access", "Distance à un échangeur autoroutier");
    case Criterion::rail_distance_km: return pick(lang, "Distance to a freight rail point", "Distance à une gare fret");
    case Criterion::port_distance_km: return pick(lang, "Distance to a port", "Distance à un port");
    case Criterion::enaf_ha: return pick(lang, "ENAF land consumed", "ENAF consommés");
    case Criterion::envelope_share:
      return pick(lang, "Share of the remaining ZAN envelope", "Part de l'enveloppe ZAN restante");
  }
  return "?";
}

std::string layer_measure_label(const LayerMeasureQuery& q, Lang lang) {
  switch (q.measure) {
    case LayerMeasure::distance_km:
      return fmt::format(fmt::runtime(pick(lang, "Distance to layer {} (km)", "Distance à la couche {} (km)")), q.layer);
    case LayerMeasure::share_covered:
      return fmt::format(fmt::runtime(pick(lang, "Share of the site covered by layer {}", "Part du site couverte par la couche {}")),
                         q.layer);
    case LayerMeasure::attribute:
      return fmt::format(fmt::runtime(pick(lang, "Field {} of layer {} under the site", "Champ {} de la couche {} sous le site")),
                         q.field, q.layer);
  }
  return q.layer;
}

std::string weighted_item_label(std::string_view item_id, Lang lang) {
  if (const auto criterion = scoring::criterion_from_name(item_id)) return std::string(criterion_label(*criterion, lang));
  if (item_id == "logistics") return std::string(pick(lang, "Logistics (best or mean of its members)", "Logistique (meilleur ou moyenne de ses membres)"));
  return std::string(item_id);
}

std::string describe_value_function(const scoring::ValueFunction& f, Lang lang) {
  const auto g = [lang](double v) { return format_general(v, lang); };
  const std::string_view colon = pick(lang, ":", " :");  // French puts a space before a colon
  switch (f.shape) {
    case scoring::ValueShape::linear:
      return fmt::format("{}{} 1 {} {}, 0 {} {}", pick(lang, "linear", "linéaire"), colon, pick(lang, "at", "à"), g(f.ideal),
                         pick(lang, "at", "à"), g(f.unacceptable));
    case scoring::ValueShape::exponential:
      return fmt::format("{}{} 1 {} {}, {} {}", pick(lang, "exponential", "exponentielle"), colon,
                         pick(lang, "up to", "jusqu'à"), g(f.ideal), pick(lang, "halves every", "divisée par 2 tous les"),
                         g(f.half_value));
    case scoring::ValueShape::step: {
      std::string s = fmt::format("{}{}", pick(lang, "step", "paliers"), colon);
      for (std::size_t i = 0; i < f.thresholds.size(); ++i) {
        s += fmt::format(" {} {} {},", g(f.scores[i]), pick(lang, "up to", "jusqu'à"), g(f.thresholds[i]));
      }
      return s + fmt::format(" {} {}", pick(lang, "then", "puis"), g(f.scores.back()));
    }
  }
  return "?";
}

std::string land_class_label(std::string_view land_class, Lang lang) {
  if (lang == Lang::en) return std::string(land_class);
  if (land_class == "artificialised") return "artificialisé";
  if (land_class == "enaf") return "ENAF";
  if (land_class == "brownfield") return "friche";
  if (land_class == "unknown") return "inconnu";
  if (land_class == "assembled") return "assemblé";
  if (land_class == "economic") return "économique";
  return std::string(land_class);
}

std::string_view level_label(Level level, Lang lang) {
  switch (level) {
    case Level::commune: return "commune";
    case Level::epci: return "EPCI";
    case Level::scot: return "SCoT";
    case Level::departement: return "département";
    case Level::region: return pick(lang, "region", "région");
  }
  return "?";
}

std::string_view charge_level_label(ChargeLevel level, Lang lang) {
  switch (level) {
    case ChargeLevel::commune: return "commune";
    case ChargeLevel::epci: return pick(lang, "EPCI (PLUi)", "EPCI (PLUi)");
    case ChargeLevel::scot: return "SCoT";
  }
  return "?";
}

std::string_view charge_route_label(ChargeRoute route, Lang lang) {
  switch (route) {
    case ChargeRoute::local_envelopes: return pick(lang, "local ZAN envelopes", "enveloppes ZAN locales");
    case ChargeRoute::pene_forfait: return pick(lang, "national PENE forfait", "forfait national PENE");
    case ChargeRoute::industry_exempt: return pick(lang, "not charged: industry exempt", "non décompté : industrie exemptée");
  }
  return "?";
}

std::string_view budget_status_label(BudgetStatus status, Lang lang) {
  switch (status) {
    // The envelope is feminine: "(enveloppe) respectée, tendue, dépassée".
    case BudgetStatus::within: return pick(lang, "within", "respectée");
    case BudgetStatus::tight: return pick(lang, "tight", "tendue");
    case BudgetStatus::over: return pick(lang, "over", "dépassée");
  }
  return "?";
}

std::string exclusion_label(const scoring::Exclusion& exclusion, Lang lang) {
  if (lang == Lang::en) return scoring::describe(exclusion);
  std::string_view phrase;
  switch (exclusion.code) {
    case scoring::ExclusionCode::inside_layer: phrase = "dans une couche d'exclusion"; break;
    case scoring::ExclusionCode::near_layer: phrase = "trop près d'une couche d'exclusion"; break;
    case scoring::ExclusionCode::built_up_land: phrase = "terrain bâti (artificialisé, hors friche)"; break;
    case scoring::ExclusionCode::unknown_land_class: phrase = "occupation du sol inconnue"; break;
    case scoring::ExclusionCode::over_envelope: phrase = "au-delà de l'enveloppe ZAN restante"; break;
    case scoring::ExclusionCode::area_unmeasured: phrase = "surface non mesurée"; break;
    case scoring::ExclusionCode::outside_area_range: phrase = "surface hors de la plage du profil"; break;
    case scoring::ExclusionCode::unmeasured: phrase = "un critère requis n'a pas de valeur"; break;
    case scoring::ExclusionCode::no_substation: phrase = "aucun poste électrique raccordable"; break;
    case scoring::ExclusionCode::too_far_from_power: phrase = "trop loin d'un poste électrique raccordable"; break;
    case scoring::ExclusionCode::constraint_max: phrase = "au-dessus d'un maximum du profil"; break;
    case scoring::ExclusionCode::constraint_min: phrase = "en dessous d'un minimum du profil"; break;
  }
  std::string out(phrase);
  if (!exclusion.detail.empty()) out += " (" + exclusion.detail + ")";
  return out;
}

}  // namespace zanplan
