// Loading and validating a profile file. The format is documented in docs/scoring.md.
#include "zanplan/scoring/profile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <fmt/format.h>

#include "scoring/profile_weights.hpp"
#include "scoring/toml_reader.hpp"

namespace zanplan::scoring {

namespace {

using detail::TableView;
using detail::TomlReader;

std::string indexed(const std::string& key, std::size_t index) { return fmt::format("{}[{}]", key, index); }

std::int64_t line_of(const toml::node* node) {
  return node != nullptr && node->source().begin ? static_cast<std::int64_t>(node->source().begin.line) : 0;
}

using KeySet = std::set<std::string, std::less<>>;

// The keys of a value-function table: its shape's, and those a user criterion adds.
KeySet with(KeySet keys, const KeySet& extra) {
  keys.insert(extra.begin(), extra.end());
  return keys;
}

// ---- value functions -------------------------------------------------------------------

ValueShape shape_of(const TableView& t) {
  const std::string name = t.string("function");
  for (ValueShape s : {ValueShape::linear, ValueShape::step, ValueShape::exponential}) {
    if (shape_name(s) == name) return s;
  }
  t.fail("must be \"linear\", \"step\" or \"exponential\"", "function", t.find("function"));
}

// An array of numbers, each checked against [min, max].
std::vector<double> number_list(const TableView& t, std::string_view key, double min, double max) {
  const toml::array& items = t.array(key);
  if (items.empty()) t.fail("must not be empty", key, &items);
  std::vector<double> values;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item_key = indexed(t.key_path(key), i);
    const double v = t.reader().number_of(*items.get(i), item_key);
    if (v < min) t.reader().fail(min == 0 ? "must not be negative" : fmt::format("must be at least {}", min), item_key, items.get(i));
    if (v > max) t.reader().fail(fmt::format("must be at most {}", max), item_key, items.get(i));
    values.push_back(v);
  }
  return values;
}

void read_linear(const TableView& t, ValueFunction& f, const KeySet& extra) {
  t.only_keys(with({"function", "ideal", "unacceptable"}, extra));
  f.ideal = t.non_negative("ideal");
  f.unacceptable = t.non_negative("unacceptable");
  if (f.ideal == f.unacceptable) t.fail("ideal and unacceptable must differ", "unacceptable", t.find("unacceptable"));
}

void read_exponential(const TableView& t, ValueFunction& f, const KeySet& extra) {
  t.only_keys(with({"function", "ideal", "half_value"}, extra));
  f.ideal = t.has("ideal") ? t.non_negative("ideal") : 0.0;
  f.half_value = t.positive("half_value");
}

void read_step(const TableView& t, ValueFunction& f, const KeySet& extra) {
  t.only_keys(with({"function", "thresholds", "scores"}, extra));
  f.thresholds = number_list(t, "thresholds", 0.0, std::numeric_limits<double>::infinity());
  for (std::size_t i = 1; i < f.thresholds.size(); ++i) {
    if (f.thresholds[i] <= f.thresholds[i - 1]) {
      t.reader().fail("thresholds must be strictly increasing", indexed(t.key_path("thresholds"), i),
                      t.array("thresholds").get(i));
    }
  }
  f.scores = number_list(t, "scores", 0.0, 1.0);
  if (f.scores.size() != f.thresholds.size() + 1) {
    t.fail(fmt::format("must have one more entry than thresholds ({})", f.thresholds.size() + 1), "scores",
           t.find("scores"));
  }
}

ValueFunction read_value_function(const TableView& t, const KeySet& extra = {}) {
  ValueFunction f;
  f.shape = shape_of(t);
  switch (f.shape) {
    case ValueShape::linear: read_linear(t, f, extra); break;
    case ValueShape::step: read_step(t, f, extra); break;
    case ValueShape::exponential: read_exponential(t, f, extra); break;
  }
  return f;
}

// [criteria.NAME] with `layer` and `measure`: a criterion measured on a workspace layer.
// Whether the layer exists, holds the right geometry and has the field is checked against
// a workspace later (check_profile_layers), naming the lines kept here.
UserCriterion read_user_criterion(const TableView& criteria, const std::string& id, const toml::node& node) {
  static const std::regex name_pattern("[a-z][a-z0-9_]{0,62}");
  const TableView t = criteria.sub_table(id);
  if (!t.has("layer") || !t.has("measure")) {
    criteria.fail("unknown criterion: a criterion of your own gives the workspace layer it is measured on (layer = "
                  "\"NAME\", measure = \"distance_km\", \"share_covered\" or \"attribute\")",
                  id, &node);
  }
  if (!std::regex_match(id, name_pattern) || id == kLogisticsId) {
    criteria.fail("a criterion's name is 1 to 63 lowercase letters, digits or underscores, starting with a letter, and "
                  "not \"logistics\"",
                  id, &node);
  }
  UserCriterion u;
  u.id = id;
  u.query.layer = t.string("layer");
  u.layer_line = line_of(t.find("layer"));
  const std::optional<LayerMeasure> measure = layer_measure_from_name(t.string("measure"));
  if (!measure) t.fail("must be \"distance_km\", \"share_covered\" or \"attribute\"", "measure", t.find("measure"));
  u.query.measure = *measure;
  if (u.query.measure == LayerMeasure::attribute) {
    u.query.field = t.string("field");
    if (u.query.field.empty()) t.fail("must not be empty", "field", t.find("field"));
    u.field_line = line_of(t.find("field"));
    u.query.missing = t.optional_number("missing");
  } else {
    for (const char* key : {"field", "missing"}) {
      if (t.has(key)) t.fail("applies to measure = \"attribute\" only", key, t.find(key));
    }
  }
  u.value = read_value_function(t, {"layer", "measure", "field", "missing"});
  return u;
}

void read_criteria(const TableView& root, Profile& p) {
  const TableView criteria = root.sub_table("criteria");
  if (criteria.table().empty()) root.fail("must define at least one criterion", "criteria", &criteria.table());
  for (Criterion c : kAllCriteria) {
    if (auto t = criteria.optional_sub_table(criterion_name(c))) p.criteria.push_back({c, read_value_function(*t)});
  }
  for (const auto& [key, value] : criteria.table()) {
    if (!criterion_from_name(key.str())) p.user_criteria.push_back(read_user_criterion(criteria, std::string(key.str()), value));
  }
  std::sort(p.user_criteria.begin(), p.user_criteria.end(), [](const UserCriterion& a, const UserCriterion& b) { return a.id < b.id; });
}

// ---- logistics -------------------------------------------------------------------------

LogisticsRule rule_of(const TableView& t) {
  const std::string rule = t.string("rule");
  if (rule == "best_of") return LogisticsRule::best_of;
  if (rule == "weighted") return LogisticsRule::weighted;
  t.fail("must be \"best_of\" or \"weighted\"", "rule", t.find("rule"));
}

std::vector<Criterion> logistics_members(const TableView& t, const Profile& profile) {
  const toml::array& items = t.array("members");
  if (items.empty()) t.fail("must not be empty", "members", &items);
  std::vector<Criterion> members;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string key = indexed(t.key_path("members"), i);
    const std::string name = t.reader().string_of(*items.get(i), key);
    const std::optional<Criterion> c = criterion_from_name(name);
    if (!c || !is_logistics_criterion(*c)) {
      t.reader().fail("must be motorway_distance_km, rail_distance_km or port_distance_km", key, items.get(i));
    }
    if (profile.spec(*c) == nullptr) t.reader().fail("criterion has no [criteria." + name + "] table", key, items.get(i));
    if (std::find(members.begin(), members.end(), *c) != members.end()) t.reader().fail("listed twice", key, items.get(i));
    members.push_back(*c);
  }
  return members;
}

