// Builds a workspace GeoPackage atomically: everything is written to a temporary file
// beside the target, which replaces the target only on commit(). Internal to gis.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ogr/handles.hpp"

struct sqlite3;

namespace zanplan::workspace {

struct FieldSpec {
  std::string name;
  OGRFieldType type = OFTString;
};

struct LayerProvenance {
  std::string layer;
  std::string provenance;   // "real", "synthetic" or "derived"
  std::string source_file;  // relative to the sources manifest
  std::string source;       // publisher and origin
  std::string licence;
  std::string notes;
};

class Builder {
 public:
  Builder(std::filesystem::path target, std::string region_code, std::string region_name);
  ~Builder();  // removes the temporary file unless committed
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  // A new layer in Lambert-93 (geometry != wkbNone) or an attribute table (wkbNone).
  OGRLayer& create_layer(const std::string& name, OGRwkbGeometryType geometry,
                         const std::vector<FieldSpec>& fields);

  // Records a layer's provenance; its feature count is taken at commit().
  void record(LayerProvenance provenance);
  void set_meta(const std::string& key, const std::string& value);

  GDALDataset& dataset() { return *dataset_; }

  // For bulk writes GDAL's feature interface would make slow (millions of rows): closes
  // GDAL's handle (layers obtained before are invalid afterwards), runs `write` on a SQLite
  // connection to the temporary file with journaling and syncing off (the file replaces the
  // target only on commit(), so a crash leaves no half-written workspace) and reopens the
  // file in GDAL. `write` runs its own transaction.
  void write_directly(const std::function<void(sqlite3&)>& write);
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }

  // Writes the metadata tables, closes the file and moves it over the target.
  void commit();

 private:
  void write_metadata();

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  ogr::DatasetPtr dataset_;
  std::vector<LayerProvenance> provenance_;
  std::vector<std::pair<std::string, std::string>> meta_;
  std::string created_at_;
  bool committed_ = false;
};

// Appends a feature, turning an OGR failure into an output error naming the layer.
void add_feature(OGRLayer& layer, OGRFeature& feature);

// Current UTC time as ISO 8601 ("2026-11-26T20:30:00Z").
std::string utc_now();

}  // namespace zanplan::workspace
