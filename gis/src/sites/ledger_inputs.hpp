// What an assessment builds its ZAN ledger from, read once: the regime's commune envelopes,
// the territories, and the named scenario. Shared by scoring and the site dossier.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "zanplan/envelope.hpp"
#include "zanplan/ledger.hpp"
#include "zanplan/regime.hpp"

namespace zanplan::sites {

struct LedgerInputs {
  EnvelopeBook book;
  Hierarchy hierarchy;
  std::optional<Scenario> scenario;  // none: the envelopes as they stand
  [[nodiscard]] const Scenario* scenario_or_null() const { return scenario ? &*scenario : nullptr; }
};

// An empty `scenario` reads the territories from the workspace; a named one loads the
// scenario (its own regime id is not used: `regime` decides the rules) and its territories.
LedgerInputs read_ledger_inputs(const std::filesystem::path& workspace, const LegalRegime& regime, const std::string& scenario);

}  // namespace zanplan::sites
