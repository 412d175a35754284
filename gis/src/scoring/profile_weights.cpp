#include "scoring/profile_weights.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include "zanplan/scoring/aggregate.hpp"

namespace zanplan::scoring::detail {

namespace {

// Relative tolerance of a_ij × a_ji = 1: lets "0.3333" stand for 1/3.
constexpr double kReciprocalTolerance = 1e-3;

// Built-in criteria in their order with the logistics group after the port, then the
// profile's own criteria by name.
double canonical_rank(const WeightedItem& item) {
  if (item.user) return static_cast<double>(kCriterionCount + *item.user);
  return item.criterion ? static_cast<double>(index_of(*item.criterion)) : static_cast<double>(index_of(Criterion::port_distance_km)) + 0.5;
}

bool is_logistics_member(const Profile& p, Criterion c) {
  return p.logistics && std::find(p.logistics->members.begin(), p.logistics->members.end(), c) != p.logistics->members.end();
}

// The ids that must be weighted: criteria outside the logistics group, and the group.
std::vector<std::string> weighted_ids(const Profile& p) {
  std::vector<std::string> ids;
  for (const CriterionSpec& s : p.criteria) {
    if (!is_logistics_member(p, s.id)) ids.emplace_back(criterion_name(s.id));
  }
  if (p.logistics) ids.emplace_back(kLogisticsId);
  for (const UserCriterion& u : p.user_criteria) ids.push_back(u.id);
  return ids;
}

// Checks that `id` may carry a weight; fails naming `key` otherwise.
WeightedItem weighted_item(const TomlReader& reader, const Profile& p, const std::string& id, const std::string& key,
                           const toml::node* node) {
  if (id == kLogisticsId) {
    if (!p.logistics) reader.fail("there is no [logistics] group to weigh", key, node);
    return {id, std::nullopt, 0.0};
  }
  if (const std::optional<std::size_t> user = p.user_criterion(id)) return {id, std::nullopt, 0.0, user};
  const std::optional<Criterion> c = criterion_from_name(id);
  if (!c) reader.fail("unknown criterion", key, node);
  if (p.spec(*c) == nullptr) reader.fail("criterion has no [criteria." + id + "] table", key, node);
  if (is_logistics_member(p, *c)) reader.fail("criterion is a member of [logistics]: weigh the group instead", key, node);
  return {id, c, 0.0};
}

void require_every_id_weighted(const TableView& where, std::string_view key, const Profile& p,
                               const std::vector<WeightedItem>& items) {
  for (const std::string& id : weighted_ids(p)) {
    const bool found = std::any_of(items.begin(), items.end(), [&](const WeightedItem& i) { return i.id == id; });
    if (!found) where.fail("criterion '" + id + "' has no weight", key, where.find(key) ? where.find(key) : &where.table());
  }
}

void read_direct_weights(const TableView& root, Profile& p) {
  const TableView t = root.sub_table("weights");
  double sum = 0;
  for (const auto& [key, value] : t.table()) {
    const std::string id(key.str());
    WeightedItem item = weighted_item(root.reader(), p, id, t.key_path(id), &value);
    item.weight = t.non_negative(id);
    sum += item.weight;
    p.weights.push_back(item);
  }
  for (const std::string& id : weighted_ids(p)) {
    if (!t.has(id)) t.fail("missing weight", id, &t.table());
  }
  if (std::abs(sum - 1.0) > kWeightSumTolerance) {
    root.fail(fmt::format("weights sum to {:.9g}; they must sum to 1 (within 1e-6)", sum), "weights", &t.table());
  }
}

// A matrix entry: a positive number, or a fraction "a/b" such as "1/3".
double matrix_entry(const TomlReader& reader, const toml::node& node, const std::string& key) {
  if (!node.is_string()) return reader.number_of(node, key);
  const std::string text = *node.value<std::string>();
  const std::size_t slash = text.find('/');
  double numerator = 0;
  double denominator = 0;
  const char* end = text.data() + text.size();
  const bool ok = slash != std::string::npos &&
                  std::from_chars(text.data(), text.data() + slash, numerator).ptr == text.data() + slash &&
                  std::from_chars(text.data() + slash + 1, end, denominator).ptr == end && denominator != 0;
  if (!ok) reader.fail("must be a number or a fraction such as \"1/3\"", key, &node);
  return numerator / denominator;
}

std::vector<std::vector<double>> read_matrix(const TableView& t, std::size_t n) {
  const toml::array& rows = t.array("matrix");
  const std::string key = t.key_path("matrix");
  if (rows.size() != n) t.fail(fmt::format("must be square: {} rows for {} criteria", rows.size(), n), "matrix", &rows);
  std::vector<std::vector<double>> a(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string row_key = fmt::format("{}[{}]", key, i);
    const toml::node& row_node = *rows.get(i);
    if (!row_node.is_array()) t.reader().fail("must be an array", row_key, &row_node);
    const toml::array& row = *row_node.as_array();
    if (row.size() != n) t.reader().fail(fmt::format("must be square: {} entries for {} criteria", row.size(), n), row_key, &row);
    for (std::size_t j = 0; j < n; ++j) {
      const std::string entry_key = fmt::format("{}[{}]", row_key, j);
      const double v = matrix_entry(t.reader(), *row.get(j), entry_key);
      if (!(v > 0)) t.reader().fail("pairwise comparisons must be positive", entry_key, row.get(j));
      a[i].push_back(v);
    }
  }
  return a;
}

void require_reciprocal(const TableView& t, const std::vector<std::vector<double>>& a) {
  const toml::array& rows = t.array("matrix");
  const auto entry_node = [&](std::size_t i, std::size_t j) { return rows.get(i)->as_array()->get(j); };
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      const std::string key = fmt::format("{}[{}][{}]", t.key_path("matrix"), i, j);
      if (i == j && std::abs(a[i][i] - 1.0) > kReciprocalTolerance) t.reader().fail("diagonal entries must be 1", key, entry_node(i, j));
      if (i != j && std::abs(a[i][j] * a[j][i] - 1.0) > kReciprocalTolerance) {
        t.reader().fail(fmt::format("not reciprocal: {} × {} ≠ 1", a[i][j], a[j][i]), key, entry_node(i, j));
      }
    }
  }
}

