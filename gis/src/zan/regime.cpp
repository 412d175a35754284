#include "zanplan/regime.hpp"

#include <set>

#include <toml++/toml.h>

#include "zanplan/error.hpp"

namespace zanplan {

namespace {

class RegimeReader {
 public:
  RegimeReader(const toml::table& root, std::filesystem::path path) : root_(root), path_(std::move(path)) {}

  [[nodiscard]] std::int64_t line_of(const toml::node& node) const {
    return static_cast<std::int64_t>(node.source().begin.line);
  }

  [[noreturn]] void fail(const std::string& message, const std::string& key, const toml::node* node) const {
    throw_config(message, {.file = path_.string(), .line = node != nullptr ? std::optional(line_of(*node)) : std::nullopt, .key = key});
  }

  const toml::table& section(const std::string& name, const std::set<std::string>& fields) const {
    const toml::node* node = root_.get(name);
    if (node == nullptr || !node->is_table()) fail("missing table", name, node);
    const toml::table& table = *node->as_table();
    for (const auto& [key, value] : table) {
      if (!fields.contains(std::string(key.str())) && key.str() != "source") {
        fail("unknown key", name + "." + std::string(key.str()), &value);
      }
    }
    const toml::node* source = table.get("source");
    if (source == nullptr || !source->is_string() || source->value<std::string>()->empty()) {
      fail("every rule must cite its legal source", name + ".source", node);
    }
    return table;
  }

  [[nodiscard]] double number(const toml::table& table, const std::string& section_name, const std::string& key,
                              double min, double max) const {
    const toml::node* node = table.get(key);
    const std::string full = section_name + "." + key;
    if (node == nullptr) fail("missing key", full, &table);
    std::optional<double> value = node->value<double>();
    if (!value) fail("must be a number", full, node);
    if (*value < min || *value > max) {
      fail("must be between " + std::to_string(min) + " and " + std::to_string(max), full, node);
    }
    return *value;
  }

  [[nodiscard]] int year(const toml::table& table, const std::string& section_name, const std::string& key) const {
    return static_cast<int>(number(table, section_name, key, 1900, 2200));
  }

  [[nodiscard]] std::string text(const std::string& key) const {
    const toml::node* node = root_.get(key);
    if (node == nullptr || !node->is_string()) fail("missing string", key, node);
    return *node->value<std::string>();
  }

  YearRange range(const std::string& name) const {
    const auto& table = section(name, {"first_year", "last_year"});
    YearRange r{year(table, name, "first_year"), year(table, name, "last_year")};
    if (r.last_year < r.first_year) fail("last_year is before first_year", name + ".last_year", table.get("last_year"));
    return r;
  }

  const toml::table& root_;
  std::filesystem::path path_;
};

}  // namespace

LegalRegime load_regime(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw_config("legal regime file not found", {.file = path.string()});
  toml::table root;
  try {
    root = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    throw_config(std::string(e.description()), {.file = path.string(), .line = static_cast<std::int64_t>(e.source().begin.line)});
  }
  const std::set<std::string> known{"id", "name", "status", "description", "reference_period", "first_tranche",
                                    "national_reduction", "communal_guarantee", "pene", "net_artificialisation",
                                    "industry"};
  RegimeReader r(root, path);
  for (const auto& [key, value] : root) {
    if (!known.contains(std::string(key.str()))) r.fail("unknown key", std::string(key.str()), &value);
  }

  LegalRegime regime;
  regime.path = path;
  regime.id = r.text("id");
  regime.name = r.text("name");
  regime.status = r.text("status");
  if (regime.status != "law" && regime.status != "proposal") {
    r.fail("status must be \"law\" or \"proposal\"", "status", root.get("status"));
  }
  regime.description = r.text("description");
  regime.reference_period = r.range("reference_period");
  regime.first_tranche = r.range("first_tranche");

  const auto& reduction = r.section("national_reduction", {"percent"});
  regime.national_reduction_pct = r.number(reduction, "national_reduction", "percent", 0, 100);

  const auto& guarantee = r.section("communal_guarantee", {"hectares", "commune_nouvelle_extra_hectares", "commune_nouvelle_cap_hectares"});
  regime.communal_guarantee_ha = r.number(guarantee, "communal_guarantee", "hectares", 0, 1000);
  regime.commune_nouvelle_extra_ha = r.number(guarantee, "communal_guarantee", "commune_nouvelle_extra_hectares", 0, 1000);
  regime.commune_nouvelle_cap_ha = r.number(guarantee, "communal_guarantee", "commune_nouvelle_cap_hectares", 0, 1000);

  const auto& pene = r.section("pene", {"national_forfait_hectares", "pooled_among_regions_hectares"});
  regime.pene_national_forfait_ha = r.number(pene, "pene", "national_forfait_hectares", 0, 1e7);
  regime.pene_pooled_among_regions_ha = r.number(pene, "pene", "pooled_among_regions_hectares", 0, regime.pene_national_forfait_ha);

  const auto& net = r.section("net_artificialisation", {"from_year", "net_zero_year"});
  regime.net_artificialisation_from = r.year(net, "net_artificialisation", "from_year");
  regime.net_zero_year = r.year(net, "net_artificialisation", "net_zero_year");

  const auto& industry = r.section("industry", {"exempt_from_local_envelopes"});
  const toml::node* exempt = industry.get("exempt_from_local_envelopes");
  if (exempt == nullptr || !exempt->is_boolean()) r.fail("must be true or false", "industry.exempt_from_local_envelopes", &industry);
  regime.industry_exempt_from_local_envelopes = *exempt->value<bool>();
  return regime;
}

}  // namespace zanplan
