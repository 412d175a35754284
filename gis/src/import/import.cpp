#include "zanplan/import.hpp"

#include <fstream>
#include <unistd.h>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "admin/admin_import.hpp"
#include "formats/formats_import.hpp"
#include "import/context.hpp"
#include "import/region.hpp"
#include "infra/infra_import.hpp"
#include "zanplan/error.hpp"
#include "zanplan/synthetic.hpp"
#include "zanplan/version.hpp"

namespace zanplan {

namespace {

constexpr const char* generator_record = "generator.toml";

// Synthetic inputs must exist before a full import; say how to make them.
void require_synthetic_files(const SourcesManifest& manifest) {
  for (const auto& [key, entry] : manifest.entries) {
    if (entry.provenance == "synthetic" && entry_files(entry).empty()) {
      throw_config("synthetic input " + entry.resolved.string() +
                       " is missing: run `zanplan generate --sources " + manifest.path.string() + "` first",
                   {.file = manifest.path.string(), .line = entry.line, .key = key});
    }
  }
}

// The seed recorded by `zanplan generate` beside the synthetic files, if any.
std::string recorded_seed(const SourcesManifest& manifest) {
  const SourceEntry* parcels = manifest.find("parcels");
  if (parcels == nullptr) return {};
  const auto record = parcels->resolved.parent_path() / generator_record;
  if (!std::filesystem::exists(record)) return {};
  try {
    auto table = toml::parse_file(record.string());
    return std::to_string(table["seed"].value_or(std::int64_t{0}));
  } catch (const toml::parse_error& e) {
    throw_config(std::string(e.description()), {.file = record.string()});
  }
}

// A TOML array of strings: every commune is `[]`.
std::string communes_toml(const std::vector<std::string>& communes) {
  std::string text = "[";
  for (std::size_t i = 0; i < communes.size(); ++i) text += (i > 0 ? ", \"" : "\"") + communes[i] + "\"";
  return text + "]";
}

// Every real input must be there before any work starts: a missing file fails at once,
// not after minutes of importing the others.
void require_real_files(const SourcesManifest& manifest) {
  for (const auto& [key, entry] : manifest.entries) {
    if (entry.provenance == "real" && entry_files(entry).empty()) {
      throw_input(std::string(entry.pattern ? "no input file matches" : "input file not found") + " (manifest " + manifest.path.string() + ", line " + std::to_string(entry.line) +
                      ", entry " + key + ")",
                  {.file = entry.resolved.string()});
    }
  }
}

}  // namespace

void import_workspace(const ImportOptions& options) {
  const SourcesManifest manifest = load_sources(options.sources);
  require_real_files(manifest);
  if (!options.real_only) require_synthetic_files(manifest);

  workspace::Builder builder(options.output, manifest.region_code, manifest.region_name);
  importer::Context context{.sources = manifest, .builder = builder, .threads = options.threads};
  if (options.progress) context.progress = options.progress;

  context.progress("region outline", 0.0);
  importer::load_region_outline(context);
  importer::import_admin(context);
  importer::import_infrastructure(context);
  if (!options.real_only) {
    importer::import_enaf_consumption(context);
    importer::import_parcels(context);
    builder.set_meta("synthetic_seed", recorded_seed(manifest));
  }
  context.progress("writing", 1.0);
  builder.commit();
}

void generate_synthetic_inputs(const GenerateOptions& options) {
  const SourcesManifest manifest = load_sources(options.sources);
  const SourceEntry& parcels = manifest.require("parcels");
  const SourceEntry& land_cover = manifest.require("land_cover");
  const SourceEntry& consumption = manifest.require("enaf_consumption");
  const auto output_dir = parcels.resolved.parent_path();
  for (const SourceEntry* entry : {&land_cover, &consumption}) {
    if (entry->resolved.parent_path() != output_dir) {
      throw_config("synthetic inputs must share one folder (" + output_dir.string() + ")",
                   {.file = manifest.path.string(), .line = entry->line, .key = entry->key + ".file"});
    }
  }
  std::filesystem::create_directories(output_dir);
  // Written last: its presence says the files are complete and from this seed and density.
  const auto record = output_dir / generator_record;
  std::filesystem::remove(record);

  const auto base = std::filesystem::temp_directory_path() /
                    ("zanplan-base-" + std::to_string(::getpid()) + ".gpkg");
  struct RemoveOnExit {
    std::filesystem::path path;
    ~RemoveOnExit() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } cleanup{base};

  import_workspace({.sources = options.sources, .output = base, .real_only = true, .progress = options.progress});
  generate_synthetic(base, {.seed = options.seed,
                            .density = options.density,
                            .output_dir = output_dir,
                            .progress = options.progress,
                            .parcels_name = parcels.resolved.filename().string(),
                            .land_cover_name = land_cover.resolved.filename().string(),
                            .consumption_name = consumption.resolved.filename().string(),
                            .threads = options.threads,
                            .communes = options.communes});

  std::ofstream out(record);
  out << "# Written by `zanplan generate`: the files beside this one are SYNTHETIC.\n"
      << "seed = " << options.seed << "\n"
      << "density = " << fmt::format("{}", options.density) << "\n"
      << "communes = " << communes_toml(options.communes) << "\n"
      << "zanplan_version = \"" << version() << "\"\n";
  if (!out) throw_output("cannot write", {.file = record.string()});
}

}  // namespace zanplan