std::vector<double> logistics_member_weights(const TableView& t, const std::vector<Criterion>& members) {
  const TableView weights = t.sub_table("weights");
  std::set<std::string, std::less<>> names;
  for (Criterion c : members) names.emplace(criterion_name(c));
  for (const auto& [key, value] : weights.table()) {
    if (!names.contains(key.str())) weights.fail("not a member of the logistics group", key.str(), &value);
  }
  std::vector<double> w;
  double sum = 0;
  for (Criterion c : members) {
    w.push_back(weights.non_negative(criterion_name(c)));
    sum += w.back();
  }
  if (std::abs(sum - 1.0) > kWeightSumTolerance) {
    t.fail(fmt::format("member weights sum to {}, they must sum to 1", sum), "weights", &weights.table());
  }
  return w;
}

std::optional<LogisticsGroup> read_logistics(const TableView& root, const Profile& profile) {
  const std::optional<TableView> t = root.optional_sub_table("logistics");
  if (!t) return std::nullopt;
  t->only_keys({"rule", "members", "weights"});
  LogisticsGroup group;
  group.rule = rule_of(*t);
  group.members = logistics_members(*t, profile);
  if (group.rule == LogisticsRule::weighted) {
    group.member_weights = logistics_member_weights(*t, group.members);
  } else if (t->has("weights")) {
    t->fail("member weights apply to rule = \"weighted\" only", "weights", t->find("weights"));
  }
  return group;
}

