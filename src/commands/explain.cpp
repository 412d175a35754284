// `zanplan explain`: the full breakdown of one candidate: facts, ZAN charge, every
// criterion's raw value, value function and sub-score, weights, score, rank, stability.
#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/assessment_options.hpp"
#include "zanplan/error.hpp"
#include "zanplan/explain.hpp"
#include "zanplan/site_assembly.hpp"

#include <fmt/format.h>

namespace zanplan::cli {

namespace {

void print_parcels(const std::vector<SiteParcel>& parcels) {
  if (parcels.empty()) return;
  std::cout << fmt::format("\nParcels ({}, in the order they joined the site)\n", parcels.size());
  std::cout << fmt::format("  {:<16} {:<7} {:<11} {:>10} {:>10}\n", "PARCEL", "COMMUNE", "LAND", "AREA m²", "ENAF m²");
  for (const auto& p : parcels) {
    std::cout << fmt::format("  {:<16} {:<7} {:<11} {:>10.0f} {:>10.0f}\n", printable(p.parcel_id), printable(p.commune), p.use, p.area_m2, p.enaf_m2);
  }
}

}  // namespace

void add_explain(CLI::App& app) {
  auto* command = app.add_subcommand("explain", "Explain one candidate's facts, ZAN charge, scores and rank");
  auto args = std::make_shared<AssessmentArguments>();
  auto site_id = std::make_shared<std::string>();
  add_assessment_options(*command, args);
  command->add_option("site", *site_id, "Candidate id (a site id, or a parcel id when the workspace has no assembled sites)")->required();
  command->callback([args, site_id] {
    AssessmentOptions options = to_assessment_options(*args);
    Progress progress(!args->quiet && stderr_is_terminal());
    options.progress = [&progress](std::string_view stage, double f) { progress.update(stage, f); };
    const Assessment a = assess_sites(options);
    progress.done();
    for (const auto& s : a.sites) {
      if (s.facts.id != *site_id) continue;
      std::cout << explain_site(s, options.profile, a);
      print_parcels(read_site_parcels(options.workspace, options.profile, *site_id));
      return;
    }
    // Not in the profile's area range: measure it alone to show why.
    SiteQuery query = site_query_for(options.profile);
    query.only_id = *site_id;
    auto facts = gather_site_facts(options.workspace, query);
    std::cout << explain_outside_area_range(facts.sites.front(), options.profile);
  });
}

}  // namespace zanplan::cli
