// The export table and map style of an assessment (columns documented in docs/scoring.md).
#include <cmath>
#include <fmt/format.h>

#include "zanplan/assessment.hpp"
#include "zanplan/labels.hpp"
#include "zanplan/version.hpp"

namespace zanplan {

namespace {

Value real(double v) { return std::isfinite(v) ? Value(v) : Value(std::monostate{}); }
Value text(const std::string& s) { return s.empty() ? Value(std::monostate{}) : Value(s); }
Value integer(std::int64_t v) { return Value(v); }

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Every commune the site spans with its share of the area, for people reading a row
// ("59350 62 %, 59351 38 %"); the figures themselves are in the workspace's
// site_communes table.
std::string communes_of(const SiteFacts& f) {
  std::string out;
  for (const auto& c : f.communes) {
    out += fmt::format("{}{} {:.0f} %", out.empty() ? "" : ", ", c.commune, f.area_ha > 0 ? 100.0 * c.area_ha / f.area_ha : 0.0);
  }
  return out;
}

}  // namespace

ExportTable assessment_table(const Assessment& a, const scoring::Profile& profile) {
  ExportTable table;
  table.layer_name = "sites_" + profile.name;
  using T = ColumnType;
  namespace d = decimals;
  // Column, type, decimals kept on export, the French name QGIS shows (docs/scoring.md).
  table.columns = {{"rank", T::integer, -1, "Rang"},
                   {"id", T::text, -1, "Identifiant du site"},
                   {"commune", T::text, -1, "Code INSEE de la commune"},
                   {"commune_name", T::text, -1, "Commune"},
                   {"area_ha", T::real, d::hectares, "Surface (ha)"},
                   {"land_class", T::text, -1, "Nature du terrain"},
                   {"enaf_ha", T::real, d::hectares, "ENAF consommés (ha)"},
                   {"parcel_count", T::integer, -1, "Nombre de parcelles"},
                   {"brownfield_ha", T::real, d::hectares, "Friches (ha)"},
                   {"economic_ha", T::real, d::hectares, "Zones d'activités (ha)"},
                   {"compactness", T::real, d::ratio, "Compacité"},
                   {"communes", T::text, -1, "Communes couvertes (part de la surface)"},
                   {"substation_code", T::text, -1, "Code du poste électrique"},
                   {"substation_name", T::text, -1, "Poste électrique"},
                   {"substation_kv", T::integer, -1, "Tension du poste (kV)"},
                   {"substation_km", T::real, d::kilometres, "Distance au poste (km)"},
                   {"connection_cost_meur", T::real, d::million_euros, "Coût de raccordement (M€)"},
                   {"motorway_km", T::real, d::kilometres, "Distance à l'autoroute (km)"},
                   {"motorway_route", T::text, -1, "Autoroute"},
                   {"rail_km", T::real, d::kilometres, "Distance au fret ferroviaire (km)"},
                   {"rail_name", T::text, -1, "Point de fret ferroviaire"},
                   {"port_km", T::real, d::kilometres, "Distance au port (km)"},
                   {"port_name", T::text, -1, "Port"},
                   {"charged_to", T::text, -1, "Enveloppe ZAN imputée"},
                   {"envelope_target", T::text, -1, "Objectif SRADDET de l'enveloppe"},
                   {"envelope_remaining_ha", T::real, d::hectares, "Reste de l'enveloppe (ha)"},
                   {"envelope_share", T::real, d::share, "Part du reste de l'enveloppe"}};
  // A criterion of the profile's own: its raw measure, named after it.
  for (const auto& u : profile.user_criteria) {
    const int places = u.query.measure == LayerMeasure::distance_km   ? d::kilometres
                       : u.query.measure == LayerMeasure::share_covered ? d::share
                                                                        : -1;
    table.columns.push_back({"raw_" + u.id, T::real, places, layer_measure_label(u.query, Lang::fr)});
  }
  for (const auto& item : profile.weights) {
    table.columns.push_back({"s_" + item.id, T::real, d::score, "Sous-note " + item.id});
  }
  const std::vector<Column> tail{{"score", T::real, d::score, "Note"},
                                 {"pareto", T::boolean, -1, "Optimum de Pareto"},
                                 {"stability", T::real, d::share, "Stabilité dans le top"},
                                 {"excluded_code", T::text, -1, "Code d'exclusion"},
                                 {"excluded_detail", T::text, -1, "Détail de l'exclusion"},
                                 {"profile", T::text, -1, "Profil"},
                                 {"profile_hash", T::text, -1, "Empreinte du profil"},
                                 {"pene", T::boolean, -1, "Projet PENE"},
                                 {"synthetic_inputs", T::text, -1, "Données synthétiques utilisées"}};
  table.columns.insert(table.columns.end(), tail.begin(), tail.end());

  const std::string synthetic = join(a.synthetic_layers);
  for (const auto& site : a.sites) {
    const auto& f = site.facts;
    const auto& r = site.ranking;
    std::vector<Value> row{r.rank ? integer(static_cast<std::int64_t>(*r.rank)) : Value(std::monostate{}),
                           text(f.id),
                           text(f.commune),
                           text(site.commune_name),
                           real(f.area_ha),
                           text(f.land_class),
                           real(f.enaf_ha),
                           integer(static_cast<std::int64_t>(f.parcel_count)),
                           real(f.brownfield_ha),
                           // A planner's own site has no economic-land measure; a parcel no outline of its own.
                           f.land_class == "user" ? Value(std::monostate{}) : real(f.economic_ha),
                           f.land_class == "assembled" || f.land_class == "user" ? real(f.compactness) : Value(std::monostate{}),
                           text(communes_of(f)),
                           text(f.substation.code),
                           text(f.substation.name),
                           f.substation.voltage_kv > 0 ? integer(f.substation.voltage_kv) : Value(std::monostate{}),
                           real(f.substation.distance_km),
                           real(r.connection_cost_eur / 1e6),
                           real(f.motorway.distance_km),
                           text(f.motorway.code),
                           real(f.rail.distance_km),
                           text(f.rail.name),
                           real(f.port.distance_km),
                           text(f.port.name),
                           text(site.zan.charged_to),
                           text(site.zan.target_source),
                           real(site.zan.remaining_ha),
                           real(site.zan.share)};
    for (std::size_t i = 0; i < profile.user_criteria.size(); ++i) {
      row.push_back(i < f.layer_measures.size() ? real(f.layer_measures[i]) : Value(std::monostate{}));
    }
    for (std::size_t i = 0; i < profile.weights.size(); ++i) {
      row.push_back(i < r.sub_scores.size() ? real(r.sub_scores[i]) : Value(std::monostate{}));
    }
    row.push_back(real(r.score));
    row.push_back(Value(r.pareto));
    row.push_back(r.stability ? real(*r.stability) : Value(std::monostate{}));
    row.push_back(r.exclusion ? text(std::string(scoring::exclusion_code_name(r.exclusion->code))) : Value(std::monostate{}));
    row.push_back(r.exclusion ? text(r.exclusion->detail) : Value(std::monostate{}));
    row.push_back(text(profile.name));
    row.push_back(text(a.profile_hash));
    row.push_back(Value(a.pene));
    row.push_back(text(synthetic));
    table.rows.push_back(std::move(row));
    table.geometries_wkb.push_back(f.wkb);
  }
  table.metadata = {{"profile", profile.name},
                    {"profile_hash", a.profile_hash},
                    {"pene", a.pene ? "true" : "false"},
                    {"scenario", a.scenario.empty() ? "none" : a.scenario},
                    {"synthetic_inputs", synthetic.empty() ? "none" : synthetic},
                    {"candidates", std::to_string(a.candidates_total)},
                    {"candidates_source", a.candidates_source},
                    {"ranked", std::to_string(a.ranked)}};
  if (!a.created_at.empty()) table.metadata["created_at"] = a.created_at;
  table.metadata["keywords"] = "ZAN, zéro artificialisation nette, sites candidats, " + profile.name + ", zanplan";
  table.metadata["provenance"] = fmt::format("zanplan {}, profile {} ({}), workspace created {}", version(), profile.name,
                                             a.profile_hash, a.created_at.empty() ? "at an unknown time" : a.created_at);
  table.title = "Sites candidats — " + profile.name + " (zanplan)";
  table.abstract = fmt::format("{} candidate sites for the profile {}: {} ranked by score, the others excluded with a "
                               "code (excluded_code) and a detail. ZAN charge under the workspace's envelopes{}.",
                               a.sites.size(), profile.name, a.ranked,
                               a.scenario.empty() ? "" : " and the ledger scenario " + a.scenario);
  if (!synthetic.empty()) {
    table.metadata["synthetic_warning"] = "SYNTHETIC inputs: " + synthetic + " — not real data";
    table.abstract += " WARNING: rests on SYNTHETIC inputs (" + synthetic + "), not real data.";
  }
  return table;
}

std::optional<GraduatedStyle> score_style(const Assessment& a) {
  std::vector<double> scores;
  for (const auto& site : a.sites) {
    if (std::isfinite(site.ranking.score)) scores.push_back(site.ranking.score);
  }
  if (scores.empty()) return std::nullopt;
  auto breaks = quantile_breaks(std::move(scores), 5);
  // The map's score ramp (ColorBrewer YlGn, maps/src/region/region_layers.cpp), low to
  // high; excluded sites, which have no score, in grey so they stay visible.
  return GraduatedStyle{.field = "score",
                        .breaks = std::move(breaks),
                        .colours = {"#ffffcc", "#c2e699", "#78c679", "#31a354", "#006837"},
                        .title = "zanplan score (quantiles)",
                        .no_value_label = "exclu (voir excluded_code)",
                        .no_value_colour = "#b0b0b0"};
}

}  // namespace zanplan
