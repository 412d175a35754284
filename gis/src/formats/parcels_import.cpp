// Import stage: Etalab cadastre parcels (+ land cover) → layer `parcels`.
//
// The manifest may name one file or one per département. Worker threads read the files
// (GeoJSON parsing, reprojection, validation and repair, the GeoPackage geometry blob), in
// manifest order, a few files ahead of the writer; the calling thread writes every parcel in
// that order, in a single transaction with one prepared SQLite statement, and the layer's
// R-tree is bulk-loaded once at the end from the envelopes of the rows. Memory holds the
// file being written plus, at most, the files read ahead (one per extra worker), and the
// R-tree's boxes (24 bytes a parcel).
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <sqlite3.h>

#include <fmt/format.h>

#include "formats/cadastre.hpp"
#include "formats/formats_import.hpp"
#include "import/rtree_bulk.hpp"

namespace zanplan::importer {

namespace {

using LandCover = std::unordered_map<std::string, formats::LandCoverEntry>;

// Parcels handed from a worker to the writer at a time.
constexpr std::size_t batch_size = 4096;

struct ParcelCounts {
  std::int64_t written = 0;
  std::int64_t repaired = 0;
  std::int64_t multipart = 0;
  std::int64_t without_contenance = 0;
  std::int64_t outside_region = 0;
  std::int64_t without_land_cover = 0;
  std::int64_t unmatched_cover_rows = 0;
};

struct ReadyParcel {
  formats::Parcel parcel;  // without its geometry, which is in `blob`
  std::string commune;     // the current code
  std::string blob;        // the GeoPackage geometry
  OGREnvelope envelope;
};

// The GeoPackage binary geometry GDAL would write for a polygon: the header ("GP", version
// 0, flags: little-endian with an x/y envelope), the SRS id, the envelope (min x, max x,
// min y, max y), then the ISO WKB.
void encode_geometry(ReadyParcel& ready, std::int32_t srs_id) {
  const OGRGeometry& geometry = *ready.parcel.geometry;
  geometry.getEnvelope(&ready.envelope);
  constexpr std::size_t header = 8 + 4 * 8;
  const auto wkb_size = static_cast<std::size_t>(geometry.WkbSize());
  std::string& blob = ready.blob;
  blob.resize(header + wkb_size);
  auto* out = reinterpret_cast<unsigned char*>(blob.data());
  out[0] = 'G';
  out[1] = 'P';
  out[2] = 0;
  out[3] = 0x03;  // envelope of type 1 (x/y) << 1 | little-endian
  const auto srs = static_cast<std::uint32_t>(srs_id);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<unsigned char>(srs >> (8 * i));
  const std::array<double, 4> box{ready.envelope.MinX, ready.envelope.MaxX, ready.envelope.MinY, ready.envelope.MaxY};
  for (std::size_t i = 0; i < box.size(); ++i) {
    const auto bits = std::bit_cast<std::uint64_t>(box[i]);
    for (std::size_t b = 0; b < 8; ++b) out[8 + 8 * i + b] = static_cast<unsigned char>(bits >> (8 * b));
  }
  if (geometry.exportToWkb(wkbNDR, out + header, wkbVariantIso) != OGRERR_NONE)
    throw Error(ErrorKind::internal, "cannot encode a parcel geometry", {.layer = "parcels"});
  ready.parcel.geometry.reset();
}
using Batch = std::vector<ReadyParcel>;

// One file's parcels on their way from its worker to the writer.
struct FileQueue {
  std::deque<Batch> batches;
  bool done = false;
  std::shared_ptr<LandCover> cover;  // the file's own land-cover table, when paired
  std::int64_t outside_region = 0;   // counted by the worker
  double fraction = 0.0;             // of the file read so far
};

const std::vector<workspace::FieldSpec>& parcel_fields() {
  static const std::vector<workspace::FieldSpec> fields{{"id"},
                                                        {"commune"},
                                                        {"prefixe"},
                                                        {"section"},
                                                        {"numero"},
                                                        {"contenance", OFTInteger64},
                                                        {"area_m2", OFTReal},
                                                        {"land_class"},
                                                        {"enaf_m2", OFTReal},
                                                        {"synthetic", OFTInteger}};
  return fields;
}

// GDAL makes the (empty) layer: its table, the GeoPackage's registers and, on the empty
// table, the R-tree with its triggers; the rows and the R-tree's content are then written
// directly (ParcelTableWriter).
void create_parcels_layer(workspace::Builder& builder) {
  ogr::ErrorCapture capture;
  OGRSpatialReference l93 = ogr::lambert93();
  char** options = CSLSetNameValue(nullptr, "SPATIAL_INDEX", "NO");
  OGRLayer* layer = builder.dataset().CreateLayer("parcels", &l93, wkbPolygon, options);
  CSLDestroy(options);
  if (layer == nullptr) throw_output("cannot create layer: " + capture.last_error(), {.layer = "parcels"});
  for (const auto& spec : parcel_fields()) {
    OGRFieldDefn definition(spec.name.c_str(), spec.type);
    if (layer->CreateField(&definition) != OGRERR_NONE)
      throw_output("cannot create field: " + capture.last_error(), {.layer = "parcels", .key = spec.name});
  }
  if (layer->SyncToDisk() != OGRERR_NONE)
    throw_output("cannot create the layer: " + capture.last_error(), {.layer = "parcels"});
  const std::string sql = fmt::format("SELECT CreateSpatialIndex('{}', '{}')", layer->GetName(), layer->GetGeometryColumn());
  builder.dataset().ReleaseResultSet(builder.dataset().ExecuteSQL(sql.c_str(), nullptr, nullptr));
  if (!capture.last_error().empty())
    throw_output("cannot create the spatial index: " + capture.last_error(), {.layer = "parcels"});
}

// A prepared statement on the workspace; failures are output errors on the parcels layer.
class Statement {
 public:
  Statement(sqlite3& db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(&db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) fail("cannot prepare");
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  sqlite3_stmt* get() { return statement_; }
  bool step() {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code != SQLITE_DONE) fail("cannot write the parcels");
    return false;
  }
  void run() {
    while (step()) {
    }
    sqlite3_reset(statement_);
  }
  void text(int index, std::string_view value) {
    sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
  [[noreturn]] void fail(const std::string& what) {
    throw_output(fmt::format("{}: {}", what, sqlite3_errmsg(&db_)), {.layer = "parcels"});
  }

 private:
  sqlite3& db_;
  sqlite3_stmt* statement_ = nullptr;
};

void execute(sqlite3& db, const std::string& sql) {
  Statement statement(db, sql);
  statement.run();
}

// Writes parcels into the layer GDAL made, in one transaction, with one prepared
// statement: the triggers on the table (R-tree and feature count, one update each per row)
// are dropped meanwhile and recreated at the end, after the R-tree is bulk-loaded from the
// envelopes of the rows and the feature count and extent are set.
class ParcelTableWriter {
 public:
  ParcelTableWriter(sqlite3& db, bool synthetic) : db_(db), synthetic_(synthetic) {
    execute(db_, "BEGIN");
    {
      Statement srs(db_, "SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = 'parcels'");
      if (!srs.step()) srs.fail("the parcels layer has no geometry column");
      srs_id_ = sqlite3_column_int(srs.get(), 0);
    }
    {
      Statement triggers(db_, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'parcels'");
      while (triggers.step()) {
        triggers_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(triggers.get(), 0)),
                               reinterpret_cast<const char*>(sqlite3_column_text(triggers.get(), 1)));
      }
    }
    for (const auto& [name, sql] : triggers_) execute(db_, "DROP TRIGGER \"" + name + "\"");
    insert_ = std::make_unique<Statement>(
        db_,
        "INSERT INTO parcels (fid, geom, id, commune, prefixe, section, numero, contenance, area_m2, land_class, "
        "enaf_m2, synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  [[nodiscard]] std::int32_t srs_id() const { return srs_id_; }

  void write(const ReadyParcel& ready, const formats::LandCoverEntry* cover) {
    const formats::Parcel& parcel = ready.parcel;
    sqlite3_stmt* insert = insert_->get();
    const std::int64_t fid = ++written_;
    sqlite3_bind_int64(insert, 1, fid);
    sqlite3_bind_blob(insert, 2, ready.blob.data(), static_cast<int>(ready.blob.size()), SQLITE_STATIC);
    insert_->text(3, parcel.id);
    insert_->text(4, ready.commune);
    insert_->text(5, parcel.prefixe);
    insert_->text(6, parcel.section);
    insert_->text(7, parcel.numero);
    if (parcel.contenance) {
      sqlite3_bind_int64(insert, 8, *parcel.contenance);
    } else {
      sqlite3_bind_null(insert, 8);
    }
    sqlite3_bind_double(insert, 9, parcel.area_m2);
    const formats::LandClass land_class = cover != nullptr ? cover->land_class : formats::LandClass::unknown;
    insert_->text(10, formats::land_class_name(land_class));
    sqlite3_bind_double(insert, 11, cover != nullptr ? parcel.area_m2 * cover->enaf_share : 0.0);
    sqlite3_bind_int(insert, 12, synthetic_ ? 1 : 0);
    insert_->run();
    const OGREnvelope& box = ready.envelope;
    boxes_.push_back(importer::rtree_box(fid, box.MinX, box.MaxX, box.MinY, box.MaxY));
    extent_.Merge(box);
  }

  void finish() {
    insert_.reset();
    importer::bulk_load_rtree(db_, "rtree_parcels_geom", boxes_, "parcels");
    for (const auto& [name, sql] : triggers_) execute(db_, sql);
    {
      Statement count(db_, "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = 'parcels'");
      sqlite3_bind_int64(count.get(), 1, written_);
      count.run();
    }
    if (written_ > 0) {
      Statement extent(db_,
                       "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
                       "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = 'parcels'");
      sqlite3_bind_double(extent.get(), 1, extent_.MinX);
      sqlite3_bind_double(extent.get(), 2, extent_.MinY);
      sqlite3_bind_double(extent.get(), 3, extent_.MaxX);
      sqlite3_bind_double(extent.get(), 4, extent_.MaxY);
      extent.run();
    }
    // Scoring single parcels reads only those in a profile's area range.
    execute(db_, "CREATE INDEX parcels_area_m2 ON parcels (area_m2)");
    execute(db_, "COMMIT");
  }

 private:
  sqlite3& db_;
  bool synthetic_;
  std::int32_t srs_id_ = 0;
  std::vector<std::pair<std::string, std::string>> triggers_;  // name, SQL
  std::unique_ptr<Statement> insert_;
  std::int64_t written_ = 0;
  std::vector<importer::RTreeBox> boxes_;
  OGREnvelope extent_;
};

std::string describe(const ParcelCounts& counts, bool has_land_cover) {
  std::vector<std::string> notes;
  notes.emplace_back("area_m2 computed in Lambert-93; contenance is the official (legal) area");
  if (counts.repaired > 0)
    notes.push_back(fmt::format("{} invalid geometries repaired with MakeValid", counts.repaired));
  if (counts.multipart > 0) {
    notes.push_back(fmt::format(
        "{} multi-part parcels stored as their largest part (area_m2 counts every part)", counts.multipart));
  }
  if (counts.without_contenance > 0)
    notes.push_back(fmt::format("{} parcels without contenance", counts.without_contenance));
  if (counts.outside_region > 0) {
    notes.push_back(fmt::format("{} parcels of communes outside the region skipped", counts.outside_region));
  }
  if (!has_land_cover) {
    notes.emplace_back("no land_cover entry: every land_class is unknown and enaf_m2 0");
  } else {
    if (counts.without_land_cover > 0) {
      notes.push_back(fmt::format("{} parcels without a land-cover row (land_class unknown, enaf_m2 0)",
                                  counts.without_land_cover));
    }
    if (counts.unmatched_cover_rows > 0)
      notes.push_back(fmt::format("{} land-cover rows match no parcel", counts.unmatched_cover_rows));
  }
  return fmt::format("{}", fmt::join(notes, "; "));
}

std::int64_t unmatched_rows(const LandCover& cover) {
  std::int64_t unmatched = 0;
  for (const auto& [id, land] : cover) unmatched += land.matched ? 0 : 1;
  return unmatched;
}

// Which land-cover file goes with which parcels file: when both entries are patterns, the
// file whose `*` stands for the same value (cadastre-59-… with occupation-59-…); otherwise
// every land-cover file is read into one table shared by all parcels files.
struct LandCoverPlan {
  bool present = false;
  bool paired = false;
  std::map<std::string, std::filesystem::path> by_value;  // when paired
  std::shared_ptr<LandCover> shared;                      // when not paired