// ---- project needs ---------------------------------------------------------------------

void read_area(const TableView& root, Profile& p) {
  const TableView area = root.sub_table("area");
  area.only_keys({"min_ha", "max_ha"});
  p.min_ha = area.non_negative("min_ha");
  p.max_ha = area.positive("max_ha");
  if (p.min_ha > p.max_ha) area.fail("min_ha is greater than max_ha", "min_ha", area.find("min_ha"));
}

void read_power(const TableView& root, Profile& p) {
  const TableView power = root.sub_table("power");
  power.only_keys({"need_mw", "min_voltage_kv", "max_connection_km"});
  p.power_need_mw = power.positive("need_mw");
  const std::int64_t kv = power.integer("min_voltage_kv");
  if (kv <= 0 || kv > 2000) power.fail("must be between 1 and 2000", "min_voltage_kv", power.find("min_voltage_kv"));
  p.min_voltage_kv = static_cast<int>(kv);
  p.max_connection_km = power.positive("max_connection_km");
}

void read_pene(const TableView& root, Profile& p) {
  const TableView pene = root.sub_table("pene");
  pene.only_keys({"eligible", "default"});
  p.pene_eligible = pene.boolean("eligible");
  p.pene_by_default = pene.boolean("default");
  if (p.pene_by_default && !p.pene_eligible) pene.fail("a project cannot be PENE by default if it is not eligible", "default", pene.find("default"));
}

ConnectionLevel read_connection_level(const TableView& t) {
  t.only_keys({"voltage_kv", "eur_per_km", "bay_eur"});
  const std::int64_t kv = t.integer("voltage_kv");
  if (kv <= 0 || kv > 2000) t.fail("must be between 1 and 2000", "voltage_kv", t.find("voltage_kv"));
  return {static_cast<int>(kv), t.non_negative("eur_per_km"), t.non_negative("bay_eur")};
}

void read_connection_costs(const TableView& root, Profile& p) {
  const toml::array& levels = root.array("connection_cost");
  if (levels.empty()) root.fail("must list at least one voltage level", "connection_cost", &levels);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const TableView t = root.reader().table_at(levels, i, "connection_cost");
    const ConnectionLevel level = read_connection_level(t);
    for (const ConnectionLevel& seen : p.connection_costs) {
      if (seen.voltage_kv == level.voltage_kv) t.fail("voltage level listed twice", "voltage_kv", t.find("voltage_kv"));
    }
    p.connection_costs.push_back(level);
  }
  std::sort(p.connection_costs.begin(), p.connection_costs.end(),
            [](const ConnectionLevel& a, const ConnectionLevel& b) { return a.voltage_kv < b.voltage_kv; });
  if (p.connection_costs.back().voltage_kv < p.min_voltage_kv) {
    root.fail("no level at or above power.min_voltage_kv", "connection_cost", &levels);
  }
}

// ---- constraints and settings ----------------------------------------------------------

