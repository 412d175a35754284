// `zanplan layer add|list|remove`: planners' own layers in the workspace (docs/user-layers.md).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "commands.hpp"
#include "zanplan/error.hpp"
#include "zanplan/user_layers.hpp"

namespace zanplan::cli {

namespace {

struct AddArguments {
  std::string workspace, name, source, source_layer;
  std::vector<std::string> select;
};

// "FIELD=VALUE" → {FIELD, VALUE}; the value may itself hold '='.
std::vector<FieldSelection> selections(const std::vector<std::string>& arguments) {
  std::vector<FieldSelection> out;
  for (const std::string& a : arguments) {
    const auto equals = a.find('=');
    if (equals == std::string::npos || equals == 0) throw_usage("--select takes FIELD=VALUE", {.key = a});
    out.push_back({a.substr(0, equals), a.substr(equals + 1)});
  }
  return out;
}

void add_add(CLI::App& parent) {
  auto* command = parent.add_subcommand("add", "Import a GDAL vector layer into the workspace, in Lambert-93");
  auto args = std::make_shared<AddArguments>();
  command->add_option("workspace", args->workspace, "Workspace GeoPackage")->required();
  command->add_option("name", args->name, "Name of the layer in the workspace (lowercase letters, digits, _)")->required();
  command->add_option("source", args->source, "GeoPackage, Shapefile, GeoJSON, FlatGeobuf, PG:… or WFS:…")->required();
  command->add_option("--layer", args->source_layer, "The source's layer (needed when it has several)");
  command->add_option("--select", args->select, "Keep features whose FIELD equals VALUE (repeatable)");
  command->callback([args] {
    const UserLayer layer = add_user_layer({.workspace = args->workspace,
                                            .name = args->name,
                                            .source = args->source,
                                            .source_layer = args->source_layer,
                                            .selection = selections(args->select)});
    std::cout << fmt::format("Added {}: {} {} features from {} (layer {}, {}), in EPSG:2154\n", printable(layer.name),
                             with_separators(layer.feature_count), layer.geometry_type, printable(layer.source),
                             printable(layer.source_layer), printable(layer.source_crs));
  });
}

void add_list(CLI::App& parent) {
  auto* command = parent.add_subcommand("list", "List the workspace's user layers");
  auto workspace = std::make_shared<std::string>();
  command->add_option("workspace", *workspace, "Workspace GeoPackage")->required();
  command->callback([workspace] {
    const auto layers = list_user_layers(*workspace);
    if (layers.empty()) {
      std::cout << "No user layers (zanplan layer add)\n";
      return;
    }
    std::cout << fmt::format("{:<20} {:<18} {:>9} {:<11} {:<20} {}\n", "NAME", "GEOMETRY", "FEATURES", "SOURCE CRS", "IMPORTED",
                             "SOURCE");
    for (const UserLayer& l : layers) {
      std::cout << fmt::format("{:<20} {:<18} {:>9} {:<11} {:<20} {} (layer {}{}{})\n", printable(l.name), l.geometry_type,
                               with_separators(l.feature_count), printable(l.source_crs), l.imported_at, printable(l.source),
                               printable(l.source_layer), l.selection.empty() ? "" : ", ", printable(l.selection));
    }
  });
}

void add_remove(CLI::App& parent) {
  auto* command = parent.add_subcommand("remove", "Remove a user layer from the workspace");
  auto workspace = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  command->add_option("workspace", *workspace, "Workspace GeoPackage")->required();
  command->add_option("name", *name, "The user layer")->required();
  command->callback([workspace, name] {
    remove_user_layer(*workspace, *name);
    std::cout << fmt::format("Removed {}\n", printable(*name));
  });
}

}  // namespace

void add_layer(CLI::App& app) {
  auto* command = app.add_subcommand("layer", "Planners' own layers: add, list, remove");
  command->require_subcommand(1);
  add_add(*command);
  add_list(*command);
  add_remove(*command);
}

}  // namespace zanplan::cli
