#include "zanplan/sources.hpp"

#include <algorithm>
#include <iterator>
#include <set>

#include <toml++/toml.h>

#include "text/file.hpp"
#include "zanplan/error.hpp"

namespace zanplan {

const SourceEntry* SourcesManifest::find(const std::string& key) const {
  auto it = entries.find(key);
  return it == entries.end() ? nullptr : &it->second;
}

const SourceEntry& SourcesManifest::require(const std::string& key) const {
  if (const SourceEntry* entry = find(key)) return *entry;
  throw_config("the sources manifest has no entry for this input", {.file = path.string(), .key = key});
}

namespace {

std::int64_t line_of(const toml::node& node) {
  return static_cast<std::int64_t>(node.source().begin.line);
}

std::string required_string(const toml::table& table, const std::string& key, const std::string& field,
                            const std::filesystem::path& path) {
  const toml::node* node = table.get(field);
  if (node == nullptr || !node->is_string() || node->value<std::string>()->empty()) {
    throw_config("missing or empty string", {.file = path.string(), .line = line_of(table), .key = key + "." + field});
  }
  return *node->value<std::string>();
}

// The inputs `zanplan import` reads (docs/sources-manifest.md); any other table is a typo.
constexpr const char* known_entries[] = {
    "region_boundary", "communes", "commune_list", "epci_list", "groupements", "zan_targets", "custom_scot",
    "custom_scot_communes", "scot_crosswalk", "substations", "motorways", "rail_points", "ports",
    "logistics_dense", "logistics_extended", "brownfields", "enaf_consumption", "parcels", "land_cover",
    "communal_guarantee"};
// Entries that come in several vintages or départements: business_parks_<year>, farmland_<dept>.
constexpr const char* known_entry_prefixes[] = {"business_parks_", "farmland_"};

bool known_entry(const std::string& key) {
  return std::find(std::begin(known_entries), std::end(known_entries), key) != std::end(known_entries) ||
         std::any_of(std::begin(known_entry_prefixes), std::end(known_entry_prefixes), [&](const char* prefix) {
           return key.starts_with(prefix) && key.size() > std::string_view(prefix).size();
         });
}

// A pattern's file name split at its `*`.
std::pair<std::string, std::string> pattern_parts(const std::filesystem::path& pattern) {
  const std::string name = pattern.filename().string();
  const auto star = name.find('*');
  return {name.substr(0, star), name.substr(star + 1)};
}

}  // namespace

std::optional<std::string> pattern_value(const SourceEntry& entry, const std::filesystem::path& file) {
  if (!entry.pattern) return std::nullopt;
  const auto [prefix, suffix] = pattern_parts(entry.resolved);
  const std::string name = file.filename().string();
  if (name.size() < prefix.size() + suffix.size() + 1) return std::nullopt;
  if (!name.starts_with(prefix) || !name.ends_with(suffix)) return std::nullopt;
  return name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
}

std::filesystem::path expand_pattern(const std::filesystem::path& pattern, const std::string& value) {
  const auto [prefix, suffix] = pattern_parts(pattern);
  return pattern.parent_path() / (prefix + value + suffix);
}

std::vector<std::filesystem::path> entry_files(const SourceEntry& entry) {
  std::vector<std::filesystem::path> files;
  if (!entry.pattern) {
    if (std::filesystem::exists(entry.resolved)) files.push_back(entry.resolved);
    return files;
  }
  std::error_code error;
  std::filesystem::directory_iterator it(entry.resolved.parent_path(), error);
  if (error) return files;
  for (const auto& item : it) {
    if (item.is_regular_file() && pattern_value(entry, item.path())) files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

SourcesManifest load_sources(const std::filesystem::path& path) {
  const std::string content = text::read_file(path, ErrorKind::config, "sources manifest");
  toml::table root;
  try {
    root = toml::parse(content, path.string());
  } catch (const toml::parse_error& e) {
    throw_config(std::string(e.description()),
                 {.file = path.string(), .line = static_cast<std::int64_t>(e.source().begin.line)});
  }

  SourcesManifest manifest;
  manifest.path = std::filesystem::absolute(path);
  const auto base = manifest.path.parent_path();
  const std::set<std::string> entry_fields{"file", "source", "licence", "provenance", "notes"};

  for (const auto& [raw_key, node] : root) {
    const std::string key(raw_key.str());
    if (key == "region_code" || key == "region_name") {
      if (!node.is_string()) throw_config("must be a string", {.file = path.string(), .line = line_of(node), .key = key});
      (key == "region_code" ? manifest.region_code : manifest.region_name) = *node.value<std::string>();
      continue;
    }
    const toml::table* table = node.as_table();
    if (table == nullptr) throw_config("unknown key", {.file = path.string(), .line = line_of(node), .key = key});
    if (!known_entry(key)) {
      throw_config("unknown section (not an input zanplan imports)", {.file = path.string(), .line = line_of(node), .key = key});
    }
    for (const auto& [field, value] : *table) {
      if (!entry_fields.contains(std::string(field.str()))) {
        throw_config("unknown key", {.file = path.string(), .line = line_of(value), .key = key + "." + std::string(field.str())});
      }
    }
    SourceEntry entry;
    entry.key = key;
    entry.line = line_of(*table);
    entry.file = required_string(*table, key, "file", path);
    entry.source = required_string(*table, key, "source", path);
    entry.licence = required_string(*table, key, "licence", path);
    entry.provenance = required_string(*table, key, "provenance", path);
    entry.notes = table->get("notes") != nullptr ? table->get("notes")->value_or(std::string{}) : "";
    if (entry.provenance != "real" && entry.provenance != "synthetic") {
      throw_config("provenance must be \"real\" or \"synthetic\"",
                   {.file = path.string(), .line = entry.line, .key = key + ".provenance"});
    }
    entry.resolved = (base / entry.file).lexically_normal();
    const std::string folder = entry.file.parent_path().string();
    const std::string name = entry.file.filename().string();
    if (folder.find('*') != std::string::npos || std::count(name.begin(), name.end(), '*') > 1) {
      throw_config("a file pattern has a single `*`, in the file name only",
                   {.file = path.string(), .line = entry.line, .key = key + ".file"});
    }
    entry.pattern = name.find('*') != std::string::npos;
    if (entry.pattern && std::find(std::begin(keys_accepting_patterns), std::end(keys_accepting_patterns), key) ==
                             std::end(keys_accepting_patterns)) {
      throw_config("only the parcels and land_cover entries may name several files with a `*`",
                   {.file = path.string(), .line = entry.line, .key = key + ".file"});
    }
    manifest.entries.emplace(key, std::move(entry));
  }
  if (manifest.region_code.empty()) throw_config("missing region_code", {.file = path.string(), .key = "region_code"});
  if (manifest.region_name.empty()) manifest.region_name = "region " + manifest.region_code;
  return manifest;
}

}  // namespace zanplan