void read_bounds(const TableView& constraints, std::string_view key, std::array<std::optional<double>, kCriterionCount>& out) {
  const std::optional<TableView> t = constraints.optional_sub_table(key);
  if (!t) return;
  for (const auto& [name, value] : t->table()) {
    const std::optional<Criterion> c = criterion_from_name(name.str());
    if (!c && constraints.reader().root().sub_table("criteria").has(name.str())) {
      t->fail("bounds apply to the built-in criteria only: give a criterion of your own a value function, or make its "
              "layer an exclusion",
              name.str(), &value);
    }
    if (!c) t->fail("unknown criterion", name.str(), &value);
    out[index_of(*c)] = t->non_negative(name.str());
  }
}

void read_constraints(const TableView& root, Profile& p) {
  const std::optional<TableView> t = root.optional_sub_table("constraints");
  if (!t) return;
  t->only_keys({"exclusion_layers", "exclusions", "max", "min"});
  auto& layers_out = p.constraints.exclusion_layers;
  if (t->has("exclusion_layers")) {
    const toml::array& layers = t->array("exclusion_layers");
    for (std::size_t i = 0; i < layers.size(); ++i) {
      const std::string key = indexed(t->key_path("exclusion_layers"), i);
      layers_out.push_back({.layer = t->reader().string_of(*layers.get(i), key), .within_m = 0, .line = line_of(layers.get(i)), .key = key});
    }
  }
  if (t->has("exclusions")) {
    const toml::array& list = t->array("exclusions");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const TableView e = t->reader().table_at(list, i, t->key_path("exclusions"));
      e.only_keys({"layer", "within_m"});
      layers_out.push_back({.layer = e.string("layer"),
                            .within_m = e.has("within_m") ? e.non_negative("within_m") : 0.0,
                            .line = line_of(e.find("layer")),
                            .key = e.key_path("layer")});
    }
  }
  for (std::size_t i = 0; i < layers_out.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (layers_out[j].layer == layers_out[i].layer) {
        t->reader().fail("layer '" + layers_out[i].layer + "' is already an exclusion (" + layers_out[j].key + ")", layers_out[i].key,
                         nullptr);
      }
    }
  }
  read_bounds(*t, "max", p.constraints.max_value);
  read_bounds(*t, "min", p.constraints.min_value);
}

// [candidates] source = "user:NAME", id_field = "FIELD". Whether NAME is a polygon layer
// with that field is checked against the workspace when it is read (sites.hpp).
void read_candidates(const TableView& root, Profile& p) {
  const std::optional<TableView> t = root.optional_sub_table("candidates");
  if (!t) return;
  t->only_keys({"source", "id_field"});
  static const std::regex user_layer("user:([a-z][a-z0-9_]{0,62})");
  const std::string source = t->string("source");
  std::smatch match;
  if (!std::regex_match(source, match, user_layer)) {
    t->fail("must be \"user:NAME\", NAME a layer added with zanplan layer add", "source", t->find("source"));
  }
  p.candidates.user_layer = match[1].str();
  p.candidates.source_line = line_of(t->find("source"));
  p.candidates.id_field = t->string("id_field");
  if (p.candidates.id_field.empty()) t->fail("must not be empty", "id_field", t->find("id_field"));
  p.candidates.id_field_line = line_of(t->find("id_field"));
}

void read_ranking(const TableView& root, Profile& p) {
  const std::optional<TableView> t = root.optional_sub_table("ranking");
  if (!t) return;
  t->only_keys({"method", "top_k"});
  if (t->has("method")) {
    const std::string method = t->string("method");
    if (method == "weighted_sum") {
      p.aggregation = Aggregation::weighted_sum;
    } else if (method == "topsis") {
      p.aggregation = Aggregation::topsis;
    } else {
      t->fail("must be \"weighted_sum\" or \"topsis\"", "method", t->find("method"));
    }
  }
  if (t->has("top_k")) {
    const std::int64_t k = t->integer("top_k");
    if (k < 1 || k > max_top_k) t->fail("must be between 1 and 100000", "top_k", t->find("top_k"));
    p.top_k = static_cast<std::size_t>(k);
  }
}

