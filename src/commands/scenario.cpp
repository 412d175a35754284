// `zanplan scenario WORKSPACE create|add-project|transfer|reserve|show|diff|export|list`: scenarios
// stored as append-only event logs in the workspace (docs/ledger.md).
#include <cmath>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/ledger_support.hpp"
#include "zanplan/export.hpp"
#include "zanplan/error.hpp"

namespace zanplan::cli {

namespace {

struct ScenarioArguments {
  std::string workspace, data_dir, author;
  std::string name, regime = default_regime, description;
  Project project;
  std::string from, to, reason, territory;
  double hectares = 0;
  std::string other, level = "commune";
  std::string output;
  std::string charge_level;  // create: empty = the regime's
  std::string pene_id;       // add-project: the annex I entry
};

ScenarioStore open_store(const ScenarioArguments& args) {
  return {args.workspace, regime_loader(args.data_dir)};
}

std::string author(const ScenarioArguments& args) {
  return args.author.empty() ? default_author() : args.author;
}

void show(const ScenarioArguments& args) {
  const ScenarioStore store = open_store(args);
  const Scenario s = store.load(args.name);
  std::cout << fmt::format("Scenario {} (regime {}), created by {} at {}\n{}\n\n", printable(s.name), s.regime_id,
                           printable(s.created_by), s.created_at, printable(s.description));
  std::cout << fmt::format("{:>4} {:<9} {:<12} {:<21} {}\n", "SEQ", "KIND", "AUTHOR", "TIME", "PAYLOAD");
  for (const auto& e : store.events(args.name)) {
    std::cout << fmt::format("{:>4} {:<9} {:<12} {:<21} {}\n", e.seq, e.kind, printable(e.author), e.time, printable(e.payload));
  }
  const Ledger ledger = store.ledger(args.name);
  std::size_t over = 0, tight = 0;
  for (const auto& row : ledger.rows.at(Level::commune)) {
    over += row.status == BudgetStatus::over ? 1 : 0;
    tight += row.status == BudgetStatus::tight ? 1 : 0;
  }
  std::cout << fmt::format("\n{} projects, {} transfers, {} reserves; communes over: {}, tight: {}\n",
                           s.projects.size(), s.transfers.size(), s.reserves.size(), over, tight);
  print_ledger(ledger, Level::region, std::cout);
}

// The whole log of a scenario as JSON, for the audit trail outside the workspace.
void export_log(const ScenarioArguments& args) {
  const ScenarioStore store = open_store(args);
  const Scenario s = store.load(args.name);
  nlohmann::ordered_json out{{"scenario", s.name}, {"regime", s.regime_id}, {"description", s.description},
                             {"events", nlohmann::ordered_json::array()}};
  for (const auto& e : store.events(args.name)) {
    out["events"].push_back({{"seq", e.seq}, {"kind", e.kind}, {"author", e.author}, {"time", e.time},
                             {"payload", nlohmann::ordered_json::parse(e.payload)}});
  }
  write_text_output(out.dump(2) + "\n", args.output);
  if (args.output == "-") return;
  std::cout << fmt::format("Wrote {} ({} events)\n", args.output, out["events"].size());
}

// Per territory of a level: remaining under B minus remaining under A, rows that differ only.
void diff(const ScenarioArguments& args) {
  const Level level = parse_level(args.level, "--level");
  const ScenarioStore store = open_store(args);
  const Ledger a = store.ledger(args.name);
  const Ledger b = store.ledger(args.other);
  std::cout << fmt::format("{:<10} {:<26} {:>12} {:>12} {:>10}\n", "CODE", "NAME", "REMAINING A",
                           "REMAINING B", "B − A");
  std::size_t differing = 0;
  for (const auto& row_a : a.rows.at(level)) {
    const LedgerRow* row_b = b.find(level, row_a.code);
    const double remaining_b = row_b != nullptr ? row_b->remaining_ha : 0.0;
    if (std::abs(remaining_b - row_a.remaining_ha) < 1e-9) continue;
    ++differing;
    std::cout << fmt::format("{:<10} {:<26} {:>12.2f} {:>12.2f} {:>+10.2f}\n", row_a.code,
                             clip(row_a.name, 26), row_a.remaining_ha, remaining_b,
                             remaining_b - row_a.remaining_ha);
  }
  for (const auto& row_b : b.rows.at(level)) {  // territories only B has (a reserve's)
    if (a.find(level, row_b.code) != nullptr) continue;
    ++differing;
    std::cout << fmt::format("{:<10} {:<26} {:>12} {:>12.2f} {:>+10.2f}\n", row_b.code, clip(row_b.name, 26),
                             "-", row_b.remaining_ha, row_b.remaining_ha);
  }
  std::cout << fmt::format("\n{} {} territories differ between {} and {}\n", differing, level_name(level),
                           args.name, args.other);
}

CLI::App* with_name(CLI::App* command, ScenarioArguments& args) {
  command->add_option("name", args.name, "Scenario name")->required();
  command->add_option("--author", args.author, "Recorded author (default: $USER)");
  return command;
}

}  // namespace

void add_scenario(CLI::App& app) {
  auto* command =
      app.add_subcommand("scenario", "Create, edit and compare ZAN scenarios stored in a workspace");
  auto args = std::make_shared<ScenarioArguments>();
  command->add_option("workspace", args->workspace, "Workspace GeoPackage")->required();
  command->add_option("--data-dir", args->data_dir, "Folder with regimes/ (default: the bundled data)");
  command->require_subcommand(1);

  auto* create = with_name(command->add_subcommand("create", "Start a scenario"), *args);
  create->add_option("--regime", args->regime, "Legal regime (data/regimes/NAME.toml)")
      ->capture_default_str();
  create->add_option("--description", args->description, "What the scenario is for");
  create->add_option("--charge-level", args->charge_level,
                     "Where projects are charged: commune, epci (PLUi) or scot (default: the regime's)");
  create->callback([args] {
    std::optional<ChargeLevel> level;
    if (!args->charge_level.empty()) {
      level = parse_charge_level(args->charge_level);
      if (!level) throw_usage("--charge-level must be commune, epci or scot", {.key = "--charge-level"});
    }
    open_store(*args).create(args->name, args->regime, args->description, author(*args), level);
  });

  auto* project = with_name(
      command->add_subcommand("add-project", "Add a project (charged at the scenario's level from its commune)"), *args);
  project->add_option("--id", args->project.id, "Project id, unique in the scenario")->required();
  auto* commune =
      project->add_option("--commune", args->project.commune, "INSEE code of the commune charged");
  auto* site =
      project->add_option("--site", args->project.site, "Candidate site (parcel id); its commune is charged");
  commune->excludes(site);
  project->add_option("--enaf-ha", args->project.enaf_ha, "ENAF hectares the project consumes")->required();
  project->add_option("--year", args->project.year, "Year of the land take")->required();
  project->add_flag("--industrial", args->project.industrial,
                    "Industrial land take (exempt from local envelopes under a regime that says so)");
  auto* pene = project->add_option("--pene", args->pene_id,
                                   "The project's entry in the region's annex I list (DATA_DIR/region-NN/"
                                   "pene-annex-1.csv): charged to the national forfait");
  auto* assume = project->add_flag("--assume-pene", args->project.pene_assumed,
                                   "Charge it to the national forfait as an ASSUMED PENE, not checked against "
                                   "annex I (flagged wherever it shows)");
  pene->excludes(assume);
  project->add_option("--profile", args->project.profile, "Profile (gigafactory, datacenter, …)");
  project->callback([args, commune, site] {
    if (commune->count() == 0 && site->count() == 0)
      throw_usage("give --commune or --site", {.key = "--commune"});
    ScenarioStore store = open_store(*args);
    Project recorded = args->project;
    if (!args->pene_id.empty()) {
      const PeneList list = region_pene_list(args->data_dir, store.hierarchy().region_code);
      recorded.pene_listed_id = require_annex_i(list, args->pene_id, "--pene").id;
    }
    recorded.pene = !recorded.pene_listed_id.empty() || recorded.pene_assumed;
    store.add_project(args->name, recorded, author(*args));
  });

  auto* transfer = with_name(
      command->add_subcommand("transfer", "Move hectares between communes or from a reserve"), *args);
  transfer->add_option("--from", args->from, "Commune code, or LEVEL:CODE of a reserve")->required();
  transfer->add_option("--to", args->to, "Commune code")->required();
  transfer->add_option("--hectares", args->hectares, "Hectares moved")->required();
  transfer->add_option("--reason", args->reason, "Why");
  transfer->callback([args] {
    open_store(*args).transfer(args->name, {parse_territory(args->from, "--from"), args->to, args->hectares,
                                            args->reason, author(*args), ""});
  });

  auto* reserve = with_name(command->add_subcommand("reserve", "Set a territory's reserve"), *args);
  reserve->add_option("--territory", args->territory, "LEVEL:CODE, e.g. epci:200041630 or region:32")
      ->required();
  reserve->add_option("--hectares", args->hectares, "Hectares held in reserve")->required();
  reserve->callback([args] {
    open_store(*args).set_reserve(
        args->name, {parse_territory(args->territory, "--territory"), args->hectares}, author(*args));
  });

  auto* show_command = command->add_subcommand("show", "Print a scenario's log and its regional ledger");
  show_command->add_option("name", args->name, "Scenario name")->required();
  show_command->callback([args] { show(*args); });

  auto* diff_command =
      command->add_subcommand("diff", "Per-territory difference of remaining envelopes, B − A");
  diff_command->add_option("a", args->name, "Scenario A")->required();
  diff_command->add_option("b", args->other, "Scenario B")->required();
  diff_command->add_option("--level", args->level, "commune, epci, scot, departement or region")
      ->capture_default_str();
  diff_command->callback([args] { diff(*args); });

  auto* export_command = command->add_subcommand("export", "Write a scenario's whole event log as JSON");
  export_command->add_option("name", args->name, "Scenario name")->required();
  export_command->add_option("-o,--output", args->output, "JSON file to write")->required();
  export_command->callback([args] { export_log(*args); });

  auto* list = command->add_subcommand("list", "List the scenarios of a workspace");
  list->callback([args] {
    for (const auto& name : open_store(*args).scenarios()) std::cout << printable(name) << '\n';
  });
}

}  // namespace zanplan::cli
