// `zanplan sites`: assemble a profile's candidate sites from the workspace's parcels and
// store them in the workspace, where score, explain, the map and the exports find them.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "commands.hpp"
#include "commands/assessment_options.hpp"
#include "zanplan/site_assembly.hpp"

namespace zanplan::cli {

namespace {

struct SitesArguments {
  std::string workspace;
  std::string profile = "gigafactory";
  std::string data_dir;
  unsigned threads = 0;
  std::string graph_dir;
  bool quiet = false;
  bool timings = false;
};

std::string count(std::size_t n) { return with_separators(static_cast<long long>(n)); }

void print_report(const AssemblyReport& r, const scoring::Profile& profile, const SiteTables& tables) {
  std::cout << fmt::format("Parcels read        {:>12}\n", count(r.parcels.read));
  std::cout << fmt::format("  eligible          {:>12}  ({} brownfield, {} economic land, {} ENAF)\n", count(r.parcels.eligible),
                           count(r.parcels.brownfield), count(r.parcels.economic), count(r.parcels.enaf));
  std::cout << fmt::format("  urban fabric      {:>12}  (artificialised, not economic land, not a brownfield)\n", count(r.parcels.urban));
  std::cout << fmt::format("  land unknown      {:>12}\n", count(r.parcels.unknown_land));
  for (const auto& [layer, n] : r.parcels.in_exclusion_layer) std::cout << fmt::format("  inside {:<11}{:>12}\n", layer, count(n));
  std::cout << fmt::format("Brownfields placed  {:>12}  ({:.1f} ha of published footprint on eligible parcels)\n",
                           count(r.parcels.brownfields_placed), r.parcels.brownfield_ha);
  std::cout << fmt::format("Adjacency edges     {:>12}  (shared boundary ≥ {:g} m, snapping {:g} m)\n", count(r.edges),
                           profile.assembly.min_shared_edge_m, profile.assembly.snap_tolerance_m);
  std::cout << fmt::format("Seeds tried         {:>12}  ({} eligible parcels farther than {:g} km from a ≥ {} kV substation start none)\n",
                           count(r.seeds_tried), count(r.seeds_not_allowed), profile.max_connection_km, profile.min_voltage_kv);
  std::cout << fmt::format("  too small         {:>12}  (contiguous free land under {:g} ha)\n", count(r.too_small), profile.min_ha);
  std::cout << fmt::format("  too irregular     {:>12}  (compactness under {:g})\n", count(r.too_irregular),
                           profile.assembly.min_compactness);
  std::cout << fmt::format("Sites               {:>12}  ({:g}–{:g} ha, grown to {:g} ha; {} parcels in sites)\n", count(r.sites),
                           profile.min_ha, profile.max_ha, profile.assembly.target_ha, count(r.parcels_in_sites));
  if (r.overlay_unions > 0) {
    std::cout << fmt::format("  {} outlines needed the overlay union (parcels not an exact coverage)\n", count(r.overlay_unions));
  }
  std::cout << fmt::format("Wrote {}, {} and {}\n", tables.sites, tables.parcels, tables.communes);
}

}  // namespace

void add_sites(CLI::App& app) {
  auto* command = app.add_subcommand("sites", "Assemble candidate sites from parcels and store them in the workspace");
  auto args = std::make_shared<SitesArguments>();
  command->add_option("workspace", args->workspace, "Workspace GeoPackage")->required();
  command->add_option("-p,--profile", args->profile, "Profile name (data/profiles/NAME.toml) or path")->capture_default_str();
  command->add_option("--data-dir", args->data_dir, "Folder with profiles/ and regimes/ (default: the bundled data)");
  command->add_option("--threads", args->threads, "Worker threads (0: one per core)")->check(CLI::Range(0U, 256U));
  command->add_flag("--timings", args->timings, "Print the time spent in each stage on standard error");
  command->add_option("--graph", args->graph_dir,
                      "Also write the eligible parcels (nodes.csv) and their adjacency (edges.csv) to this folder");
  command->add_flag("-q,--quiet", args->quiet, "No progress and no report");
  command->callback([args] {
    AssemblyOptions options;
    options.workspace = args->workspace;
    options.profile = scoring::load_profile(scoring::profile_path(data_dir(args->data_dir), args->profile));
    options.threads = args->threads;
    options.graph_dir = args->graph_dir;
    const SiteTables tables = site_tables(options.profile);
    Progress progress(!args->quiet && stderr_is_terminal());
    options.progress = [&progress](std::string_view stage, double f) { progress.update(stage, f); };
    const AssemblyReport report = assemble_sites(options);
    progress.done();
    if (args->timings) {
      for (const auto& [stage, seconds] : report.seconds) std::cerr << fmt::format("  {:<26} {:8.3f} s\n", stage, seconds);
    }
    if (!args->quiet) print_report(report, options.profile, tables);
  });
}

}  // namespace zanplan::cli
