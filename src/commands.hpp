// Subcommand registration. Each add_* function declares its options on a new subcommand and
// sets its callback; callbacks validate first, then work, and throw zanplan::Error on failure.
#pragma once

#include <CLI/CLI.hpp>

namespace zanplan::cli {

void add_info(CLI::App& app);
void add_import(CLI::App& app);
void add_generate(CLI::App& app);
void add_sites(CLI::App& app);
void add_score(CLI::App& app);
void add_explain(CLI::App& app);
void add_budget(CLI::App& app);
void add_scenario(CLI::App& app);
void add_layer(CLI::App& app);
void add_render(CLI::App& app);   // only with the map (ZANPLAN_BUILD_MAP)
void add_dossier(CLI::App& app);  // only with the map (ZANPLAN_BUILD_MAP)

}  // namespace zanplan::cli
