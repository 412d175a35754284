// The export table and map style of an assessment (columns documented in docs/scoring.md).
#include <cmath>
#include <fmt/format.h>

#include "zanplan/assessment.hpp"

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
  table.columns = {{"rank", T::integer},          {"id", T::text},
                   {"commune", T::text},          {"commune_name", T::text},
                   {"area_ha", T::real},          {"land_class", T::text},
                   {"enaf_ha", T::real},          {"parcel_count", T::integer},
                   {"brownfield_ha", T::real},    {"economic_ha", T::real},
                   {"compactness", T::real},      {"communes", T::text},
                   {"substation_code", T::text},
                   {"substation_name", T::text},  {"substation_kv", T::integer},
                   {"substation_km", T::real},    {"connection_cost_meur", T::real},
                   {"motorway_km", T::real},      {"motorway_route", T::text},
                   {"rail_km", T::real},          {"rail_name", T::text},
                   {"port_km", T::real},          {"port_name", T::text},
                   {"charged_to", T::text},       {"envelope_target", T::text},
                   {"envelope_remaining_ha", T::real}, {"envelope_share", T::real}};
  for (const auto& item : profile.weights) table.columns.push_back({"s_" + item.id, T::real});
  const std::vector<Column> tail{{"score", T::real},        {"pareto", T::boolean},  {"stability", T::real},
                                 {"excluded_by", T::text},  {"profile", T::text},    {"profile_hash", T::text},
                                 {"pene", T::boolean},      {"synthetic_inputs", T::text}};
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
    for (std::size_t i = 0; i < profile.weights.size(); ++i) {
      row.push_back(i < r.sub_scores.size() ? real(r.sub_scores[i]) : Value(std::monostate{}));
    }
    row.push_back(real(r.score));
    row.push_back(Value(r.pareto));
    row.push_back(r.stability ? real(*r.stability) : Value(std::monostate{}));
    row.push_back(text(r.exclusion));
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
  return table;
}

std::optional<GraduatedStyle> score_style(const Assessment& a) {
  std::vector<double> scores;
  for (const auto& site : a.sites) {
    if (std::isfinite(site.ranking.score)) scores.push_back(site.ranking.score);
  }
  if (scores.empty()) return std::nullopt;
  auto breaks = quantile_breaks(std::move(scores), 5);
  // Low scores in red, high in green (ColorBrewer RdYlGn).
  return GraduatedStyle{.field = "score",
                        .breaks = std::move(breaks),
                        .colours = {"#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"},
                        .title = "zanplan score (quantiles)"};
}

}  // namespace zanplan