  std::shared_ptr<LandCover> for_file(const SourceEntry& parcels, const std::filesystem::path& file) const {
    if (!paired) return shared;
    const auto value = pattern_value(parcels, file);
    const auto it = value ? by_value.find(*value) : by_value.end();
    if (it == by_value.end()) return std::make_shared<LandCover>();
    return std::make_shared<LandCover>(formats::read_land_cover(it->second));
  }
};

LandCoverPlan plan_land_cover(const SourceEntry& parcels, const SourceEntry* cover) {
  LandCoverPlan plan;
  if (cover == nullptr) return plan;
  plan.present = true;
  plan.paired = parcels.pattern && cover->pattern;
  const auto files = entry_files(*cover);
  if (files.empty()) throw_input("land-cover file not found", {.file = cover->resolved.string()});
  if (plan.paired) {
    for (const auto& file : files) plan.by_value[*pattern_value(*cover, file)] = file;
    return plan;
  }
  plan.shared = std::make_shared<LandCover>();
  for (const auto& file : files) {
    for (auto& [id, entry] : formats::read_land_cover(file)) {
      if (!plan.shared->emplace(id, entry).second)
        throw_input("duplicate parcel id " + id, {.file = file.string(), .key = "id"});
    }
  }
  return plan;
}

// Runs the workers over the files and hands every file's batches to `write_file`, one
// file after another in order, on the calling thread.
class ParcelPipeline {
 public:
  ParcelPipeline(const Context& context, const SourceEntry& entry, const std::vector<std::filesystem::path>& files,
                 const LandCoverPlan& cover, unsigned threads, std::int32_t srs_id)
      : context_(context), entry_(entry), files_(files), cover_(cover), queues_(files.size()), srs_id_(srs_id) {
    const unsigned count = std::clamp<unsigned>(threads, 1U, static_cast<unsigned>(std::max<std::size_t>(files.size(), 1)));
    window_ = count;
    for (unsigned t = 0; t < count; ++t) workers_.emplace_back([this] { run_worker(); });
  }

