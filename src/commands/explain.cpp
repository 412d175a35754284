// `zanplan explain`: the full breakdown of one candidate: facts, ZAN charge, every
// criterion's raw value, value function and sub-score, weights, score, rank, stability.
#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/assessment_options.hpp"
#include "zanplan/error.hpp"
#include "zanplan/explain.hpp"
#include "zanplan/labels.hpp"
#include "zanplan/site_assembly.hpp"

#include <fmt/format.h>

namespace zanplan::cli {

namespace {

void print_parcels(const std::vector<SiteParcel>& parcels, Lang lang) {
  if (parcels.empty()) return;
  std::cout << fmt::format(fmt::runtime(lang == Lang::en ? "\nParcels ({}, in the order they joined the site)\n"
                                                          : "\nParcelles ({}, dans l'ordre où elles ont rejoint le site)\n"),
                           parcels.size());
  std::cout << fmt::format("  {:<16} {:<7} {:<11} {:>10} {:>10}\n", pick(lang, "PARCEL", "PARCELLE"), "COMMUNE",
                           pick(lang, "LAND", "OCCUPATION"), pick(lang, "AREA m²", "SURF. m²"), "ENAF m²");
  for (const auto& p : parcels) {
    std::cout << fmt::format("  {:<16} {:<7} {:<11} {:>10} {:>10}\n", printable(p.parcel_id), printable(p.commune),
                             land_class_label(p.use, lang), format_number(p.area_m2, 0, lang), format_number(p.enaf_m2, 0, lang));
  }
}

}  // namespace

void add_explain(CLI::App& app) {
  auto* command = app.add_subcommand("explain", "Explain one candidate's facts, ZAN charge, scores and rank");
  auto args = std::make_shared<AssessmentArguments>();
  auto site_id = std::make_shared<std::string>();
  auto lang_text = std::make_shared<std::string>();
  add_assessment_options(*command, args);
  command->add_option("--lang", *lang_text, "Language of the breakdown: fr or en (default: the locale's)");
  command->add_option("site", *site_id, "Candidate id (a site id, or a parcel id when the workspace has no assembled sites)")->required();
  command->callback([args, site_id, lang_text] {
    const Lang lang = lang_option(*lang_text);
    AssessmentOptions options = to_assessment_options(*args);
    Progress progress(!args->quiet && stderr_is_terminal());
    options.progress = [&progress](std::string_view stage, double f) { progress.update(stage, f); };
    const Assessment a = assess_sites(options);
    progress.done();
    for (const auto& s : a.sites) {
      if (s.facts.id != *site_id) continue;
      std::cout << explain_site(s, options.profile, a, lang);
      print_parcels(read_site_parcels(options.workspace, options.profile, *site_id), lang);
      return;
    }
    // Not in the profile's area range: measure it alone to show why.
    SiteQuery query = site_query_for(options.profile);
    query.only_id = *site_id;
    auto facts = gather_site_facts(options.workspace, query);
    std::cout << explain_outside_area_range(facts.sites.front(), options.profile, lang);
  });
}

}  // namespace zanplan::cli
