// JSON payloads of scenario events. Internal to the ledger module.
#pragma once

#include <optional>
#include <string>

#include "zanplan/ledger.hpp"

namespace zanplan::ledger {

std::string create_payload(const std::string& name, const std::string& regime_id, const std::string& description,
                           std::optional<ChargeLevel> charge_level);
std::string project_payload(const Project& project);
std::string transfer_payload(const Transfer& transfer);
std::string reserve_payload(const Reserve& reserve);

// Applies one event to a scenario; throws a workspace error naming scenario and seq when the
// payload is not what its kind requires.
void apply_event(Scenario& scenario, const ScenarioEvent& event);

}  // namespace zanplan::ledger
