// Runs one import stage into a fresh workspace with a hand-made manifest and commune set.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "import/context.hpp"
#include "ogr/handles.hpp"
#include "test_files.hpp"
#include "workspace/builder.hpp"
#include "zanplan/sources.hpp"

namespace zanplan::test {

class ImportHarness {
 public:
  explicit ImportHarness(const std::string& name) : dir_(name), workspace_(dir_.path() / "workspace.gpkg") {
    manifest_.path = dir_.path() / "sources.toml";
    manifest_.region_code = "99";
    manifest_.region_name = "Testland";
  }

  void add_entry(const std::string& key, const std::filesystem::path& file,
                 const std::string& provenance = "real") {
    SourceEntry entry;
    entry.key = key;
    entry.file = file.filename();
    entry.resolved = file;
    entry.pattern = file.filename().string().find('*') != std::string::npos;
    entry.source = "test source for " + key;
    entry.licence = "Licence Ouverte";
    entry.provenance = provenance;
    manifest_.entries[key] = entry;
  }

  // Region communes; `old_codes` maps older codes to current ones.
  void set_communes(const std::set<std::string>& communes,
                    const std::map<std::string, std::string>& old_codes = {}) {
    communes_ = communes;
    old_codes_ = old_codes;
  }

  void set_threads(unsigned threads) { threads_ = threads; }

  // Runs `stage` and commits the workspace.
  template <typename Stage>
  void run(Stage stage) {
    workspace::Builder builder(workspace_, manifest_.region_code, manifest_.region_name);
    importer::Context context{.sources = manifest_, .builder = builder, .threads = threads_};
    for (const auto& code : communes_) context.current_code[code] = code;
    for (const auto& [old_code, current] : old_codes_) context.current_code[old_code] = current;
    context.communes = communes_;
    stage(context);
    builder.commit();
  }

  [[nodiscard]] ogr::DatasetPtr open() const { return ogr::open_vector(workspace_.string()); }

  // The provenance row of a layer: (provenance, source_file, notes).
  [[nodiscard]] std::array<std::string, 3> provenance(const std::string& layer) const {
    auto dataset = open();
    for (auto& f : *dataset->GetLayerByName("zanplan_layers")) {
      if (layer == f->GetFieldAsString("layer")) {
        return {f->GetFieldAsString("provenance"), f->GetFieldAsString("source_file"),
                f->GetFieldAsString("notes")};
      }
    }
    return {};
  }

  [[nodiscard]] const TempDir& dir() const { return dir_; }
  [[nodiscard]] const std::filesystem::path& workspace() const { return workspace_; }

 private:
  TempDir dir_;
  std::filesystem::path workspace_;
  SourcesManifest manifest_;
  std::set<std::string> communes_;
  std::map<std::string, std::string> old_codes_;
  unsigned threads_ = 0;
};

}  // namespace zanplan::test
