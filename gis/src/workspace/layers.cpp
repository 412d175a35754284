#include "workspace/layers.hpp"

#include "workspace/sqlite_reader.hpp"

namespace zanplan::workspace {

ogr::DatasetPtr open_existing(const std::filesystem::path& path) {
  check_schema(path);  // also rolls back a hot journal, which a read-only GDAL open cannot
  try {
    return ogr::open_vector(path.string());
  } catch (const Error& e) {
    throw_workspace(e.message(), {.file = path.string()});
  }
}

OGRLayer& require_layer(GDALDataset& dataset, const std::filesystem::path& path, const std::string& name) {
  OGRLayer* layer = dataset.GetLayerByName(name.c_str());
  if (layer == nullptr) throw_workspace("the workspace has no such layer", {.file = path.string(), .layer = name});
  return *layer;
}

int require_column(OGRLayer& layer, const std::filesystem::path& path, const std::string& name) {
  const int index = layer.GetLayerDefn()->GetFieldIndex(name.c_str());
  if (index < 0) throw_workspace("missing column", {.file = path.string(), .layer = layer.GetName(), .key = name});
  return index;
}

void ReadCheck::check() const {
  if (capture_.last_error().empty()) return;
  throw_workspace("cannot read the workspace: " + capture_.last_error() +
                      " (the file is damaged: import it again or restore a copy)",
                  {.file = path_.string(), .layer = layer_});
}

}  // namespace zanplan::workspace
