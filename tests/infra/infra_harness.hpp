// Runs infrastructure import stages into a fresh workspace: a hand-made manifest whose
// region is the real Hauts-de-France outline, optional region communes, and helpers to
// read the result back.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "import/context.hpp"
#include "import/region.hpp"
#include "ogr/handles.hpp"
#include "workspace/builder.hpp"
#include "zanplan/sources.hpp"

namespace zanplan::test {

inline std::filesystem::path real_file(const std::string& relative) {
  return std::filesystem::path(ZANPLAN_DATA_DIR) / "region-32" / "real" / relative;
}

inline std::filesystem::path infra_fixture(const std::string& name) {
  return std::filesystem::path(ZANPLAN_FIXTURES_DIR) / "infra" / name;
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Replaces the first occurrence of `from` (which must be present) by `to`.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("fixture text not found: " + from);
  return text.replace(at, from.size(), to);
}

class InfraHarness {
 public:
  InfraHarness() {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("zanplan-infra-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    manifest_.path = dir_ / "sources.toml";
    manifest_.region_code = "32";
    manifest_.region_name = "Hauts-de-France";
    add_entry("region_boundary", real_file("admin/region-hauts-de-france.geojson"));
  }
  ~InfraHarness() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  InfraHarness(const InfraHarness&) = delete;
  InfraHarness& operator=(const InfraHarness&) = delete;

  void add_entry(const std::string& key, const std::filesystem::path& file) {
    SourceEntry entry;
    entry.key = key;
    entry.file = file.filename();
    entry.resolved = file;
    entry.source = "test source for " + key;
    entry.licence = "Licence Ouverte";
    entry.provenance = "real";
    manifest_.entries[key] = entry;
  }

  // A file in the harness's directory, registered under `key`.
  std::filesystem::path add_text(const std::string& key, const std::string& name,
                                 const std::string& content) {
    const auto file = dir_ / name;
    std::ofstream out(file, std::ios::binary);
    out << content;
    out.close();
    add_entry(key, file);
    return file;
  }

  // Region communes (current codes) and older codes that map to them.
  void set_communes(const std::set<std::string>& communes,
                    const std::map<std::string, std::string>& old_codes = {}) {
    communes_ = communes;
    old_codes_ = old_codes;
  }

  // Runs `stage` after loading the region outline; `before` may add layers (e.g. communes).
  void run(const std::function<void(importer::Context&)>& stage,
           const std::function<void(workspace::Builder&)>& before = {}) {
    workspace::Builder builder(workspace(), manifest_.region_code, manifest_.region_name);
    importer::Context context{.sources = manifest_, .builder = builder};
    for (const auto& code : communes_) context.current_code[code] = code;
    for (const auto& [old_code, current] : old_codes_) context.current_code[old_code] = current;
    context.communes = communes_;
    importer::load_region_outline(context);
    if (before) before(builder);
    stage(context);
    builder.commit();
  }

  [[nodiscard]] std::filesystem::path workspace() const { return dir_ / "workspace.gpkg"; }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  [[nodiscard]] ogr::DatasetPtr open() const { return ogr::open_vector(workspace().string()); }

  // Every feature of a layer, keyed by the value of `key_field`.
  [[nodiscard]] std::map<std::string, ogr::FeaturePtr> features(const std::string& layer,
                                                                const std::string& key_field) {
    dataset_ = open();
    std::map<std::string, ogr::FeaturePtr> out;
    for (auto& feature : *dataset_->GetLayerByName(layer.c_str())) {
      const std::string key = feature->GetFieldAsString(key_field.c_str());
      out[key] = ogr::FeaturePtr(feature.release());
    }
    return out;
  }

  [[nodiscard]] GIntBig count(const std::string& layer) const {
    auto dataset = open();
    return dataset->GetLayerByName(layer.c_str())->GetFeatureCount(TRUE);
  }

  [[nodiscard]] std::string notes(const std::string& layer) const {
    auto dataset = open();
    for (auto& f : *dataset->GetLayerByName("zanplan_layers")) {
      if (layer == f->GetFieldAsString("layer")) return f->GetFieldAsString("notes");
    }
    return {};
  }

 private:
  std::filesystem::path dir_;
  SourcesManifest manifest_;
  std::set<std::string> communes_;
  std::map<std::string, std::string> old_codes_;
  ogr::DatasetPtr dataset_;
};

}  // namespace zanplan::test
