// `zanplan dossier`: one candidate's site dossier as a multi-page A4 PDF (docs/dossier.md).
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/assessment_options.hpp"
#include "commands/offscreen.hpp"
#include "zanplan/error.hpp"
#include "zanplan/maps/dossier.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan::cli {

namespace {

// Refused before the slow part: an output that can never be written (AtomicFile checks the
// same again when it writes).
void check_output(const std::filesystem::path& pdf) {
  std::error_code error;
  if (std::filesystem::is_directory(pdf, error)) throw_output("is a directory", {.file = pdf.string()});
  const auto parent = pdf.has_parent_path() ? pdf.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(parent, error)) throw_output("its folder does not exist", {.file = pdf.string()});
}

}  // namespace

void add_dossier(CLI::App& app) {
  auto* command = app.add_subcommand("dossier", "Write one candidate's site dossier (maps, facts, scores, ZAN impact, sources) as a PDF");
  auto args = std::make_shared<AssessmentArguments>();
  auto site_id = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto lang_text = std::make_shared<std::string>();
  add_assessment_options(*command, args);
  command->add_option("site", *site_id, "Candidate id (a site id, or a parcel id when the workspace has no assembled sites)")->required();
  command->add_option("-o,--output", *output, "PDF file to write")->required();
  command->add_option("--lang", *lang_text, "Language of the dossier: fr or en (default: the locale's)");
  command->callback([args, site_id, output, lang_text] {
    maps::DossierRequest request;
    request.lang = lang_option(*lang_text);
    request.site_id = *site_id;
    check_output(*output);
    request.options = to_assessment_options(*args);
    check_workspace(request.options.workspace);
    auto qt = offscreen_application();  // fonts, for the maps and the PDF
    Progress progress(!args->quiet && stderr_is_terminal());
    request.options.progress = [&progress](std::string_view stage, double f) { progress.update(stage, f); };
    maps::write_site_dossier(request, *output);
    progress.done();
    if (!args->quiet) std::cout << fmt::format("Wrote {}\n", *output);
  });
}

}  // namespace zanplan::cli
