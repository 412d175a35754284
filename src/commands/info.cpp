// `zanplan info WORKSPACE`: layers, counts, extents, CRS and provenance.
#include <fmt/format.h>
#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan::cli {

namespace {

void print_summary(const WorkspaceSummary& summary, bool verbose) {
  auto meta = [&](const char* key) {
    auto it = summary.meta.find(key);
    return it == summary.meta.end() ? std::string("?") : it->second;
  };
  std::cout << fmt::format("Workspace   {}\n", summary.path.string());
  std::cout << fmt::format("Region      {} ({})\n", printable(meta("region_name")), printable(meta("region_code")));
  std::cout << fmt::format("Created     {} by zanplan {}, schema {}\n", meta("created_at"),
                           meta("zanplan_version"), meta("schema_version"));
  if (auto seed = meta("synthetic_seed"); !seed.empty() && seed != "?") {
    std::cout << fmt::format("Synthetic   seed {}\n", seed);
  }
  std::cout << '\n';
  std::cout << fmt::format("{:<20} {:<16} {:>10} {:<10} {:<10} {}\n", "LAYER", "GEOMETRY", "FEATURES",
                           "CRS", "DATA", "EXTENT (x min, y min, x max, y max)");
  for (const auto& layer : summary.layers) {
    std::string extent = "-";
    if (layer.extent) {
      extent = fmt::format("{:.0f}, {:.0f}, {:.0f}, {:.0f}", layer.extent->min_x, layer.extent->min_y,
                           layer.extent->max_x, layer.extent->max_y);
    }
    std::cout << fmt::format("{:<20} {:<16} {:>10} {:<10} {:<10} {}\n", printable(layer.name), layer.geometry_type,
                             with_separators(layer.feature_count), layer.crs.empty() ? "-" : layer.crs,
                             layer.provenance.empty() ? "?" : layer.provenance, extent);
  }
  std::cout << "\nSources" << (verbose ? "" : " (import notes: zanplan info -v)") << "\n";
  for (const auto& layer : summary.layers) {
    if (layer.source.empty()) continue;
    std::cout << fmt::format("  {:<18} {} [{}]\n", printable(layer.name), printable(layer.source), printable(layer.licence));
    std::cout << fmt::format("  {:<18} file: {}\n", "", printable(layer.source_file));
    if (verbose && !layer.notes.empty()) std::cout << fmt::format("  {:<18} note: {}\n", "", printable(layer.notes));
  }
}

}  // namespace

void add_info(CLI::App& app) {
  auto* command = app.add_subcommand("info", "Show a workspace's layers, counts, extents, CRS and provenance");
  auto path = std::make_shared<std::string>();
  auto verbose = std::make_shared<bool>(false);
  command->add_option("workspace", *path, "Workspace GeoPackage")->required();
  command->add_flag("-v,--verbose", *verbose, "Also print each layer's import notes (filters, repairs, caveats)");
  command->callback([path, verbose] {
    verify_workspace_pages(*path);  // info vouches for the whole file, not only what it prints
    print_summary(summarize_workspace(*path), *verbose);
  });
}

}  // namespace zanplan::cli