  ~ParcelPipeline() {
    stop();
    for (auto& worker : workers_) worker.join();
  }
  ParcelPipeline(const ParcelPipeline&) = delete;
  ParcelPipeline& operator=(const ParcelPipeline&) = delete;

  // The next batch of file `index`; nullopt once the file is finished. Rethrows a worker's
  // failure.
  std::optional<Batch> next(std::size_t index) {
    std::unique_lock lock(mutex_);
    writing_ = index;
    changed_.notify_all();
    changed_.wait(lock, [&] { return failure_ || !queues_[index].batches.empty() || queues_[index].done; });
    if (failure_) std::rethrow_exception(failure_);
    FileQueue& queue = queues_[index];
    if (queue.batches.empty()) return std::nullopt;
    Batch batch = std::move(queue.batches.front());
    queue.batches.pop_front();
    return batch;
  }

  // The land-cover table of file `index` (set before its first batch).
  std::shared_ptr<LandCover> cover_of(std::size_t index) {
    const std::lock_guard lock(mutex_);
    return queues_[index].cover;
  }

  // After a file's last batch: what its worker counted, and its own land-cover table.
  FileQueue finished(std::size_t index) {
    const std::lock_guard lock(mutex_);
    return std::move(queues_[index]);
  }

  // Progress of the file being written, 0..1, when its size is known.
  double progress(std::size_t index) {
    const std::lock_guard lock(mutex_);
    return queues_[index].fraction;
  }

