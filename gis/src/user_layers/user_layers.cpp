// Writing, listing and removing planners' own layers (docs/user-layers.md).
#include "zanplan/user_layers.hpp"

#include <algorithm>
#include <regex>

#include "ogr/handles.hpp"
#include "user_layers/source_reader.hpp"
#include "workspace/builder.hpp"
#include "zanplan/error.hpp"
#include "zanplan/workspace.hpp"

namespace zanplan {

namespace {

constexpr const char* kRegistry = "zanplan_user_layers";

const std::vector<workspace::FieldSpec>& registry_fields() {
  static const std::vector<workspace::FieldSpec> fields{
      {"name"}, {"source"}, {"source_layer"}, {"selection"}, {"geometry_type"}, {"feature_count", OFTInteger64}, {"source_crs"},
      {"imported_at"}};
  return fields;
}

// Table names GDAL, SQLite and zanplan itself use, whatever the workspace holds today.
void check_name(const std::string& name, const std::filesystem::path& workspace) {
  static const std::regex identifier("[a-z][a-z0-9_]{0,62}");
  const ErrorContext where{.file = workspace.string(), .layer = name};
  if (!std::regex_match(name, identifier)) {
    throw_usage("a layer name is 1 to 63 lowercase letters, digits or underscores, starting with a letter", where);
  }
  for (const char* prefix : {"gpkg_", "rtree_", "sqlite_", "zanplan_", "sites_"}) {
    if (name.starts_with(prefix)) throw_usage(std::string("names starting with ") + prefix + " are reserved", where);
  }
}

std::string selection_text(const std::vector<FieldSelection>& selection) {
  std::string text;
  for (const FieldSelection& s : selection) text += (text.empty() ? "" : "; ") + s.field + "=" + s.value;
  return text;
}

ogr::DatasetPtr open_for_update(const std::filesystem::path& workspace) {
  check_workspace(workspace);
  try {
    return ogr::open_vector(workspace.string(), true);
  } catch (const Error& e) {
    throw_output("cannot open the workspace for writing: " + e.message(), {.file = workspace.string()});
  }
}

OGRLayer& registry(GDALDataset& dataset, const std::filesystem::path& workspace) {
  if (OGRLayer* layer = dataset.GetLayerByName(kRegistry)) return *layer;
  ogr::ErrorCapture capture;
  OGRLayer* layer = dataset.CreateLayer(kRegistry, nullptr, wkbNone, nullptr);
  if (layer == nullptr) throw_output("cannot create the registry: " + capture.last_error(), {.file = workspace.string(), .layer = kRegistry});
  for (const auto& spec : registry_fields()) {
    OGRFieldDefn definition(spec.name.c_str(), spec.type);
    if (layer->CreateField(&definition) != OGRERR_NONE) {
      throw_output("cannot create the registry: " + capture.last_error(), {.file = workspace.string(), .layer = kRegistry});
    }
  }
  return *layer;
}

// FIDs of `table`'s rows whose `field` is `value`.
std::vector<GIntBig> rows_where(OGRLayer& table, const char* field, const std::string& value) {
  std::vector<GIntBig> fids;
  table.ResetReading();
  for (auto& f : table) {
    if (value == f->GetFieldAsString(field)) fids.push_back(f->GetFID());
  }
  return fids;
}

OGRLayer& create_table(GDALDataset& dataset, const std::filesystem::path& workspace, const std::string& name,
                       const user_layers::SourceLayer& source) {
  ogr::ErrorCapture capture;
  OGRSpatialReference l93 = ogr::lambert93();
  char** options = CSLSetNameValue(nullptr, "SPATIAL_INDEX", "YES");
  OGRLayer* layer = dataset.CreateLayer(name.c_str(), &l93, source.geometry, options);
  CSLDestroy(options);
  const ErrorContext where{.file = workspace.string(), .layer = name};
  if (layer == nullptr) throw_output("cannot create the layer: " + capture.last_error(), where);
  for (const auto& spec : source.fields) {
    OGRFieldDefn definition(spec.name.c_str(), spec.type);
    if (layer->CreateField(&definition) != OGRERR_NONE) {
      throw_output("cannot create a field: " + capture.last_error(), {.file = workspace.string(), .layer = name, .key = spec.name});
    }
  }
  return *layer;
}

void write_features(OGRLayer& layer, const user_layers::SourceLayer& source) {
  for (const auto& feature : source.features) {
    OGRFeature f(layer.GetLayerDefn());
    f.SetFrom(feature.get(), TRUE);  // fields matched by name; values converted to the stored type
    f.SetFID(OGRNullFID);
    workspace::add_feature(layer, f);
  }
}

void record(GDALDataset& dataset, const std::filesystem::path& workspace, const UserLayer& layer) {
  OGRLayer& table = registry(dataset, workspace);
  OGRFeature row(table.GetLayerDefn());
  row.SetField("name", layer.name.c_str());
  row.SetField("source", layer.source.c_str());
  row.SetField("source_layer", layer.source_layer.c_str());
  row.SetField("selection", layer.selection.c_str());
  row.SetField("geometry_type", layer.geometry_type.c_str());
  row.SetField("feature_count", static_cast<GIntBig>(layer.feature_count));
  row.SetField("source_crs", layer.source_crs.c_str());
  row.SetField("imported_at", layer.imported_at.c_str());
  workspace::add_feature(table, row);

  OGRLayer* provenance = dataset.GetLayerByName("zanplan_layers");
  if (provenance == nullptr) throw_workspace("not a zanplan workspace (no zanplan_layers table)", {.file = workspace.string()});
  OGRFeature p(provenance->GetLayerDefn());
  p.SetField("layer", layer.name.c_str());
  p.SetField("provenance", "user");
  p.SetField("source_file", layer.source.c_str());
  p.SetField("source", "added with zanplan layer add");
  p.SetField("licence", "as the source");
  p.SetField("imported_at", layer.imported_at.c_str());
  p.SetField("feature_count", static_cast<GIntBig>(layer.feature_count));
  const std::string notes = "source layer " + layer.source_layer + ", CRS " + layer.source_crs +
                            (layer.selection.empty() ? "" : ", selected " + layer.selection) + "; reprojected to EPSG:2154, made valid";
  p.SetField("notes", notes.c_str());
  workspace::add_feature(*provenance, p);
}

// Runs `write` in one transaction of the workspace; nothing of it remains on failure.
template <typename Write>
void in_transaction(GDALDataset& dataset, const std::filesystem::path& workspace, Write write) {
  ogr::ErrorCapture capture;
  if (dataset.StartTransaction() != OGRERR_NONE) throw_output("cannot start a transaction: " + capture.last_error(), {.file = workspace.string()});
  try {
    write();
    if (dataset.CommitTransaction() != OGRERR_NONE) throw_output("cannot commit: " + capture.last_error(), {.file = workspace.string()});
  } catch (...) {
    dataset.RollbackTransaction();
    throw;
  }
}

}  // namespace

UserLayer add_user_layer(const UserLayerRequest& request) {
  check_name(request.name, request.workspace);
  if (workspace_has_table(request.workspace, request.name)) {
    const auto layers = list_user_layers(request.workspace);
    const bool user = std::any_of(layers.begin(), layers.end(), [&](const UserLayer& l) { return l.name == request.name; });
    throw_usage(user ? "a user layer of this name exists: remove it first (zanplan layer remove)" : "the name of a built-in layer",
                {.file = request.workspace.string(), .layer = request.name});
  }
  // The whole source is read and checked before the workspace is opened for writing.
  const user_layers::SourceLayer source = user_layers::read_source(request);
  UserLayer layer{.name = request.name,
                  .source = request.source,
                  .source_layer = source.layer,
                  .selection = selection_text(request.selection),
                  .geometry_type = OGRGeometryTypeToName(source.geometry),
                  .feature_count = static_cast<std::int64_t>(source.features.size()),
                  .source_crs = source.crs,
                  .imported_at = workspace::utc_now()};
  ogr::DatasetPtr dataset = open_for_update(request.workspace);
  in_transaction(*dataset, request.workspace, [&] {
    write_features(create_table(*dataset, request.workspace, request.name, source), source);
    record(*dataset, request.workspace, layer);
  });
  ogr::ErrorCapture capture;
  dataset.reset();
  if (!capture.last_error().empty()) throw_output("cannot finish writing the workspace: " + capture.last_error(), {.file = request.workspace.string()});
  return layer;
}

std::vector<UserLayer> list_user_layers(const std::filesystem::path& workspace) {
  check_workspace(workspace);
  std::vector<UserLayer> layers;
  if (!workspace_has_table(workspace, kRegistry)) return layers;
  ogr::DatasetPtr dataset = ogr::open_vector(workspace.string());
  OGRLayer* table = dataset->GetLayerByName(kRegistry);
  if (table == nullptr) throw_workspace("cannot read the user layer registry", {.file = workspace.string(), .layer = kRegistry});
  for (auto& f : *table) {
    layers.push_back({.name = f->GetFieldAsString("name"),
                      .source = f->GetFieldAsString("source"),
                      .source_layer = f->GetFieldAsString("source_layer"),
                      .selection = f->GetFieldAsString("selection"),
                      .geometry_type = f->GetFieldAsString("geometry_type"),
                      .feature_count = f->GetFieldAsInteger64("feature_count"),
                      .source_crs = f->GetFieldAsString("source_crs"),
                      .imported_at = f->GetFieldAsString("imported_at")});
  }
  std::sort(layers.begin(), layers.end(), [](const UserLayer& a, const UserLayer& b) { return a.name < b.name; });
  return layers;
}

void remove_user_layer(const std::filesystem::path& workspace, const std::string& name) {
  const auto layers = list_user_layers(workspace);
  if (std::none_of(layers.begin(), layers.end(), [&](const UserLayer& l) { return l.name == name; })) {
    throw_usage("no user layer of this name (zanplan layer list)", {.file = workspace.string(), .layer = name});
  }
  ogr::DatasetPtr dataset = open_for_update(workspace);
  in_transaction(*dataset, workspace, [&] {
    ogr::ErrorCapture capture;
    for (int i = 0; i < dataset->GetLayerCount(); ++i) {
      if (name != dataset->GetLayer(i)->GetName()) continue;
      if (dataset->DeleteLayer(i) != OGRERR_NONE) throw_output("cannot remove the layer: " + capture.last_error(), {.file = workspace.string(), .layer = name});
      break;
    }
    for (const auto& [table_name, field] : {std::pair{kRegistry, "name"}, std::pair{"zanplan_layers", "layer"}}) {
      OGRLayer* table = dataset->GetLayerByName(table_name);
      if (table == nullptr) continue;
      for (GIntBig fid : rows_where(*table, field, name)) {
        if (table->DeleteFeature(fid) != OGRERR_NONE) throw_output("cannot update " + std::string(table_name), {.file = workspace.string(), .layer = table_name});
      }
    }
  });
}

}  // namespace zanplan
