// Reading a workspace: opening it and finding the layers and columns a command needs, with
// workspace errors (exit 5) that name the file, layer and column. Internal to gis.
#pragma once

#include <filesystem>
#include <string>

#include "ogr/handles.hpp"

namespace zanplan::workspace {

// Opens an existing workspace read-only; a missing or unreadable file is a workspace error.
ogr::DatasetPtr open_existing(const std::filesystem::path& path);

OGRLayer& require_layer(GDALDataset& dataset, const std::filesystem::path& path, const std::string& name);

int require_column(OGRLayer& layer, const std::filesystem::path& path, const std::string& name);

}  // namespace zanplan::workspace
