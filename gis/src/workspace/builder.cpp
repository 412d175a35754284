#include "workspace/builder.hpp"

#include <chrono>
#include <fmt/chrono.h>
#include <system_error>

#include <sqlite3.h>

#include "files/temporaries.hpp"
#include "workspace/sqlite_reader.hpp"
#include "zanplan/version.hpp"

namespace zanplan::workspace {

std::string utc_now() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

Builder::Builder(std::filesystem::path target, std::string region_code, std::string region_name)
    : target_(std::move(target)), created_at_(utc_now()) {
  ogr::ensure_drivers_registered();
  // A killed import left its temporary and journal: removed unless their process still runs.
  files::remove_stale_temporaries(target_);
  temporary_ = files::temporary_for(target_);
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
  if (target_.has_parent_path()) std::filesystem::create_directories(target_.parent_path(), ignored);

  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (driver == nullptr) throw Error(ErrorKind::internal, "GDAL has no GPKG driver");
  ogr::ErrorCapture capture;
  dataset_.reset(driver->Create(temporary_.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset_) throw_output("cannot create workspace: " + capture.last_error(), {.file = temporary_.string()});
  meta_ = {{"schema_version", std::string(schema_version)},
           {"region_code", std::move(region_code)},
           {"region_name", std::move(region_name)},
           {"created_at", created_at_},
           {"zanplan_version", std::string(version())},
           {"synthetic_seed", ""}};
}

Builder::~Builder() {
  if (committed_) return;
  dataset_.reset();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

OGRLayer& Builder::create_layer(const std::string& name, OGRwkbGeometryType geometry,
                                const std::vector<FieldSpec>& fields) {
  ogr::ErrorCapture capture;
  OGRSpatialReference l93 = ogr::lambert93();
  char** options = nullptr;
  options = CSLSetNameValue(options, "SPATIAL_INDEX", geometry == wkbNone ? "NO" : "YES");
  OGRLayer* layer = dataset_->CreateLayer(name.c_str(), geometry == wkbNone ? nullptr : &l93,
                                          geometry, options);
  CSLDestroy(options);
  if (layer == nullptr) throw_output("cannot create layer: " + capture.last_error(), {.layer = name});
  for (const auto& spec : fields) {
    OGRFieldDefn definition(spec.name.c_str(), spec.type);
    if (layer->CreateField(&definition) != OGRERR_NONE) {
      throw_output("cannot create field: " + capture.last_error(), {.layer = name, .key = spec.name});
    }
  }
  return *layer;
}

void Builder::record(LayerProvenance provenance) { provenance_.push_back(std::move(provenance)); }

void Builder::set_meta(const std::string& key, const std::string& value) {
  for (auto& [k, v] : meta_) {
    if (k == key) {
      v = value;
      return;
    }
  }
  meta_.emplace_back(key, value);
}

void add_feature(OGRLayer& layer, OGRFeature& feature) {
  ogr::ErrorCapture capture;
  if (layer.CreateFeature(&feature) != OGRERR_NONE) {
    throw_output("cannot write feature: " + capture.last_error(), {.layer = layer.GetName()});
  }
}

void Builder::write_directly(const std::function<void(sqlite3&)>& write) {
  {
    ogr::ErrorCapture capture;
    dataset_->FlushCache();
    dataset_.reset();
    if (!capture.last_error().empty())
      throw_output("cannot write workspace: " + capture.last_error(), {.file = temporary_.string()});
  }
  sqlite3* db = nullptr;
  const int opened = sqlite3_open_v2(temporary_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  struct Close {
    sqlite3* db;
    ~Close() { sqlite3_close(db); }
  } close{db};
  if (opened != SQLITE_OK) {
    throw_output(std::string("cannot open workspace: ") + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"),
                 {.file = temporary_.string()});
  }
  char* message = nullptr;
  if (sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144", nullptr,
                   nullptr, &message) != SQLITE_OK) {
    const std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    throw_output("cannot configure workspace: " + text, {.file = temporary_.string()});
  }
  write(*db);
  if (sqlite3_close(db) != SQLITE_OK)
    throw_output(std::string("cannot close workspace: ") + sqlite3_errmsg(db), {.file = temporary_.string()});
  close.db = nullptr;
  ogr::ErrorCapture capture;
  dataset_.reset(GDALDataset::Open(temporary_.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  if (!dataset_) throw_output("cannot reopen workspace: " + capture.last_error(), {.file = temporary_.string()});
}

void Builder::write_metadata() {
  OGRLayer& meta = create_layer("zanplan_meta", wkbNone, {{"key"}, {"value"}});
  for (const auto& [key, value] : meta_) {
    OGRFeature feature(meta.GetLayerDefn());
    feature.SetField("key", key.c_str());
    feature.SetField("value", value.c_str());
    add_feature(meta, feature);
  }
  OGRLayer& layers = create_layer("zanplan_layers", wkbNone,
                                  {{"layer"}, {"provenance"}, {"source_file"}, {"source"},
                                   {"licence"}, {"imported_at"}, {"feature_count", OFTInteger64},
                                   {"notes"}});
  for (const auto& p : provenance_) {
    OGRLayer* described = dataset_->GetLayerByName(p.layer.c_str());
    if (described == nullptr) throw Error(ErrorKind::internal, "provenance for a missing layer", {.layer = p.layer});
    OGRFeature feature(layers.GetLayerDefn());
    feature.SetField("layer", p.layer.c_str());
    feature.SetField("provenance", p.provenance.c_str());
    feature.SetField("source_file", p.source_file.c_str());
    feature.SetField("source", p.source.c_str());
    feature.SetField("licence", p.licence.c_str());
    feature.SetField("imported_at", created_at_.c_str());
    feature.SetField("feature_count", static_cast<GIntBig>(described->GetFeatureCount(TRUE)));
    feature.SetField("notes", p.notes.c_str());
    add_feature(layers, feature);
  }
}

void Builder::commit() {
  write_metadata();
  {
    ogr::ErrorCapture capture;
    dataset_->FlushCache();
    dataset_.reset();  // GDAL 3.6's GDALClose reports failures only through the handler
    if (!capture.last_error().empty()) {
      throw_output("cannot finish workspace: " + capture.last_error(), {.file = temporary_.string()});
    }
  }
  std::error_code error;
  // A journal left beside the old workspace (a scenario writer killed mid-transaction)
  // would be replayed by SQLite into the new file: it belongs to the file being replaced.
  for (const char* suffix : {"-journal", "-wal", "-shm"}) {
    std::filesystem::path stale = target_;
    stale += suffix;
    std::filesystem::remove(stale, error);
  }
  std::filesystem::rename(temporary_, target_, error);
  if (error) throw_output("cannot move workspace into place: " + error.message(), {.file = target_.string()});
  committed_ = true;
}

}  // namespace zanplan::workspace
