// The sources manifest: a TOML file that names, for one region, every input file of the
// workspace with its origin, licence and provenance. See docs/sources-manifest.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace zanplan {

struct SourceEntry {
  std::string key;                 // table name in the manifest, e.g. "substations"
  std::filesystem::path file;      // as written in the manifest (relative to it)
  std::filesystem::path resolved;  // absolute path
  std::string source;              // publisher and origin
  std::string licence;
  std::string provenance;          // "real" or "synthetic"
  std::string notes;
  std::int64_t line = 0;           // line of the table header in the manifest
};

struct SourcesManifest {
  std::filesystem::path path;
  std::string region_code;  // INSEE region code, e.g. "32"
  std::string region_name;
  std::map<std::string, SourceEntry> entries;

  // The entry for key; throws a config error naming the manifest and key when absent.
  [[nodiscard]] const SourceEntry& require(const std::string& key) const;
  [[nodiscard]] const SourceEntry* find(const std::string& key) const;
};

// Parses and validates the manifest: unknown keys, missing fields and missing files are
// config errors naming the manifest, line and key.
SourcesManifest load_sources(const std::filesystem::path& path);

}  // namespace zanplan
