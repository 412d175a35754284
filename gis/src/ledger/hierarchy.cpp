// The territory hierarchy read from the workspace, levels and territory references.
#include <algorithm>

#include <fmt/format.h>

#include "ogr/handles.hpp"
#include "workspace/layers.hpp"
#include "zanplan/ledger.hpp"

namespace zanplan {

std::string level_name(Level level) {
  switch (level) {
    case Level::commune:
      return "commune";
    case Level::epci:
      return "epci";
    case Level::scot:
      return "scot";
    case Level::departement:
      return "departement";
    case Level::region:
      return "region";
  }
  return "?";
}

Level parse_level(const std::string& text, const std::string& key) {
  for (Level level : {Level::commune, Level::epci, Level::scot, Level::departement, Level::region}) {
    if (text == level_name(level)) return level;
  }
  if (text == "département") return Level::departement;
  throw_usage(fmt::format("unknown level '{}' (commune, epci, scot, departement or region)", text),
              {.key = key});
}

std::string TerritoryRef::text() const {
  return level == Level::commune ? code : level_name(level) + ":" + code;
}

TerritoryRef parse_territory(const std::string& text, const std::string& key) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return {Level::commune, text};
  TerritoryRef ref{parse_level(text.substr(0, colon), key), text.substr(colon + 1)};
  if (ref.code.empty()) throw_usage(fmt::format("territory '{}' has no code after ':'", text), {.key = key});
  return ref;
}

namespace {

std::string text_of(OGRFeature& feature, int index) {
  return feature.IsFieldSetAndNotNull(index) ? feature.GetFieldAsString(index) : "";
}

void read_communes(GDALDataset& dataset, const std::filesystem::path& path, Hierarchy& h) {
  OGRLayer& layer = workspace::require_layer(dataset, path, "communes");
  const int code = workspace::require_column(layer, path, "code");
  const int name = workspace::require_column(layer, path, "nom");
  const int epci = workspace::require_column(layer, path, "epci_siren");
  const int scot = workspace::require_column(layer, path, "scot_id");
  const int departement = workspace::require_column(layer, path, "departement");
  layer.SetIgnoredFields(std::vector<const char*>{"OGR_GEOMETRY", nullptr}.data());
  for (auto& f : layer) {
    Hierarchy::Commune c{text_of(*f, code), text_of(*f, name), text_of(*f, epci), text_of(*f, scot),
                         text_of(*f, departement)};
    if (c.scot.empty()) h.communes_without_scot.push_back(c.code);
    h.communes.emplace(c.code, std::move(c));
  }
  layer.SetIgnoredFields(nullptr);
  std::sort(h.communes_without_scot.begin(), h.communes_without_scot.end());
}

// Names are labels only: a workspace without the epci or scot layer still has a ledger.
void read_names(GDALDataset& dataset, const char* layer_name, const char* id_field,
                std::map<std::string, std::string>& names) {
  OGRLayer* layer = dataset.GetLayerByName(layer_name);
  if (layer == nullptr) return;
  const int id = layer->GetLayerDefn()->GetFieldIndex(id_field);
  const int name = layer->GetLayerDefn()->GetFieldIndex("nom");
  if (id < 0 || name < 0) return;
  layer->SetIgnoredFields(std::vector<const char*>{"OGR_GEOMETRY", nullptr}.data());
  for (auto& f : *layer) names[text_of(*f, id)] = text_of(*f, name);
  layer->SetIgnoredFields(nullptr);
}

void read_targets(const std::filesystem::path& path, Hierarchy& h) {
  MappedTargets targets = read_mapped_targets(path);
  h.scot_targets = std::move(targets.scot);
  h.epci_targets = std::move(targets.epci);
  h.region_target = std::move(targets.region);
}

void read_region(GDALDataset& dataset, Hierarchy& h) {
  OGRLayer* meta = dataset.GetLayerByName("zanplan_meta");
  if (meta == nullptr) return;
  for (auto& f : *meta) {
    const std::string key = f->GetFieldAsString("key");
    if (key == "region_code") h.region_code = f->GetFieldAsString("value");
    if (key == "region_name") h.region_name = f->GetFieldAsString("value");
  }
}

}  // namespace

std::string Hierarchy::territory_of(const std::string& commune, Level level) const {
  auto it = communes.find(commune);
  if (it == communes.end()) throw_usage(fmt::format("unknown commune '{}'", commune), {.key = "commune"});
  switch (level) {
    case Level::commune:
      return it->second.code;
    case Level::epci:
      return it->second.epci;
    case Level::scot:
      return it->second.scot;
    case Level::departement:
      return it->second.departement;
    case Level::region:
      return region_code;
  }
  return {};
}

bool Hierarchy::contains(const TerritoryRef& territory) const {
  if (territory.code.empty()) return false;
  if (territory.level == Level::commune) return communes.count(territory.code) > 0;
  if (territory.level == Level::region) return territory.code == region_code;
  return std::any_of(communes.begin(), communes.end(), [&](const auto& entry) {
    return territory_of(entry.first, territory.level) == territory.code;
  });
}

std::string Hierarchy::name_of(const TerritoryRef& territory) const {
  auto lookup = [&](const std::map<std::string, std::string>& names) {
    auto it = names.find(territory.code);
    return it == names.end() ? std::string() : it->second;
  };
  switch (territory.level) {
    case Level::commune: {
      auto it = communes.find(territory.code);
      return it == communes.end() ? std::string() : it->second.name;
    }
    case Level::epci:
      return lookup(epci_names);
    case Level::scot:
      return lookup(scot_names);
    case Level::departement:
      return "Département " + territory.code;
    case Level::region:
      return region_name;
  }
  return {};
}

Hierarchy read_hierarchy(const std::filesystem::path& path) {
  auto dataset = workspace::open_existing(path);
  Hierarchy h;
  // Every layer read is checked: a damaged page is an error, never a shorter list.
  auto checked = [&](const char* layer, const auto& read) {
    const workspace::ReadCheck check(path, layer);
    read();
    check.check();
  };
  checked("communes", [&] { read_communes(*dataset, path, h); });
  checked("epci", [&] { read_names(*dataset, "epci", "siren", h.epci_names); });
  checked("scot", [&] { read_names(*dataset, "scot", "scot_id", h.scot_names); });
  read_targets(path, h);
  checked("zanplan_meta", [&] { read_region(*dataset, h); });
  return h;
}

}  // namespace zanplan
