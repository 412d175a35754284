// zanplan::generate_synthetic: the synthetic files, communes made on worker threads and
// written in (département, code) order by the calling thread.
#include "zanplan/synthetic.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "formats/cerema.hpp"
#include "synthetic/consumption.hpp"
#include "synthetic/gzip_chunks.hpp"
#include "synthetic/inputs.hpp"
#include "synthetic/land_cover.hpp"
#include "synthetic/ordered_work.hpp"
#include "synthetic/parcels.hpp"
#include "synthetic/writers.hpp"
#include "zanplan/error.hpp"
#include "zanplan/sources.hpp"

namespace zanplan {

namespace {

// Communes made ahead of the writer, at most; bounds memory (a commune's text is a few MB
// at most) while keeping both workers busy past a slow commune.
constexpr std::size_t communes_in_flight = 64;

constexpr std::array<formats::LandClass, 3> classes{formats::LandClass::artificialised, formats::LandClass::enaf,
                                                    formats::LandClass::brownfield};

void check_options(const SyntheticOptions& options) {
  if (!std::isfinite(options.density) || options.density <= 0.0) {
    throw_usage(fmt::format("the parcel density must be a positive fraction, not {}", options.density));
  }
  if (options.output_dir.empty()) throw_usage("no output directory for the synthetic files");
}

std::string parcel_id(const std::string& commune, const synthetic::SyntheticParcel& parcel) {
  return fmt::format("{}000{}{:04d}", commune, parcel.section, parcel.number);
}

bool is_gzip(const std::string& name) { return name.ends_with(".gz"); }
bool is_pattern(const std::string& name) { return name.find('*') != std::string::npos; }

// A commune's text for one output file: plain, or compressed on the worker when the file
// is gzip.
struct Piece {
  std::string text;
  synthetic::DeflatedPiece deflated;
  bool empty = true;
};

Piece make_piece(std::string text, bool compress) {
  Piece piece;
  piece.empty = text.empty();
  if (compress) {
    if (!piece.empty) piece.deflated = synthetic::deflate_piece(text);
  } else {
    piece.text = std::move(text);
  }
  return piece;
}

// What one commune contributes, made on a worker thread.
struct CommuneOutput {
  Piece parcels;     // features separated by EtalabFeatures::separator
  Piece land_cover;  // rows, each ending with a newline
  std::size_t count = 0;
  std::size_t core = 0;
  std::size_t slivers = 0;
  std::array<std::size_t, classes.size()> by_class{};
};

// A worker thread's own tools: GEOS trees and the PROJ transform are not shared.
class CommuneMaker {
 public:
  CommuneMaker(const synthetic::WorkspaceInputs& inputs, const SyntheticOptions& options, bool compress_parcels,
               bool compress_land_cover)
      : options_(options),
        layers_(synthetic::ClassifierLayers::copy_of(inputs)),
        classifier_(layers_),
        compress_parcels_(compress_parcels),
        compress_land_cover_(compress_land_cover) {}

  CommuneOutput make(const synthetic::CommuneInput& commune) {
    CommuneOutput output;
    auto geometry_random = synthetic::Random::stream(options_.seed, commune.code, "parcels");
    auto class_random = synthetic::Random::stream(options_.seed, commune.code, "land cover");
    const auto generated = synthetic::generate_commune_parcels(commune, options_.density, geometry_random);
    output.slivers = generated.slivers_dropped;
    etalab_.forget_points();
    std::string features;
    std::string rows;
    for (const auto& parcel : generated.parcels) {
      const formats::LandClass land_class = classifier_.classify(parcel, generated.layout, class_random);
      const std::string id = parcel_id(commune.code, parcel);
      const std::size_t mark = features.size();
      if (!features.empty()) features += synthetic::EtalabFeatures::separator;
      if (!etalab_.append(parcel, id, commune.code, features)) {
        features.resize(mark);
        ++output.slivers;
        continue;
      }
      rows += id;
      rows += ';';
      rows += formats::land_class_name(land_class);
      rows += land_class == formats::LandClass::enaf ? ";1\n" : ";0\n";
      ++output.count;
      output.core += parcel.core ? 1 : 0;
      ++output.by_class[static_cast<std::size_t>(
          std::find(classes.begin(), classes.end(), land_class) - classes.begin())];
    }
    output.parcels = make_piece(std::move(features), compress_parcels_);
    output.land_cover = make_piece(std::move(rows), compress_land_cover_);
    return output;
  }

