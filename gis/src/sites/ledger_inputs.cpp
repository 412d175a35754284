#include "sites/ledger_inputs.hpp"

namespace zanplan::sites {

LedgerInputs read_ledger_inputs(const std::filesystem::path& workspace, const LegalRegime& regime, const std::string& scenario) {
  EnvelopeBook book = commune_envelopes(workspace, regime);
  if (scenario.empty()) return {std::move(book), read_hierarchy(workspace), std::nullopt};
  ScenarioStore store(workspace, [&](const std::string&) { return regime; });
  std::optional<Scenario> loaded = store.load(scenario);
  return {std::move(book), store.hierarchy(), std::move(loaded)};
}

}  // namespace zanplan::sites
