// Reading a workspace: what `zanplan info` shows. The schema is in docs/workspace.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zanplan {

struct Extent {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

struct LayerSummary {
  std::string name;
  std::string geometry_type;  // "Point", "Multi Polygon", "None" for attribute tables
  std::string crs;            // "EPSG:2154", or empty for attribute tables
  std::int64_t feature_count = 0;
  std::optional<Extent> extent;
  // From zanplan_layers; empty when the layer has no provenance row.
  std::string provenance;
  std::string source_file;
  std::string source;
  std::string licence;
  std::string imported_at;
  std::string notes;
};

struct WorkspaceSummary {
  std::filesystem::path path;
  std::map<std::string, std::string> meta;  // zanplan_meta
  std::vector<LayerSummary> layers;         // data layers, in file order
};

// Throws a workspace error when the file is missing or is not a zanplan workspace.
WorkspaceSummary summarize_workspace(const std::filesystem::path& path);

// Does the workspace have this table (a layer or an attribute table)? How many rows does
// GDAL's feature-count cache give it (-1 when unknown)? Cheap: no table is scanned.
// Workspace error unless `path` is a zanplan workspace of the schema this program reads; rolls
// back a hot journal left by a killed writer first (docs/workspace.md).
void check_workspace(const std::filesystem::path& path);

// Reads every page of the workspace (SQLite's quick_check: b-tree structure, record
// headers, page accounting) and throws a workspace error naming the file when any is damaged.
// Linear in the file's size; `zanplan info` runs it.
void verify_workspace_pages(const std::filesystem::path& path);

bool workspace_has_table(const std::filesystem::path& path, const std::string& table);
std::int64_t workspace_feature_count(const std::filesystem::path& path, const std::string& table);

}  // namespace zanplan
