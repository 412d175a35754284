// Planners' own layers (docs/user-layers.md): any GDAL vector source imported into the
// workspace in Lambert-93, under a name of the planner's choosing, with its provenance.
// A profile's constraints.exclusion_layers can then name it like any workspace layer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace zanplan {

// One --select FIELD=VALUE: a feature is kept when, for every field named, its value (as
// text) equals one of the values given for that field.
struct FieldSelection {
  std::string field;
  std::string value;
};

struct UserLayerRequest {
  std::filesystem::path workspace;
  std::string name;          // the workspace table, identifier-safe
  std::string source;        // a file, or anything GDAL opens (PG:…, WFS:…)
  std::string source_layer;  // empty: the source's only layer
  std::vector<FieldSelection> selection;
};

// A row of the zanplan_user_layers registry.
struct UserLayer {
  std::string name;
  std::string source;
  std::string source_layer;
  std::string selection;      // "FIELD=VALUE; …", empty when every feature was taken
  std::string geometry_type;  // "Point", "Multi Line String" or "Multi Polygon"
  std::int64_t feature_count = 0;
  std::string source_crs;     // e.g. "EPSG:4326"
  std::string imported_at;    // UTC, ISO 8601
};

// Usage error when the name is not identifier-safe, names a built-in layer or an existing
// user layer; input error naming the source, layer, feature or field when the source cannot
// be read, has no geometry or no usable CRS, or when the selection matches nothing. The
// workspace is written in one transaction, and only once the whole source has been read.
UserLayer add_user_layer(const UserLayerRequest& request);

// The registry, by name; empty for a workspace without user layers.
std::vector<UserLayer> list_user_layers(const std::filesystem::path& workspace);

// Drops the layer, its registry and provenance rows in one transaction; usage error when
// no user layer has this name.
void remove_user_layer(const std::filesystem::path& workspace, const std::string& name);

}  // namespace zanplan