 private:
  const SyntheticOptions& options_;
  synthetic::ClassifierLayers layers_;
  synthetic::LandClassifier classifier_;
  synthetic::EtalabFeatures etalab_;
  bool compress_parcels_;
  bool compress_land_cover_;
};

// The files of one output: one per département when its name has a `*`, else a single
// file. Communes arrive grouped by département, so one file is open at a time; all are
// staged and published together at the end.
class FileSeries {
 public:
  FileSeries(std::filesystem::path dir, std::string name, std::string_view header, std::string_view separator,
             std::string_view footer)
      : dir_(std::move(dir)),
        name_(std::move(name)),
        header_(header),
        separator_(separator),
        footer_(footer) {}

  [[nodiscard]] bool compressed() const { return is_gzip(name_); }

  void append(const std::string& departement, const Piece& piece) {
    const std::string key = is_pattern(name_) ? departement : std::string();
    if (!open_ || key != current_) open(key);
    if (piece.empty) return;
    if (!first_piece_) put(separator_);
    first_piece_ = false;
    if (gzip_) {
      gzip_->append(piece.deflated);
    } else {
      files_.back()->out() << piece.text;
    }
  }

  // Closes the last file (a single file is made even without communes).
  void finish() {
    if (!open_ && !is_pattern(name_)) open({});
    close();
  }

  void publish(std::vector<std::filesystem::path>& written) {
    for (auto& file : files_) {
      file->publish();
      written.push_back(file->target());
    }
  }

  // Files in dir_ matching the name's `*` that this run did not write: left by an earlier
  // run over other communes, they would be read with these.
  void remove_stale() const {
    if (!is_pattern(name_)) return;
    SourceEntry entry;
    entry.resolved = dir_ / name_;
    entry.pattern = true;
    for (const auto& path : entry_files(entry)) {
      const bool ours = std::any_of(files_.begin(), files_.end(), [&](const auto& f) { return f->target() == path; });
      std::error_code ignored;
      if (!ours) std::filesystem::remove(path, ignored);
    }
  }

 private:
  void open(const std::string& key) {
    close();
    const std::string name = is_pattern(name_) ? expand_pattern(name_, key).string() : name_;
    files_.push_back(std::make_unique<synthetic::StagedFile>(dir_ / name));
    if (compressed()) gzip_.emplace(files_.back()->out());
    current_ = key;
    open_ = true;
    first_piece_ = true;
    put(header_);
  }

  void close() {
    if (!open_) return;
    put(footer_);
    if (gzip_) gzip_->finish();
    gzip_.reset();
    files_.back()->finish();
    open_ = false;
  }

  void put(std::string_view text) {
    if (text.empty()) return;
    if (gzip_) {
      gzip_->append(synthetic::deflate_piece(text));
    } else {
      files_.back()->out() << text;
    }
  }

