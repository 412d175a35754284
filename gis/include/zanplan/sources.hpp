// The sources manifest: a TOML file that names, for one region, every input file of the
// workspace with its origin, licence and provenance. See docs/sources-manifest.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zanplan {

struct SourceEntry {
  std::string key;                 // table name in the manifest, e.g. "substations"
  std::filesystem::path file;      // as written in the manifest (relative to it)
  std::filesystem::path resolved;  // absolute path (the pattern itself when `pattern`)
  // A `*` in the file name (never in a folder) makes the entry name every file that matches,
  // e.g. "synthetic/cadastre-*-parcelles.json.gz" for one file per département. Only the
  // entries in keys_accepting_patterns may use one.
  bool pattern = false;
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

// The entries whose `file` may be a pattern naming several files.
inline constexpr const char* keys_accepting_patterns[] = {"parcels", "land_cover"};

// The files an entry names: `resolved` when it exists, or every existing file matching the
// pattern, sorted by name. Empty when there is none.
std::vector<std::filesystem::path> entry_files(const SourceEntry& entry);

// What the `*` of a pattern entry stands for in `file` ("59" for cadastre-59-parcelles.json.gz
// and the pattern cadastre-*-parcelles.json.gz); nullopt when the name does not match or the
// entry is not a pattern.
std::optional<std::string> pattern_value(const SourceEntry& entry, const std::filesystem::path& file);

// `pattern`'s file name with its `*` replaced by `value`.
std::filesystem::path expand_pattern(const std::filesystem::path& pattern, const std::string& value);

// Parses and validates the manifest: unknown keys, missing fields and missing files are
// config errors naming the manifest, line and key.
SourcesManifest load_sources(const std::filesystem::path& path);

}  // namespace zanplan
