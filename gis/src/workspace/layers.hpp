// Reading a workspace: opening it and finding the layers and columns a command needs, with
// workspace errors (exit 5) that name the file, layer and column. Internal to gis.
#pragma once

#include <filesystem>
#include <string>

#include "ogr/handles.hpp"

namespace zanplan::workspace {

// Opens an existing workspace read-only, after rolling back a killed writer's journal and
// checking the schema version; a missing, damaged or foreign file is a workspace error.
ogr::DatasetPtr open_existing(const std::filesystem::path& path);

OGRLayer& require_layer(GDALDataset& dataset, const std::filesystem::path& path, const std::string& name);

int require_column(OGRLayer& layer, const std::filesystem::path& path, const std::string& name);

// GDAL reports a damaged page met while iterating a layer as an error message and then
// simply ends the iteration. Keep a ReadCheck alive around the reading of a layer and call
// check() after it: any GDAL error becomes a workspace error naming the file and layer, so a
// damaged workspace never gives a partial answer.
class ReadCheck {
 public:
  ReadCheck(std::filesystem::path path, std::string layer) : path_(std::move(path)), layer_(std::move(layer)) {}
  void check() const;

 private:
  std::filesystem::path path_;
  std::string layer_;
  ogr::ErrorCapture capture_;
};

}  // namespace zanplan::workspace