 private:
  void stop() {
    {
      const std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }

  void run_worker() {
    try {
      for (;;) {
        std::size_t index = 0;
        {
          std::unique_lock lock(mutex_);
          changed_.wait(lock, [&] { return stopped_ || next_file_ >= files_.size() || next_file_ < writing_ + window_; });
          if (stopped_ || next_file_ >= files_.size()) return;
          index = next_file_++;
        }
        read_file(index);
      }
    } catch (...) {
      {
        const std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
        stopped_ = true;
      }
      changed_.notify_all();
    }
  }

  void read_file(std::size_t index) {
    auto cover = cover_.for_file(entry_, files_[index]);
    formats::ParcelReader reader(files_[index]);
    {
      const std::lock_guard lock(mutex_);
      queues_[index].cover = std::move(cover);
      queues_[index].fraction = 0.0;
    }
    Batch batch;
    batch.reserve(batch_size);
    std::int64_t outside = 0;
    auto hand_over = [&](bool done) {
      {
        const std::lock_guard lock(mutex_);
        FileQueue& queue = queues_[index];
        if (!batch.empty()) queue.batches.push_back(std::move(batch));
        queue.outside_region = outside;
        queue.fraction = reader.progress();
        queue.done = done;
      }
      changed_.notify_all();
      batch = Batch();
      batch.reserve(batch_size);
    };
    while (auto parcel = reader.next()) {
      if (stopped()) return;
      auto commune = context_.to_current(parcel->commune);
      if (!commune || !context_.communes.contains(*commune)) {
        ++outside;
        continue;
      }
      batch.push_back({std::move(*parcel), std::move(*commune), {}, {}});
      encode_geometry(batch.back(), srs_id_);
      if (batch.size() == batch_size) hand_over(false);
    }
    hand_over(true);
  }

  bool stopped() const { return stopped_.load(std::memory_order_relaxed); }

  const Context& context_;
  const SourceEntry& entry_;
  const std::vector<std::filesystem::path>& files_;
  const LandCoverPlan& cover_;
  std::vector<FileQueue> queues_;
  std::int32_t srs_id_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t next_file_ = 0;
  std::size_t writing_ = 0;
  std::size_t window_ = 1;
  std::atomic<bool> stopped_ = false;
  std::exception_ptr failure_;
};

unsigned thread_count(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

void import_parcels(Context& context) {
  const SourceEntry& entry = context.sources.require("parcels");
  const SourceEntry* cover_entry = context.sources.find("land_cover");
  context.progress("parcels", 0.0);
  const auto files = entry_files(entry);
  if (files.empty()) {
    throw_input(entry.pattern ? "no parcels file matches" : "parcels file not found", {.file = entry.resolved.string()});
  }
  const LandCoverPlan cover = plan_land_cover(entry, cover_entry);
  const bool synthetic =
      entry.provenance == "synthetic" || (cover_entry != nullptr && cover_entry->provenance == "synthetic");

  create_parcels_layer(context.builder);
  ParcelCounts counts;
  std::set<std::filesystem::path> paired_cover_used;
  context.builder.write_directly([&](sqlite3& db) {
    ParcelTableWriter writer(db, synthetic);
    {
      ParcelPipeline pipeline(context, entry, files, cover, thread_count(context.threads), writer.srs_id());
      // Read every file's batches in order.
      for (std::size_t i = 0; i < files.size(); ++i) {
        std::shared_ptr<LandCover> table;
        std::size_t batches = 0;
        while (auto batch = pipeline.next(i)) {
          if (!table) table = pipeline.cover_of(i);
          for (ReadyParcel& ready : *batch) {
            formats::LandCoverEntry* land = nullptr;
            if (table) {
              if (auto it = table->find(ready.parcel.id); it != table->end()) {
                land = &it->second;
                land->matched = true;
              }
            }
            counts.without_land_cover += land == nullptr ? 1 : 0;
            counts.repaired += ready.parcel.repaired ? 1 : 0;
            counts.multipart += ready.parcel.parts > 1 ? 1 : 0;
            counts.without_contenance += ready.parcel.contenance ? 0 : 1;
            writer.write(ready, land);
            ++counts.written;
          }
          if (++batches % 8 == 0) {
            context.progress("parcels",
                             (static_cast<double>(i) + pipeline.progress(i)) / static_cast<double>(files.size()));
          }
        }
        FileQueue done = pipeline.finished(i);
        counts.outside_region += done.outside_region;
        if (cover.paired && done.cover) counts.unmatched_cover_rows += unmatched_rows(*done.cover);
        if (cover.paired) {
          if (const auto value = pattern_value(entry, files[i]); value && cover.by_value.contains(*value))
            paired_cover_used.insert(cover.by_value.at(*value));
        }
      }
    }
    writer.finish();
  });

  if (cover.shared) counts.unmatched_cover_rows += unmatched_rows(*cover.shared);
  // Land-cover files whose parcels file is missing: every row is unmatched.
  for (const auto& [value, file] : cover.by_value) {
    if (!paired_cover_used.contains(file))
      counts.unmatched_cover_rows += static_cast<std::int64_t>(formats::read_land_cover(file).size());
  }

  std::string source_file = entry.file.string();
  std::string source = entry.source;
  std::string licence = entry.licence;
  if (cover_entry != nullptr) {
    source_file += ";" + cover_entry->file.string();
    source += "; land classes: " + cover_entry->source;
    if (cover_entry->licence != licence) licence += "; " + cover_entry->licence;
  }
  std::string notes = entry.notes;
  if (entry.pattern) notes += fmt::format("{}{} files", notes.empty() ? "" : "; ", files.size());
  const std::string details = describe(counts, cover.present);
  notes += (notes.empty() ? "" : "; ") + details;
  context.builder.record({.layer = "parcels",
                          .provenance = synthetic ? "synthetic" : entry.provenance,
                          .source_file = source_file,
                          .source = source,
                          .licence = licence,
                          .notes = notes});
  context.progress("parcels", 1.0);
}

}  // namespace zanplan::importer
