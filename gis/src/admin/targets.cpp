// ZAN reduction targets of the SRADDET territorialisation (sparte Django fixture), joined to
// the workspace's region, EPCI and SCoT.
#include "admin/admin_import.hpp"
#include "admin/json_input.hpp"
#include "text/csv.hpp"
#include "zanplan/error.hpp"

namespace zanplan::importer::admin {

std::map<std::string, CrosswalkEntry> read_scot_crosswalk(const std::filesystem::path& path) {
  const auto table = text::CsvTable::read(path, {.separator = ','});
  const std::size_t key_column = table.column("scot_key");
  const std::size_t siren_column = table.column("siren");
  const auto join_column = table.find_column("join");
  std::map<std::string, CrosswalkEntry> crosswalk;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto row = table.row(i);
    const std::string& key = row.at(key_column);
    const std::string& siren = row.at(siren_column);
    if (key.empty()) throw_input("empty SCoT key", {.file = path.string(), .line = row.line(), .key = "scot_key"});
    if (siren.empty()) throw_input("empty SIREN", {.file = path.string(), .line = row.line(), .key = "siren"});
    const std::string join = join_column ? row.at(*join_column) : std::string("scot");
    if (join != "scot" && join != "epci") {
      throw_input("join must be scot or epci, not '" + join + "'", {.file = path.string(), .line = row.line(), .key = "join"});
    }
    if (!crosswalk.emplace(key, CrosswalkEntry{siren, join == "epci"}).second) {
      throw_input("SCoT key " + key + " appears twice", {.file = path.string(), .line = row.line(), .key = "scot_key"});
    }
  }
  return crosswalk;
}

namespace {

bool strip_prefix(std::string_view text, std::string_view prefix, std::string& rest) {
  if (!text.starts_with(prefix)) return false;
  rest = std::string(text.substr(prefix.size()));
  return !rest.empty();
}

// Fills level, territory_id, mapped and scot_id from the territory key.
void join_territory(ZanTarget& target, const TargetJoin& join, const JsonRecord& fields) {
  std::string id;
  if (strip_prefix(target.territory_key, "REGION_", id)) {
    target.level = "region";
    target.mapped = id == join.region_code;
    if (!target.mapped) target.unmapped_reason = "region " + id + " is not the workspace's region";
  } else if (strip_prefix(target.territory_key, "EPCI_", id)) {
    target.level = "epci";
    target.mapped = join.region_epcis.contains(id);
    // An EPCI that holds the SCoT competence itself is also a workspace SCoT.
    if (target.mapped && join.scot_ids.contains(id)) target.scot_id = id;
    if (!target.mapped) target.unmapped_reason = "EPCI " + id + " has no commune in the region";
  } else if (strip_prefix(target.territory_key, "SCOT_", id)) {
    target.level = "scot";
    auto crossed = join.crosswalk.find(target.territory_key);
    if (crossed == join.crosswalk.end()) {
      target.unmapped_reason = "not in scot_crosswalk (no SUDOCUH-to-SIREN join established)";
    } else if (crossed->second.to_epci) {
      // The SCoT's perimeter is one EPCI that Docurba does not list as holding the competence.
      target.level = "epci";
      target.mapped = join.region_epcis.contains(crossed->second.siren);
      if (!target.mapped) target.unmapped_reason = "crosswalk EPCI " + crossed->second.siren + " has no commune in the region";
      target.territory_id = crossed->second.siren;
      return;
    } else if (join.scot_ids.contains(crossed->second.siren)) {
      target.mapped = true;
      target.scot_id = crossed->second.siren;
    } else {
      target.unmapped_reason = "crosswalk SIREN " + crossed->second.siren +
                               " is not a workspace SCoT (no commune assigned to it)";
    }
  } else if (strip_prefix(target.territory_key, "CUSTOM_", id)) {
    target.level = "scot";
    target.mapped = join.scot_ids.contains(id);
    if (target.mapped) target.scot_id = id;
    if (!target.mapped) target.unmapped_reason = "custom SCoT " + id + " has no commune in the region";
  } else {
    fields.fail("unknown territory key '" + target.territory_key + "' (expected REGION_, EPCI_, SCOT_ or CUSTOM_)",
                "land");
  }
  target.territory_id = id;
}

std::string optional_string(const JsonRecord& fields, const std::string& key) {
  return fields.has(key) ? fields.string(key) : std::string{};
}

}  // namespace

std::vector<ZanTarget> read_zan_targets(const std::filesystem::path& path, const TargetJoin& join) {
  const auto document = read_json_file(path);
  const auto& records = require_array(document, path);
  std::vector<ZanTarget> targets;
  std::int64_t index = 0;
  for (const auto& item : records) {
    const JsonRecord record(item, path, index++);
    if (!record.has("fields")) record.fail("missing property", "fields");
    const auto fields = record.nested(record.value().at("fields"), "fields");
    ZanTarget target{.territory_key = fields.string("land"),
                     .level = {},
                     .territory_id = {},
                     .parent_key = optional_string(fields, "parent"),
                     .reduction_pct = fields.number("objectif_de_reduction"),
                     .document = optional_string(fields, "nom_document"),
                     .mapped = false,
                     .scot_id = {},
                     .unmapped_reason = {}};
    if (target.reduction_pct < 0.0 || target.reduction_pct > 100.0) {
      fields.fail("reduction must be a percentage between 0 and 100", "objectif_de_reduction");
    }
    join_territory(target, join, fields);
    targets.push_back(std::move(target));
  }
  return targets;
}

}  // namespace zanplan::importer::admin
