// `zanplan import` and `zanplan generate`: build a workspace from a sources manifest, and
// produce the manifest's synthetic inputs.
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "commands.hpp"
#include "zanplan/import.hpp"
#include "zanplan/error.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan::cli {

void add_import(CLI::App& app) {
  auto* command = app.add_subcommand("import", "Build a workspace GeoPackage from a sources manifest");
  auto options = std::make_shared<ImportOptions>();
  auto quiet = std::make_shared<bool>(false);
  command->add_option("--sources", options->sources, "Sources manifest (TOML)")->required();
  command->add_option("-o,--output", options->output, "Workspace GeoPackage to write")->required();
  command->add_option("--threads", options->threads, "Worker threads reading the parcel files (0: one per core)")
      ->capture_default_str();
  command->add_flag("-q,--quiet", *quiet, "No progress and no summary");
  command->callback([options, quiet] {
    // The target is checked before the import, which takes minutes on a full region.
    std::error_code error;
    if (std::filesystem::is_directory(options->output, error)) {
      throw_output("is a directory; give the workspace file to write, e.g. DIR/region.gpkg",
                   {.file = options->output.string()});
    }
    const auto folder = std::filesystem::absolute(options->output).parent_path();
    if (!std::filesystem::is_directory(folder, error)) throw_output("folder not found", {.file = folder.string()});
    Progress progress(!*quiet && stderr_is_terminal());
    options->progress = [&progress](std::string_view stage, double f) { progress.update(stage, f); };
    import_workspace(*options);
    progress.done();
    if (*quiet) return;
    const auto summary = summarize_workspace(options->output);
    std::cout << fmt::format("Wrote {} ({} layers)\n", options->output.string(), summary.layers.size());
  });
}

void add_generate(CLI::App& app) {
  auto* command = app.add_subcommand(
      "generate", "Generate the manifest's SYNTHETIC inputs (parcels, land cover, ENAF consumption), seeded");
  auto options = std::make_shared<GenerateOptions>();
  auto quiet = std::make_shared<bool>(false);
  command->add_option("--sources", options->sources, "Sources manifest (TOML)")->required();
  command->add_option("--seed", options->seed, "Random seed; the same seed gives byte-identical files")
      ->capture_default_str();
  command->add_option("--density", options->density,
                      "Parcel density as a fraction of the real one (1.0 ~ real parcel count)")
      ->check(CLI::Range(1e-4, 2.0))
      ->capture_default_str();
  command->add_option("--communes", options->communes,
                      "Parcels and land classes for these commune codes only (e.g. 59350,59360); "
                      "the consumption file keeps every commune")
      ->delimiter(',');
  command->add_option("--threads", options->threads, "Worker threads (0: one per core); the files do not depend on it")
      ->capture_default_str();
  command->add_flag("-q,--quiet", *quiet, "No progress");
  command->callback([options, quiet] {
    Progress progress(!*quiet && stderr_is_terminal());
    options->progress = [&progress](std::string_view stage, double f) { progress.update(stage, f); };
    generate_synthetic_inputs(*options);
    progress.done();
    if (!*quiet) std::cout << fmt::format("Synthetic inputs written (seed {})\n", options->seed);
  });
}

}  // namespace zanplan::cli
