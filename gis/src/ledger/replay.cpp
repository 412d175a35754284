// Scenario events as JSON, and a scenario's state as the replay of its log.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ledger/payload.hpp"
#include "zanplan/error.hpp"

namespace zanplan {

namespace ledger {

using nlohmann::json;

std::string create_payload(const std::string& name, const std::string& regime_id, const std::string& description,
                           std::optional<ChargeLevel> charge_level) {
  json payload{{"name", name}, {"regime", regime_id}, {"description", description}};
  if (charge_level) payload["charge_level"] = charge_level_name(*charge_level);
  return payload.dump();
}

std::string project_payload(const Project& p) {
  return json{{"id", p.id},     {"commune", p.commune}, {"site", p.site},       {"enaf_ha", p.enaf_ha},
              {"year", p.year}, {"pene", p.pene},       {"profile", p.profile}, {"industrial", p.industrial},
              {"pene_listed_id", p.pene_listed_id}, {"pene_assumed", p.pene_assumed}}
      .dump();
}

std::string transfer_payload(const Transfer& t) {
  return json{{"from", t.from.text()}, {"to", t.to},         {"hectares", t.hectares},
              {"reason", t.reason},    {"author", t.author}, {"time", t.time}}
      .dump();
}

std::string reserve_payload(const Reserve& r) {
  return json{{"territory", r.territory.text()}, {"hectares", r.hectares}}.dump();
}

namespace {

[[noreturn]] void malformed(const ScenarioEvent& event, const std::string& what) {
  throw_workspace(
      fmt::format("scenario '{}', event {} ({}): {}", event.scenario, event.seq, event.kind, what),
      {.layer = "zanplan_scenario_events", .feature = event.seq});
}

template <typename T>
T field(const json& payload, const ScenarioEvent& event, const char* key) {
  if (!payload.contains(key)) malformed(event, fmt::format("payload has no '{}'", key));
  try {
    return payload.at(key).get<T>();
  } catch (const json::exception&) {
    malformed(event, fmt::format("payload field '{}' has the wrong type", key));
  }
}

// A field added after the log format was first used: absent in older events.
bool optional_flag(const json& payload, const ScenarioEvent& event, const char* key) {
  return payload.contains(key) ? field<bool>(payload, event, key) : false;
}

std::string optional_text(const json& payload, const ScenarioEvent& event, const char* key) {
  return payload.contains(key) ? field<std::string>(payload, event, key) : std::string();
}

TerritoryRef territory_field(const json& payload, const ScenarioEvent& event, const char* key) {
  try {
    return parse_territory(field<std::string>(payload, event, key), key);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::workspace) throw;
    malformed(event, e.message());
  }
}

}  // namespace

void apply_event(Scenario& s, const ScenarioEvent& event) {
  json payload;
  try {
    payload = json::parse(event.payload);
  } catch (const json::exception&) {
    malformed(event, "the payload is not JSON");
  }
  if (!payload.is_object()) malformed(event, "the payload is not a JSON object");
  if (event.kind == "create") {
    if (event.seq != 1) malformed(event, "a scenario is created by its first event only");
    s.name = field<std::string>(payload, event, "name");
    s.regime_id = field<std::string>(payload, event, "regime");
    s.description = field<std::string>(payload, event, "description");
    if (payload.contains("charge_level")) {
      const auto level = parse_charge_level(field<std::string>(payload, event, "charge_level"));
      if (!level) malformed(event, "charge_level is not commune, epci or scot");
      s.charge_level = level;
    }
    s.created_by = event.author;
    s.created_at = event.time;
  } else if (event.seq == 1) {
    malformed(event, "the first event of a scenario must be 'create'");
  } else if (event.kind == "project") {
    s.projects.push_back(
        {field<std::string>(payload, event, "id"), field<std::string>(payload, event, "commune"),
         field<std::string>(payload, event, "site"), field<double>(payload, event, "enaf_ha"),
         field<int>(payload, event, "year"), field<bool>(payload, event, "pene"),
         field<std::string>(payload, event, "profile"), optional_flag(payload, event, "industrial"),
         optional_text(payload, event, "pene_listed_id"), optional_flag(payload, event, "pene_assumed")});
  } else if (event.kind == "transfer") {
    s.transfers.push_back(
        {territory_field(payload, event, "from"), field<std::string>(payload, event, "to"),
         field<double>(payload, event, "hectares"), field<std::string>(payload, event, "reason"),
         field<std::string>(payload, event, "author"), field<std::string>(payload, event, "time")});
  } else if (event.kind == "reserve") {
    s.reserves[territory_field(payload, event, "territory")] = field<double>(payload, event, "hectares");
  } else {
    malformed(event, "unknown event kind");
  }
  ++s.event_count;
}

}  // namespace ledger

Scenario replay(const std::vector<ScenarioEvent>& events) {
  Scenario scenario;
  std::int64_t expected = 1;
  for (const auto& event : events) {
    if (event.seq != expected) {
      throw_workspace(fmt::format("scenario '{}': event {} follows event {} (the log must be 1, 2, 3 …)",
                                  event.scenario, event.seq, expected - 1),
                      {.layer = "zanplan_scenario_events", .feature = event.seq});
    }
    ledger::apply_event(scenario, event);
    ++expected;
  }
  return scenario;
}

}  // namespace zanplan
