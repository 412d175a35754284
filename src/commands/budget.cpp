// `zanplan budget`: the ZAN ledger of a workspace at one level, optionally under a scenario;
// printed, and written as CSV and as a GeoJSON choropleth of remaining envelopes.
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/ledger_support.hpp"
#include "zanplan/error.hpp"

namespace zanplan::cli {

namespace {

struct BudgetArguments {
  std::string workspace;
  std::string level = "commune";
  std::string scenario;
  std::string regime;  // empty: the scenario's, else the law in force
  std::string code;
  std::string csv;
  std::string geojson;
  std::string trajectory;  // yearly CSV of the territory (--level/--code; default the region)
  std::string chart;       // the same as an SVG chart
  std::string data_dir;
};

// A row is shown when it is the territory asked for or, at a finer level, lies inside it.
bool selected(const Hierarchy& h, Level level, const LedgerRow& row, const std::string& code) {
  if (code.empty() || row.code == code) return true;
  if (level != Level::commune) return false;
  for (Level parent : {Level::epci, Level::scot, Level::departement, Level::region}) {
    if (h.territory_of(row.code, parent) == code) return true;
  }
  return false;
}

void run_budget(const BudgetArguments& args) {
  const Level level = parse_level(args.level, "--level");
  if (!args.geojson.empty() && level != Level::commune && level != Level::epci && level != Level::scot) {
    throw_usage("--geojson needs --level commune, epci or scot (the layers with outlines)",
                {.key = "--geojson"});
  }
  // With an export on standard output ("-"), standard output holds only that export.
  const bool data_on_standard_output = args.csv == "-" || args.geojson == "-" || args.trajectory == "-";
  if (static_cast<int>(args.csv == "-") + static_cast<int>(args.geojson == "-") + static_cast<int>(args.trajectory == "-") > 1) {
    throw_usage("only one of -o, --geojson and --trajectory can be '-' (standard output)", {.key = "-o"});
  }
  auto wrote = [&](const std::string& path) {
    if (!data_on_standard_output) std::cout << fmt::format("Wrote {}\n", path);
  };
  const auto regimes = regime_loader(args.data_dir);
  ScenarioStore store(args.workspace, regimes);
  Ledger ledger;
  LegalRegime regime;
  if (!args.scenario.empty()) {
    const Scenario scenario = store.load(args.scenario);
    if (!args.regime.empty() && args.regime != scenario.regime_id) {
      throw_usage(fmt::format("scenario '{}' is under regime {}, not {}", args.scenario, scenario.regime_id,
                              args.regime),
                  {.key = "--regime"});
    }
    ledger = store.ledger(args.scenario);
    regime = regimes(scenario.regime_id);
  } else {
    regime = regimes(args.regime.empty() ? default_regime : args.regime);
    ledger = build_ledger(store.hierarchy(), commune_envelopes(args.workspace, regime), regime);
  }
  if (!args.trajectory.empty() || !args.chart.empty()) {
    const Trajectory t = build_trajectory(args.workspace, store.hierarchy(), ledger, regime,
                                          args.code.empty() ? Level::region : level, args.code);
    if (!args.trajectory.empty()) {
      write_csv(trajectory_table(t), args.trajectory);
      wrote(args.trajectory);
    }
    if (!args.chart.empty()) {
      write_trajectory_svg(t, args.chart);
      wrote(args.chart);
    }
  }
  auto& rows = ledger.rows.at(level);
  std::erase_if(rows,
                [&](const LedgerRow& row) { return !selected(store.hierarchy(), level, row, args.code); });
  if (!args.code.empty() && rows.empty()) {
    throw_usage(fmt::format("no {} territory '{}' in the workspace", level_name(level), args.code),
                {.key = "--code"});
  }
  if (!data_on_standard_output) print_ledger(ledger, level, std::cout);
  if (!args.csv.empty()) {
    write_csv(ledger_table(ledger, level, args.workspace, false), args.csv);
    wrote(args.csv);
  }
  if (!args.geojson.empty()) {
    write_geojson(ledger_table(ledger, level, args.workspace, true), args.geojson);
    wrote(args.geojson);
  }
}

}  // namespace

void add_budget(CLI::App& app) {
  auto* command =
      app.add_subcommand("budget", "Show the ZAN budget ledger (envelopes, consumption, remaining)");
  auto args = std::make_shared<BudgetArguments>();
  command->add_option("workspace", args->workspace, "Workspace GeoPackage")->required();
  command->add_option("--level", args->level, "commune, epci, scot, departement or region")
      ->capture_default_str();
  command->add_option("--scenario", args->scenario, "Apply a scenario stored in the workspace");
  command->add_option("--regime", args->regime,
                      "Legal regime (data/regimes/NAME.toml); default: the law in force");
  command->add_option("--code", args->code, "Only this territory (at commune level: the communes inside it)");
  command->add_option("-o,--output", args->csv, "Write the table as CSV ('-': standard output)");
  command->add_option("--geojson", args->geojson, "Write a GeoJSON choropleth (commune, epci, scot levels; '-': standard output)");
  command->add_option("--trajectory", args->trajectory,
                      "Write the yearly trajectory (actual vs allowed, to the net-zero year) of the territory "
                      "given by --level/--code (default: the region) as CSV");
  command->add_option("--chart", args->chart, "Write that trajectory as an SVG chart");
  command->add_option("--data-dir", args->data_dir, "Folder with regimes/ (default: the bundled data)");
  command->callback([args] { run_budget(*args); });
}

}  // namespace zanplan::cli