void read_sensitivity(const TableView& root, Profile& p) {
  const std::optional<TableView> t = root.optional_sub_table("sensitivity");
  if (!t) return;
  t->only_keys({"runs", "sigma", "seed"});
  if (t->has("runs")) {
    const std::int64_t runs = t->integer("runs");
    if (runs < 1 || runs > max_sensitivity_runs) t->fail("must be between 1 and 100000", "runs", t->find("runs"));
    p.sensitivity.runs = static_cast<std::size_t>(runs);
  }
  if (t->has("sigma")) p.sensitivity.sigma = t->number_in("sigma", sensitivity_sigma_range);
  if (t->has("seed")) {
    const std::int64_t seed = t->integer("seed");
    if (seed < 0) t->fail("must not be negative", "seed", t->find("seed"));
    p.sensitivity.seed = static_cast<std::uint64_t>(seed);
  }
}

void read_assembly(const TableView& root, Profile& p) {
  AssemblySettings& a = p.assembly;
  a.target_ha = std::min(p.max_ha, std::max(p.min_ha, 1.5 * p.min_ha));
  const std::optional<TableView> t = root.optional_sub_table("assembly");
  if (!t) return;
  t->only_keys({"target_ha", "min_compactness", "snap_tolerance_m", "min_shared_edge_m", "port_zone_m", "land_weight",
                "shape_weight", "contact_weight"});
  if (t->has("target_ha")) {
    a.target_ha = t->positive("target_ha");
    if (a.target_ha < p.min_ha || a.target_ha > p.max_ha) {
      t->fail(fmt::format("must lie within area.min_ha and area.max_ha ({:g}–{:g})", p.min_ha, p.max_ha), "target_ha",
              t->find("target_ha"));
    }
  }
  if (t->has("min_compactness")) {
    a.min_compactness = t->non_negative("min_compactness");
    if (a.min_compactness > 1) t->fail("must be at most 1 (a disc)", "min_compactness", t->find("min_compactness"));
  }
  if (t->has("snap_tolerance_m")) {
    a.snap_tolerance_m = t->non_negative("snap_tolerance_m");
    if (a.snap_tolerance_m > 10) t->fail("must be at most 10 m", "snap_tolerance_m", t->find("snap_tolerance_m"));
  }
  if (t->has("min_shared_edge_m")) a.min_shared_edge_m = t->positive("min_shared_edge_m");
  if (t->has("port_zone_m")) a.port_zone_m = t->non_negative("port_zone_m");
  if (t->has("land_weight")) a.land_weight = t->non_negative("land_weight");
  if (t->has("shape_weight")) a.shape_weight = t->non_negative("shape_weight");
  if (t->has("contact_weight")) a.contact_weight = t->non_negative("contact_weight");
}

}  // namespace

std::optional<std::size_t> Profile::user_criterion(std::string_view id) const {
  for (std::size_t i = 0; i < user_criteria.size(); ++i) {
    if (user_criteria[i].id == id) return i;
  }
  return std::nullopt;
}

const CriterionSpec* Profile::spec(Criterion c) const {
  for (const CriterionSpec& s : criteria) {
    if (s.id == c) return &s;
  }
  return nullptr;
}

Profile load_profile(const std::filesystem::path& path, const ProfileLoadOptions& options) {
  const TomlReader reader(path);
  const TableView root = reader.root();
  root.only_keys({"name", "description", "area", "power", "pene", "connection_cost", "criteria", "logistics", "weights",
                  "ahp", "constraints", "ranking", "sensitivity", "assembly", "candidates"});
  Profile p;
  p.path = path;
  p.name = root.string("name");
  if (p.name.empty()) root.fail("must not be empty", "name", root.find("name"));
  p.description = root.string("description");
  read_area(root, p);
  read_power(root, p);
  read_pene(root, p);
  read_connection_costs(root, p);
  read_criteria(root, p);
  p.logistics = read_logistics(root, p);
  detail::read_weights(root, options, p);
  read_constraints(root, p);
  read_ranking(root, p);
  read_sensitivity(root, p);
  read_assembly(root, p);
  read_candidates(root, p);
  return p;
}

std::filesystem::path profile_path(const std::filesystem::path& data_dir, std::string_view name_or_path) {
  const std::string text(name_or_path);
  if (text.find('/') != std::string::npos || std::filesystem::path(text).extension() == ".toml") return text;
  return data_dir / "profiles" / (text + ".toml");
}

}  // namespace zanplan::scoring
