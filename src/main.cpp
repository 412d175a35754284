// zanplan: the command-line program. Only this file turns errors into messages and exit
// codes (docs/exit-codes.md).
#include <cstdio>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli_support.hpp"
#include "commands.hpp"
#include "zanplan/error.hpp"
#include "zanplan/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"zanplan: site selection and ZAN land-take budgets for French regions"};
  app.set_version_flag("--version", std::string(zanplan::version()));
  app.require_subcommand(1);
  zanplan::cli::add_import(app);
  zanplan::cli::add_generate(app);
  zanplan::cli::add_info(app);
  zanplan::cli::add_sites(app);
  zanplan::cli::add_score(app);
  zanplan::cli::add_explain(app);
  zanplan::cli::add_budget(app);
  zanplan::cli::add_scenario(app);
  zanplan::cli::add_layer(app);
#ifdef ZANPLAN_WITH_MAP
  zanplan::cli::add_render(app);
  zanplan::cli::add_dossier(app);
#endif

  zanplan::cli::escape_terminal_output();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help (exit 0) and usage errors; map its failures to our usage code.
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(zanplan::ExitCode::usage);
  } catch (const zanplan::Error& e) {
    std::cerr << "zanplan: error: " << zanplan::cli::printable(e.describe()) << '\n';
    return static_cast<int>(zanplan::exit_code_for(e.kind()));
  } catch (const std::exception& e) {
    std::cerr << "zanplan: internal error: " << zanplan::cli::printable(e.what()) << '\n';
    return static_cast<int>(zanplan::ExitCode::internal);
  }
  return 0;
}
