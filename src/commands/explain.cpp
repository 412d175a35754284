// `zanplan explain`: the full breakdown of one candidate: facts, ZAN charge, every
// criterion's raw value, value function and sub-score, weights, score, rank, stability.
#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/assessment_options.hpp"
#include "zanplan/error.hpp"
#include "zanplan/explain.hpp"

namespace zanplan::cli {

void add_explain(CLI::App& app) {
  auto* command = app.add_subcommand("explain", "Explain one candidate's facts, ZAN charge, scores and rank");
  auto args = std::make_shared<AssessmentArguments>();
  auto site_id = std::make_shared<std::string>();
  add_assessment_options(*command, args);
  command->add_option("site", *site_id, "Candidate id (parcel id)")->required();
  command->callback([args, site_id] {
    AssessmentOptions options = to_assessment_options(*args);
    Progress progress(!args->quiet && stderr_is_terminal());
    options.progress = [&progress](std::string_view stage, double f) { progress.update(stage, f); };
    const Assessment a = assess_sites(options);
    progress.done();
    for (const auto& s : a.sites) {
      if (s.facts.id != *site_id) continue;
      std::cout << explain_site(s, options.profile, a);
      return;
    }
    // Not in the profile's area range: measure it alone to show why.
    SiteQuery query{.min_voltage_kv = options.profile.min_voltage_kv, .only_id = *site_id};
    auto facts = gather_site_facts(options.workspace, query);
    std::cout << explain_outside_area_range(facts.front(), options.profile);
  });
}

}  // namespace zanplan::cli
