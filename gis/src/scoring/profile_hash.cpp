// The canonical serialisation of a parsed profile and its FNV-1a 64 hash, for traceability
// of exports: same parsed content, same hash.
#include <fmt/format.h>

#include "zanplan/scoring/profile.hpp"

namespace zanplan::scoring {

namespace {

// 12 significant digits: AHP weights come out of an iteration whose last bits may differ
// between platforms; 12 digits are far beyond any meaningful difference.
std::string number(double v) { return fmt::format("{:.12g}", v); }

class CanonicalWriter {
 public:
  void line(std::string_view key, std::string_view value) { text_ += fmt::format("{}={}\n", key, escaped(value)); }
  void line(std::string_view key, double value) { line(key, number(value)); }
  void line(std::string_view key, bool value) { line(key, value ? std::string_view("true") : std::string_view("false")); }
  void line(std::string_view key, std::int64_t value) { line(key, std::to_string(value)); }
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  // Newlines and backslashes escaped, so that one line is always one key.
  static std::string escaped(std::string_view value) {
    std::string out;
    for (char ch : value) {
      if (ch == '\\') {
        out += "\\\\";
      } else if (ch == '\n') {
        out += "\\n";
      } else {
        out += ch;
      }
    }
    return out;
  }
  std::string text_;
};

void write_value_function(CanonicalWriter& w, const std::string& prefix, const ValueFunction& f) {
  w.line(prefix + "function", shape_name(f.shape));
  switch (f.shape) {
    case ValueShape::linear:
      w.line(prefix + "ideal", f.ideal);
      w.line(prefix + "unacceptable", f.unacceptable);
      break;
    case ValueShape::exponential:
      w.line(prefix + "ideal", f.ideal);
      w.line(prefix + "half_value", f.half_value);
      break;
    case ValueShape::step:
      for (std::size_t i = 0; i < f.thresholds.size(); ++i) w.line(fmt::format("{}thresholds[{}]", prefix, i), f.thresholds[i]);
      for (std::size_t i = 0; i < f.scores.size(); ++i) w.line(fmt::format("{}scores[{}]", prefix, i), f.scores[i]);
      break;
  }
}

void write_logistics(CanonicalWriter& w, const LogisticsGroup& g) {
  w.line("logistics.rule", g.rule == LogisticsRule::best_of ? std::string_view("best_of") : std::string_view("weighted"));
  for (std::size_t i = 0; i < g.members.size(); ++i) {
    w.line(fmt::format("logistics.members[{}]", i), criterion_name(g.members[i]));
    if (i < g.member_weights.size()) w.line(fmt::format("logistics.weights.{}", criterion_name(g.members[i])), g.member_weights[i]);
  }
}

void write_ahp(CanonicalWriter& w, const AhpSummary& ahp) {
  for (std::size_t i = 0; i < ahp.order.size(); ++i) {
    w.line(fmt::format("ahp.criteria[{}]", i), ahp.order[i]);
    for (std::size_t j = 0; j < ahp.matrix[i].size(); ++j) w.line(fmt::format("ahp.matrix[{}][{}]", i, j), ahp.matrix[i][j]);
  }
  w.line("ahp.accepted_inconsistent", ahp.accepted_inconsistent);
}

void write_constraints(CanonicalWriter& w, const Constraints& c) {
  // A distance is written only when set, so the hashes of profiles without one stay as they were.
  for (std::size_t i = 0; i < c.exclusion_layers.size(); ++i) {
    w.line(fmt::format("constraints.exclusion_layers[{}]", i), c.exclusion_layers[i].layer);
    if (c.exclusion_layers[i].within_m > 0) w.line(fmt::format("constraints.exclusion_layers[{}].within_m", i), c.exclusion_layers[i].within_m);
  }
  for (Criterion id : kAllCriteria) {
    if (const auto& max = c.max_value[index_of(id)]) w.line(fmt::format("constraints.max.{}", criterion_name(id)), *max);
    if (const auto& min = c.min_value[index_of(id)]) w.line(fmt::format("constraints.min.{}", criterion_name(id)), *min);
  }
}

}  // namespace

std::string canonical_text(const Profile& p) {
  CanonicalWriter w;
  w.line("name", p.name);
  w.line("description", p.description);
  w.line("area.min_ha", p.min_ha);
  w.line("area.max_ha", p.max_ha);
  w.line("power.need_mw", p.power_need_mw);
  w.line("power.min_voltage_kv", std::int64_t{p.min_voltage_kv});
  w.line("power.max_connection_km", p.max_connection_km);
  w.line("pene.eligible", p.pene_eligible);
  w.line("pene.default", p.pene_by_default);
  for (const ConnectionLevel& level : p.connection_costs) {
    const std::string prefix = fmt::format("connection_cost.{}kV.", level.voltage_kv);
    w.line(prefix + "eur_per_km", level.eur_per_km);
    w.line(prefix + "bay_eur", level.bay_eur);
  }
  for (const CriterionSpec& s : p.criteria) write_value_function(w, fmt::format("criteria.{}.", criterion_name(s.id)), s.value);
  for (const UserCriterion& u : p.user_criteria) {
    const std::string prefix = fmt::format("criteria.{}.", u.id);
    w.line(prefix + "layer", u.query.layer);
    w.line(prefix + "measure", layer_measure_name(u.query.measure));
    if (u.query.measure == LayerMeasure::attribute) {
      w.line(prefix + "field", u.query.field);
      if (u.query.missing) w.line(prefix + "missing", *u.query.missing);
    }
    write_value_function(w, prefix, u.value);
  }
  if (p.logistics) write_logistics(w, *p.logistics);
  for (const WeightedItem& item : p.weights) w.line("weights." + item.id, item.weight);
  if (p.ahp) write_ahp(w, *p.ahp);
  w.line("weights.overridden", p.weights_overridden);
  write_constraints(w, p.constraints);
  // Written only when set, so the hashes of profiles without [candidates] stay as they were.
  if (!p.candidates.user_layer.empty()) {
    w.line("candidates.source", "user:" + p.candidates.user_layer);
    w.line("candidates.id_field", p.candidates.id_field);
  }
  w.line("ranking.method", p.aggregation == Aggregation::topsis ? std::string_view("topsis") : std::string_view("weighted_sum"));
  w.line("ranking.top_k", static_cast<std::int64_t>(p.top_k));
  w.line("sensitivity.runs", static_cast<std::int64_t>(p.sensitivity.runs));
  w.line("sensitivity.sigma", p.sensitivity.sigma);
  w.line("sensitivity.seed", std::to_string(p.sensitivity.seed));
  const AssemblySettings& a = p.assembly;
  w.line("assembly.target_ha", a.target_ha);
  w.line("assembly.min_compactness", a.min_compactness);
  w.line("assembly.snap_tolerance_m", a.snap_tolerance_m);
  w.line("assembly.min_shared_edge_m", a.min_shared_edge_m);
  w.line("assembly.port_zone_m", a.port_zone_m);
  w.line("assembly.land_weight", a.land_weight);
  w.line("assembly.shape_weight", a.shape_weight);
  w.line("assembly.contact_weight", a.contact_weight);
  return w.text();
}

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV offset basis
  for (char ch : bytes) {
    hash ^= static_cast<std::uint8_t>(ch);
    hash *= 0x100000001b3ULL;  // FNV prime
  }
  return hash;
}

std::string profile_hash(const Profile& profile) { return fmt::format("{:016x}", fnv1a64(canonical_text(profile))); }

}  // namespace zanplan::scoring