  std::filesystem::path dir_;
  std::string name_;
  std::string header_;
  std::string separator_;
  std::string footer_;
  std::vector<std::unique_ptr<synthetic::StagedFile>> files_;
  std::optional<synthetic::GzipAssembler> gzip_;
  std::string current_;
  bool open_ = false;
  bool first_piece_ = true;
};

void check_commune(const synthetic::CommuneInput& commune, const std::filesystem::path& workspace) {
  if (commune.code.size() != 5) {
    throw_workspace("a commune code must have 5 characters to make 14-character parcel ids",
                    {.file = workspace.string(), .layer = "communes", .key = commune.code});
  }
  if (commune.departement.empty()) {
    throw_workspace("the commune has no département, which names its parcels file",
                    {.file = workspace.string(), .layer = "communes", .key = commune.code});
  }
}

// The communes whose parcels are made, in (département, code) order: the order of the
// files and within each file.
std::vector<const synthetic::CommuneInput*> selected_communes(const synthetic::WorkspaceInputs& inputs,
                                                              const SyntheticOptions& options) {
  const bool all = options.communes.empty();
  std::set<std::string> wanted(options.communes.begin(), options.communes.end());
  std::vector<const synthetic::CommuneInput*> selected;
  for (const auto& commune : inputs.communes) {
    if (all || wanted.erase(commune.code) > 0) selected.push_back(&commune);
  }
  if (!wanted.empty()) {
    // A command-line mistake: the workspace may be a temporary one the user never named.
    throw_usage("--communes: " + *wanted.begin() + " is not a commune of the region", {.key = *wanted.begin()});
  }
  std::stable_sort(selected.begin(), selected.end(),
                   [](const auto* a, const auto* b) { return a->departement < b->departement; });
  return selected;
}

unsigned thread_count(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

SyntheticReport generate_synthetic(const std::filesystem::path& workspace, const SyntheticOptions& options) {
  check_options(options);
  auto progress = options.progress ? options.progress : [](std::string_view, double) {};
  progress("synthetic: reading the workspace", 0.0);
  const synthetic::WorkspaceInputs inputs = synthetic::read_workspace(workspace);
  for (const auto& commune : inputs.communes) check_commune(commune, workspace);
  const auto communes = selected_communes(inputs, options);

  std::error_code error;
  std::filesystem::create_directories(options.output_dir, error);
  if (error)
    throw_output("cannot create directory: " + error.message(), {.file = options.output_dir.string()});

  SyntheticReport report;
  report.region_code = inputs.region_code;
  auto name_or = [](const std::string& name, const char* fallback) { return name.empty() ? fallback : name; };
  FileSeries parcels(options.output_dir, name_or(options.parcels_name, synthetic_parcels_pattern),
                     synthetic::EtalabFeatures::header, synthetic::EtalabFeatures::separator,
                     synthetic::EtalabFeatures::footer);
  FileSeries land_cover(options.output_dir, name_or(options.land_cover_name, synthetic_land_cover_pattern),
                        "id;land_class;enaf_share\n", "", "");
  FileSeries consumption(options.output_dir, name_or(options.consumption_name, synthetic_consumption_file),
                         synthetic::csv_line(formats::cerema_layout()), "", "");

  synthetic::ordered_parallel<CommuneOutput>(
      communes.size(), thread_count(options.threads), communes_in_flight,
      [&] {
        auto maker = std::make_shared<CommuneMaker>(inputs, options, parcels.compressed(), land_cover.compressed());
        return [maker, &communes](std::size_t i) { return maker->make(*communes[i]); };
      },
      [&](std::size_t i, CommuneOutput output) {
        const std::string& departement = communes[i]->departement;
        parcels.append(departement, output.parcels);
        land_cover.append(departement, output.land_cover);
        report.parcels += output.count;
        report.core_parcels += output.core;
        report.slivers_dropped += output.slivers;
        for (std::size_t c = 0; c < classes.size(); ++c) {
          if (output.by_class[c] > 0)
            report.parcels_by_class[std::string(formats::land_class_name(classes[c]))] += output.by_class[c];
        }
        if (i % 50 == 0)
          progress("synthetic: communes", static_cast<double>(i) / static_cast<double>(communes.size()));
      });

  // Consumption for every commune, in code order: cheap, and the budgets stay whole when
  // only some communes have parcels.
  for (const auto& commune : inputs.communes) {
    auto consumption_random = synthetic::Random::stream(options.seed, commune.code, "consumption");
    const auto row = synthetic::consumption_row(commune, inputs, consumption_random);
    consumption.append({}, make_piece(synthetic::csv_line(row.fields), consumption.compressed()));
    report.consumption_2011_2020_m2 += row.reference_2011_2020_m2;
    ++report.communes;
  }

  for (auto* series : {&parcels, &land_cover, &consumption}) series->finish();
  for (auto* series : {&parcels, &land_cover, &consumption}) series->publish(report.files);
  for (auto* series : {&parcels, &land_cover}) series->remove_stale();
  std::sort(report.files.begin(), report.files.end());
  progress("synthetic: communes", 1.0);
  return report;
}

}  // namespace zanplan
