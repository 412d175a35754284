#include "commands/assessment_options.hpp"

#include <cstdlib>

#include "zanplan/error.hpp"
#include "zanplan/numbers.hpp"

#ifndef ZANPLAN_DEFAULT_DATA_DIR
#define ZANPLAN_DEFAULT_DATA_DIR "data"
#endif

namespace zanplan::cli {

std::filesystem::path data_dir(const std::string& data_dir_option) {
  if (!data_dir_option.empty()) return data_dir_option;
  if (const char* env = std::getenv("ZANPLAN_DATA_DIR")) return env;
  return ZANPLAN_DEFAULT_DATA_DIR;
}

namespace {

std::filesystem::path regime_path(const std::filesystem::path& dir, const std::string& name_or_path) {
  if (name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".toml")) return name_or_path;
  return dir / "regimes" / (name_or_path + ".toml");
}

}  // namespace

void add_assessment_options(CLI::App& command, const std::shared_ptr<AssessmentArguments>& args) {
  command.add_option("workspace", args->workspace, "Workspace GeoPackage")->required();
  command.add_option("-p,--profile", args->profile, "Profile name (data/profiles/NAME.toml) or path")
      ->capture_default_str();
  command.add_option("--regime", args->regime, "Legal regime name (data/regimes/NAME.toml) or path")
      ->capture_default_str();
  command.add_option("-s,--scenario", args->scenario,
                     "Ledger scenario whose projects and transfers change the communes' remaining envelopes");
  command.add_option("-w,--weight", args->weights,
                     "Weight override CRITERION=VALUE in [0,1], repeatable; the others are rescaled");
  command.add_option("-m,--method", args->method, "Aggregation: weighted-sum or topsis (default: the profile's)")
      ->check(CLI::IsMember({"weighted-sum", "topsis"}));
  command.add_option("--top", args->top, "How many top sites to show and test for stability, 1 to 100000 (default: the profile's)");
  command.add_option("--runs", args->runs, "Monte Carlo runs of the weight sensitivity, at most 100000 (0: the profile's)");
  command.add_option("--seed", args->seed, "Seed of the weight sensitivity")->each([args](const std::string&) {
    args->seed_given = true;
  });
  command.add_flag("--pene", args->pene,
                   "The project is PENE (national or European scope): its ENAF land is charged to the national forfait");
  command.add_flag("--no-pene", args->no_pene, "The project is not PENE: its ENAF land is charged to local envelopes (at the regime's or scenario's level)");
  command.add_flag("--accept-inconsistent-ahp", args->accept_inconsistent_ahp,
                   "Accept an AHP matrix whose consistency ratio exceeds 0.1");
  command.add_option("--data-dir", args->data_dir, "Folder with profiles/ and regimes/ (default: the bundled data)");
  command.add_flag("-q,--quiet", args->quiet, "No progress and no table");
}

AssessmentOptions to_assessment_options(const AssessmentArguments& args) {
  const auto dir = data_dir(args.data_dir);
  AssessmentOptions options;
  options.workspace = args.workspace;
  options.profile = scoring::load_profile(scoring::profile_path(dir, args.profile),
                                          {.accept_inconsistent_ahp = args.accept_inconsistent_ahp});
  if (!args.weights.empty()) scoring::apply_weight_overrides(options.profile, args.weights);
  options.regime = load_regime(regime_path(dir, args.regime));
  if (args.pene && args.no_pene) throw_usage("--pene and --no-pene contradict each other", {.key = "--pene"});
  // PENE status is an input: the command line's, else the profile's stated default.
  options.scenario = args.scenario;
  options.pene = args.pene || (!args.no_pene && options.profile.pene_by_default);
  if (!args.method.empty()) {
    options.ranking.aggregation = args.method == "topsis" ? scoring::Aggregation::topsis : scoring::Aggregation::weighted_sum;
  }
  if (!args.top.empty()) {
    options.ranking.top_k = static_cast<std::size_t>(flag_integer(args.top, "--top", 1, scoring::max_top_k));
  }
  const std::int64_t runs = args.runs.empty() ? 0 : flag_integer(args.runs, "--runs", 0, scoring::max_sensitivity_runs);
  if (runs > 0 || args.seed_given) {
    scoring::SensitivitySettings s = options.profile.sensitivity;
    if (runs > 0) s.runs = static_cast<std::size_t>(runs);
    if (args.seed_given) s.seed = args.seed;
    options.ranking.sensitivity = s;
  }
  return options;
}

}  // namespace zanplan::cli
