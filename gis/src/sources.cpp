#include "zanplan/sources.hpp"

#include <set>

#include <toml++/toml.h>

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

}  // namespace

SourcesManifest load_sources(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw_config("sources manifest not found", {.file = path.string()});
  toml::table root;
  try {
    root = toml::parse_file(path.string());
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
    manifest.entries.emplace(key, std::move(entry));
  }
  if (manifest.region_code.empty()) throw_config("missing region_code", {.file = path.string(), .key = "region_code"});
  if (manifest.region_name.empty()) manifest.region_name = "region " + manifest.region_code;
  return manifest;
}

}  // namespace zanplan
