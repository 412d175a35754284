// Writing a prepared table into an OGR layer, shared by the GeoJSON and GeoPackage
// writers. Internal to gis.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "export/table.hpp"
#include "ogr/handles.hpp"

namespace zanplan::exporter {

// Creates one field per column (in order; booleans as Integer/Boolean) and writes every
// row, NA and non-finite reals as null. Throws an output error naming path and the row.
void write_rows(OGRLayer& layer, const PreparedTable& prepared, const std::filesystem::path& path);

// Closes the dataset; throws an output error naming path when GDAL reports a failure.
void close_dataset(ogr::DatasetPtr& dataset, const std::filesystem::path& path);

// Sets a GDAL configuration option on this thread for the guard's lifetime.
class ScopedConfigOption {
 public:
  ScopedConfigOption(const char* key, const std::string& value);
  ~ScopedConfigOption();
  ScopedConfigOption(const ScopedConfigOption&) = delete;
  ScopedConfigOption& operator=(const ScopedConfigOption&) = delete;

 private:
  std::string key_;
  std::optional<std::string> previous_;
};

}  // namespace zanplan::exporter
