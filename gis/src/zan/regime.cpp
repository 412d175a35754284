#include "zanplan/regime.hpp"

#include <array>
#include <charconv>
#include <set>

#include <toml++/toml.h>

#include "text/file.hpp"
#include "zanplan/error.hpp"
#include "zanplan/numbers.hpp"

namespace zanplan {

std::string charge_level_name(ChargeLevel level) {
  switch (level) {
    case ChargeLevel::commune:
      return "commune";
    case ChargeLevel::epci:
      return "epci";
    case ChargeLevel::scot:
      return "scot";
  }
  return "?";
}

std::optional<ChargeLevel> parse_charge_level(const std::string& text) {
  if (text == "commune") return ChargeLevel::commune;
  if (text == "epci" || text == "plui") return ChargeLevel::epci;
  if (text == "scot") return ChargeLevel::scot;
  return std::nullopt;
}

std::optional<Date> parse_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto part = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    int value = 0;
    const char* first = text.data() + at;
    const auto [end, error] = std::from_chars(first, first + length, value);
    if (error != std::errc() || end != first + length) return std::nullopt;
    return value;
  };
  const auto year = part(0, 4), month = part(5, 2), day = part(8, 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
  const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = days[static_cast<std::size_t>(*month - 1)] + (*month == 2 && leap ? 1 : 0);
  if (*day > last) return std::nullopt;
  return Date{*year, *month, *day};
}

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
    if (!value || node->is_boolean()) fail("must be a number", full, node);
    return check_number(*value, {min, max}, ErrorKind::config,
                        {.file = path_.string(), .line = line_of(*node), .key = full});
  }

  [[nodiscard]] std::optional<double> optional_number(const toml::table& table, const std::string& section_name,
                                                     const std::string& key, double min, double max) const {
    if (table.get(key) == nullptr) return std::nullopt;
    return number(table, section_name, key, min, max);
  }

  [[nodiscard]] std::string word(const toml::table& table, const std::string& section_name,
                                 const std::string& key) const {
    const toml::node* node = table.get(key);
    if (node == nullptr || !node->is_string()) fail("missing string", section_name + "." + key, node != nullptr ? node : &table);
    return *node->value<std::string>();
  }

  [[nodiscard]] bool flag(const toml::table& table, const std::string& section_name, const std::string& key) const {
    const toml::node* node = table.get(key);
    if (node == nullptr || !node->is_boolean()) fail("must be true or false", section_name + "." + key, node != nullptr ? node : &table);
    return *node->value<bool>();
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
  const std::string content = text::read_file(path, ErrorKind::config, "legal regime file");
  toml::table root;
  try {
    root = toml::parse(content, path.string());
  } catch (const toml::parse_error& e) {
    throw_config(std::string(e.description()), {.file = path.string(), .line = static_cast<std::int64_t>(e.source().begin.line)});
  }
  const std::set<std::string> known{"id", "name", "status", "description", "reference_period", "first_tranche",
                                    "national_reduction", "communal_guarantee", "pene", "charging",
                                    "net_artificialisation", "industry"};
  RegimeReader r(root, path);
  for (const auto& [key, value] : root) {
    if (!known.contains(std::string(key.str()))) r.fail("unknown key", std::string(key.str()), &value);
  }

  LegalRegime regime;
  regime.path = path;
  regime.id = r.text("id");
  regime.name = r.text("name");
  regime.status = r.text("status");
  if (regime.status != "law" && regime.status != "bill") {
    r.fail("status must be \"law\" or \"bill\" (a proposal under debate)", "status", root.get("status"));
  }
  regime.description = r.text("description");
  regime.reference_period = r.range("reference_period");
  regime.first_tranche = r.range("first_tranche");

  const auto& reduction = r.section("national_reduction", {"percent", "sraddet_region_minimum_percent"});
  regime.national_reduction_pct = r.number(reduction, "national_reduction", "percent", 0, 100);
  regime.sraddet_region_minimum_pct =
      r.optional_number(reduction, "national_reduction", "sraddet_region_minimum_percent", 0, 100);

  const auto& guarantee =
      r.section("communal_guarantee", {"hectares", "commune_nouvelle_extra_hectares", "commune_nouvelle_cap_hectares",
                                       "documents_before", "poolable_at_epci"});
  regime.communal_guarantee_ha = r.number(guarantee, "communal_guarantee", "hectares", 0, 1000);
  regime.commune_nouvelle_extra_ha = r.number(guarantee, "communal_guarantee", "commune_nouvelle_extra_hectares", 0, 1000);
  regime.commune_nouvelle_cap_ha = r.number(guarantee, "communal_guarantee", "commune_nouvelle_cap_hectares", 0, 1000);
  if (regime.commune_nouvelle_cap_ha < regime.communal_guarantee_ha) {
    r.fail("the commune-nouvelle cap is below the guarantee itself", "communal_guarantee.commune_nouvelle_cap_hectares",
           guarantee.get("commune_nouvelle_cap_hectares"));
  }
  const auto before = parse_date(r.word(guarantee, "communal_guarantee", "documents_before"));
  if (!before) r.fail("must be a date YYYY-MM-DD", "communal_guarantee.documents_before", guarantee.get("documents_before"));
  regime.guarantee_documents_before = *before;
  regime.guarantee_poolable_at_epci = r.flag(guarantee, "communal_guarantee", "poolable_at_epci");

  const auto& pene =
      r.section("pene", {"national_forfait_hectares", "pooled_among_regions_hectares", "sdrif_sar_padduc_hectares"});
  regime.pene_national_forfait_ha = r.number(pene, "pene", "national_forfait_hectares", 0, max_hectares);
  regime.pene_pooled_among_regions_ha = r.number(pene, "pene", "pooled_among_regions_hectares", 0, regime.pene_national_forfait_ha);
  regime.pene_sdrif_sar_padduc_ha = r.number(pene, "pene", "sdrif_sar_padduc_hectares", 0, regime.pene_national_forfait_ha);
  if (regime.pene_pooled_among_regions_ha + regime.pene_sdrif_sar_padduc_ha > regime.pene_national_forfait_ha + 1e-9) {
    r.fail("the regional shares exceed the national forfait", "pene.sdrif_sar_padduc_hectares",
           pene.get("sdrif_sar_padduc_hectares"));
  }

  const auto& charging = r.section("charging", {"level"});
  const auto level = parse_charge_level(r.word(charging, "charging", "level"));
  if (!level) r.fail("must be \"commune\", \"epci\" or \"scot\"", "charging.level", charging.get("level"));
  regime.charge_level = *level;

  const auto& net = r.section("net_artificialisation", {"from_year", "net_zero_year"});
  regime.net_artificialisation_from = r.year(net, "net_artificialisation", "from_year");
  regime.net_zero_year = r.year(net, "net_artificialisation", "net_zero_year");

  const auto& industry = r.section("industry", {"exempt_from_local_envelopes"});
  regime.industry_exempt_from_local_envelopes = r.flag(industry, "industry", "exempt_from_local_envelopes");
  return regime;
}

}  // namespace zanplan
