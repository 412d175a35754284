// `zanplan explain`: the full breakdown of one candidate: facts, ZAN charge, every
// criterion's raw value, value function and sub-score, weights, score, rank, stability.
#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/assessment_options.hpp"
#include "zanplan/error.hpp"

namespace zanplan::cli {

namespace {

std::string number(double v, const char* unit) {
  if (std::isnan(v)) return "unknown";
  if (std::isinf(v)) return "none found";
  return fmt::format("{:.2f} {}", v, unit);
}

std::string describe(const scoring::ValueFunction& f) {
  switch (f.shape) {
    case scoring::ValueShape::linear:
      return fmt::format("linear: 1 at {:g}, 0 at {:g}", f.ideal, f.unacceptable);
    case scoring::ValueShape::exponential:
      return fmt::format("exponential: 1 up to {:g}, halves every {:g}", f.ideal, f.half_value);
    case scoring::ValueShape::step: {
      std::string s = "step:";
      for (std::size_t i = 0; i < f.thresholds.size(); ++i) s += fmt::format(" {:g} up to {:g},", f.scores[i], f.thresholds[i]);
      return s + fmt::format(" then {:g}", f.scores.back());
    }
  }
  return "?";
}

double raw_value(const AssessedSite& s, scoring::Criterion c) {
  using scoring::Criterion;
  switch (c) {
    case Criterion::power_distance_km: return s.facts.substation.distance_km;
    case Criterion::motorway_distance_km: return s.facts.motorway.distance_km;
    case Criterion::rail_distance_km: return s.facts.rail.distance_km;
    case Criterion::port_distance_km: return s.facts.port.distance_km;
    case Criterion::enaf_ha: return s.facts.enaf_ha;
    case Criterion::envelope_share: return s.zan.share;
  }
  return NAN;
}

void print_facts(const AssessedSite& s) {
  const auto& f = s.facts;
  std::cout << fmt::format("Site {} in {} {}{}\n", f.id, s.commune_name, f.commune, f.synthetic ? " (SYNTHETIC parcel)" : "");
  std::cout << fmt::format("  area {:.2f} ha, land class {}, ENAF {:.2f} ha\n", f.area_ha, f.land_class, f.enaf_ha);
  std::cout << fmt::format("  centroid (Lambert-93) {:.0f}, {:.0f}\n\n", f.centroid_x, f.centroid_y);
  std::cout << "Power\n";
  if (std::isinf(f.substation.distance_km)) {
    std::cout << "  no connectable substation at or above the profile's voltage\n";
  } else {
    std::cout << fmt::format("  nearest connectable substation: {} ({}), {} kV, {}\n", f.substation.name,
                             f.substation.code, f.substation.voltage_kv, number(f.substation.distance_km, "km"));
  }
  if (std::isfinite(s.ranking.connection_cost_eur)) {
    std::cout << fmt::format("  estimated connection cost: {:.1f} M€ (profile's €/km and bay assumptions)\n",
                             s.ranking.connection_cost_eur / 1e6);
  }
  std::cout << "Logistics (straight-line distance from the site's edge)\n";
  std::cout << fmt::format("  motorway access {} ({})\n", number(f.motorway.distance_km, "km"), f.motorway.code);
  std::cout << fmt::format("  freight rail point {} ({})\n", number(f.rail.distance_km, "km"), f.rail.name);
  std::cout << fmt::format("  port {} ({})\n", number(f.port.distance_km, "km"), f.port.name);
  std::cout << "ZAN\n";
  std::cout << fmt::format("  charged to: {}\n", s.zan.charged_to);
  if (s.zan.local) {
    std::cout << fmt::format("  commune envelope 2021–2030: {} (target {}), remaining {}\n", number(s.zan.envelope_ha, "ha"),
                             s.zan.target_source, number(s.zan.remaining_ha, "ha"));
    std::cout << fmt::format("  this site would use {} of what remains\n",
                             std::isinf(s.zan.share) ? std::string("more than all") : fmt::format("{:.1f} %", s.zan.share * 100));
  }
}

void print_scores(const AssessedSite& s, const scoring::Profile& profile, const Assessment& a) {
  std::cout << fmt::format("\nScoring ({}, hash {})\n", profile.name, a.profile_hash);
  for (const auto& spec : profile.criteria) {
    const double raw = raw_value(s, spec.id);
    const double sub = s.ranking.criterion_scores[scoring::index_of(spec.id)];
    std::cout << fmt::format("  {:<22} raw {:>12}  → {:.3f}   ({})\n", scoring::criterion_name(spec.id),
                             std::isfinite(raw) ? fmt::format("{:.3f}", raw) : (std::isinf(raw) ? "inf" : "unknown"),
                             std::isnan(sub) ? 0.0 : sub, describe(spec.value));
  }
  double total = 0;
  std::cout << "  weighted items:\n";
  for (std::size_t i = 0; i < profile.weights.size(); ++i) {
    const double sub = i < s.ranking.sub_scores.size() ? s.ranking.sub_scores[i] : NAN;
    const double part = profile.weights[i].weight * sub;
    if (std::isfinite(part)) total += part;
    std::cout << fmt::format("    {:<22} weight {:.3f} × sub-score {:.3f} = {:.3f}\n", profile.weights[i].id,
                             profile.weights[i].weight, sub, part);
  }
  if (!s.ranking.exclusion.empty()) {
    std::cout << fmt::format("\nEXCLUDED: {}\n", s.ranking.exclusion);
    return;
  }
  std::cout << fmt::format("  score {:.4f}{}\n", s.ranking.score,
                           std::abs(total - s.ranking.score) > 1e-9 ? " (TOPSIS closeness; the weighted sum is " + fmt::format("{:.4f}", total) + ")" : "");
  std::cout << fmt::format("\nRank {} of {}{}\n", *s.ranking.rank, a.ranked, s.ranking.pareto ? ", Pareto-optimal on (ZAN cost, power, logistics)" : "");
  if (s.ranking.stability) {
    std::cout << fmt::format("Stays in the top {} in {:.0f} % of weight perturbations\n", a.top_k, *s.ranking.stability * 100);
  }
}

}  // namespace

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
      print_facts(s);
      print_scores(s, options.profile, a);
      return;
    }
    // Not in the profile's area range: measure it alone to show why.
    SiteQuery query{.min_voltage_kv = options.profile.min_voltage_kv, .only_id = *site_id};
    auto facts = gather_site_facts(options.workspace, query);
    AssessedSite s;
    s.facts = std::move(facts.front());
    s.zan.charged_to = "-";
    s.zan.local = false;
    print_facts(s);
    std::cout << fmt::format("\nEXCLUDED: area {:.2f} ha outside {:g}–{:g} ha\n", s.facts.area_ha, options.profile.min_ha,
                             options.profile.max_ha);
  });
}

}  // namespace zanplan::cli