std::vector<std::string> ahp_order(const TableView& t, const Profile& p, std::vector<WeightedItem>& items) {
  const toml::array& names = t.array("criteria");
  std::vector<std::string> order;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string key = fmt::format("{}[{}]", t.key_path("criteria"), i);
    const std::string id = t.reader().string_of(*names.get(i), key);
    if (std::find(order.begin(), order.end(), id) != order.end()) t.reader().fail("listed twice", key, names.get(i));
    items.push_back(weighted_item(t.reader(), p, id, key, names.get(i)));
    order.push_back(id);
  }
  require_every_id_weighted(t, "criteria", p, items);
  if (order.size() > 10) t.fail("AHP compares at most 10 criteria (Saaty's random index table)", "criteria", &names);
  return order;
}

void read_ahp(const TableView& root, const ProfileLoadOptions& options, Profile& p) {
  const TableView t = root.sub_table("ahp");
  t.only_keys({"criteria", "matrix", "accept_inconsistent"});
  std::vector<WeightedItem> items;
  AhpSummary summary;
  summary.order = ahp_order(t, p, items);
  summary.matrix = read_matrix(t, summary.order.size());
  require_reciprocal(t, summary.matrix);
  const AhpResult result = ahp_weights(summary.matrix);
  summary.lambda_max = result.lambda_max;
  summary.consistency_ratio = result.consistency_ratio;
  const bool accept = options.accept_inconsistent_ahp || t.optional_boolean("accept_inconsistent").value_or(false);
  if (result.consistency_ratio > kMaxConsistencyRatio) {
    if (!accept) {
      t.fail(fmt::format("inconsistent pairwise comparisons: CR = {:.3f} > {} (set ahp.accept_inconsistent = true to use them anyway)",
                         result.consistency_ratio, kMaxConsistencyRatio),
             "matrix", t.find("matrix"));
    }
    summary.accepted_inconsistent = true;
  }
  for (std::size_t i = 0; i < items.size(); ++i) items[i].weight = result.weights[i];
  p.weights = std::move(items);
  p.ahp = std::move(summary);
}

}  // namespace

void sort_canonically(std::vector<WeightedItem>& items) {
  std::sort(items.begin(), items.end(),
            [](const WeightedItem& a, const WeightedItem& b) { return canonical_rank(a) < canonical_rank(b); });
}

void read_weights(const TableView& root, const ProfileLoadOptions& options, Profile& profile) {
  const bool direct = root.has("weights");
  const bool ahp = root.has("ahp");
  if (direct && ahp) root.fail("give either [weights] or [ahp], not both", "ahp", root.find("ahp"));
  if (!direct && !ahp) root.fail("missing key: give [weights] or [ahp]", "weights", &root.table());
  if (direct) {
    read_direct_weights(root, profile);
  } else {
    read_ahp(root, options, profile);
  }
  sort_canonically(profile.weights);
}

}  // namespace zanplan::scoring::detail
