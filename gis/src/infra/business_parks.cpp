// `business_parks`: the SIMI business parks of geo2france, one manifest entry per vintage
// (`business_parks_<year>`, GeoJSON, WGS84, mixed Polygon/MultiPolygon).
#include <algorithm>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "infra/common.hpp"
#include "infra/infra_import.hpp"

namespace zanplan::importer::infra {

namespace {

constexpr const char* key_prefix = "business_parks_";

struct Vintage {
  const SourceEntry* entry = nullptr;
  int year = 0;
};

// The vintages of the manifest, newest first; the year is the key's suffix.
std::vector<Vintage> vintages_of(const SourcesManifest& manifest) {
  std::vector<Vintage> out;
  for (const SourceEntry* entry : entries_with_prefix(manifest, key_prefix)) {
    const std::string suffix = entry->key.substr(std::string_view(key_prefix).size());
    int year = 0;
    const auto [end, error] = std::from_chars(suffix.data(), suffix.data() + suffix.size(), year);
    if (error != std::errc() || end != suffix.data() + suffix.size() || suffix.size() != 4) {
      throw_config("a business park entry must be named business_parks_<year>",
                   {.file = manifest.path.string(), .line = entry->line, .key = entry->key});
    }
    out.push_back({entry, year});
  }
  if (out.empty()) {
    throw_config("the sources manifest has no business_parks_<year> entry", {.file = manifest.path.string()});
  }
  std::sort(out.begin(), out.end(), [](const Vintage& a, const Vintage& b) { return a.year > b.year; });
  return out;
}

struct Tally {
  GIntBig read = 0;
  int kept = 0;
  int duplicates = 0;  // sites already written from a newer vintage
  int repaired = 0;
  int located = 0;    // commune found from the point on surface
  int unlocated = 0;  // no commune code at all
  int without_surface = 0;
};

class ParkCopier {
 public:
  ParkCopier(Context& context, LayerWriter& writer)
      : context_(context), writer_(writer), region_(context, near_region_m), communes_(context) {}

  Tally copy(const Vintage& vintage) {
    const std::string path = vintage.entry->resolved.string();
    auto dataset = ogr::open_vector(path);
    OGRLayer& layer = ogr::layer_of(*dataset, path);
    const int idsite = ogr::required_field(layer, path, "idsite");
    const int site_nom = ogr::required_field(layer, path, "site_nom");
    const int surf_brt = ogr::required_field(layer, path, "surf_brt");
    const int code_insee = layer.GetLayerDefn()->GetFieldIndex("CODE_INSEE");  // 2014 only
    auto transform = transform_to_lambert93(layer, path);
    Tally tally;
    for (auto& source : layer) {
      ++tally.read;
      const ErrorContext where{.file = path, .layer = layer.GetName(), .feature = source->GetFID()};
      auto polygon = read_polygon(*source, *transform, where, tally.repaired);
      if (!region_.keeps(polygon.anchor)) continue;
      const std::string site_id = source->GetFieldAsString(idsite);
      if (site_id.empty())
        throw_input("empty idsite",
                    {.file = path, .layer = layer.GetName(), .feature = source->GetFID(), .key = "idsite"});
      if (!seen_.insert(site_id).second) {
        ++tally.duplicates;
        continue;
      }
      const std::string published = code_insee >= 0 ? source->GetFieldAsString(code_insee) : "";
      auto commune = commune_of(published, polygon.anchor, tally);

      OGRFeature feature = writer_.new_feature();
      feature.SetField("site_id", site_id.c_str());
      set_text(feature, "site_nom", source->GetFieldAsString(site_nom));
      set_text(feature, "commune", commune);
      // surf_brt = 0 is how the source leaves the surface unmeasured.
      const double surface =
          source->IsFieldSetAndNotNull(surf_brt) ? source->GetFieldAsDouble(surf_brt) : 0.0;
      if (surface > 0.0) {
        feature.SetField("surface_brute_m2", surface);
      } else {
        feature.SetFieldNull(feature.GetFieldIndex("surface_brute_m2"));
        ++tally.without_surface;
      }
      feature.SetField("vintage", vintage.year);
      feature.SetGeometryDirectly(polygon.geometry.release());
      writer_.add(feature);
      ++tally.kept;
    }
    return tally;
  }

  [[nodiscard]] bool can_locate() const { return communes_.available(); }

 private:
  // CODE_INSEE (current code) when published, else the workspace commune under the point.
  std::string commune_of(const std::string& published, const OGRPoint& anchor, Tally& tally) {
    const std::string code = padded_insee(published);
    if (!code.empty()) {
      if (auto current = context_.to_current(code)) return *current;
      if (context_.communes.empty()) return code;
    }
    if (auto located = communes_.locate(anchor)) {
      ++tally.located;
      return *located;
    }
    ++tally.unlocated;
    return {};
  }

  Context& context_;
  LayerWriter& writer_;
  RegionFilter region_;
  CommuneLocator communes_;
  std::set<std::string> seen_;
};

}  // namespace

void import_business_parks(Context& context) {
  context.progress("business parks", 0.0);
  const auto vintages = vintages_of(context.sources);
  LayerWriter writer(
      context, "business_parks", wkbMultiPolygon,
      {{"site_id"}, {"site_nom"}, {"commune"}, {"surface_brute_m2", OFTReal}, {"vintage", OFTInteger}});
  ParkCopier copier(context, writer);
  std::vector<std::string> per_vintage;
  std::vector<const SourceEntry*> entries;
  int duplicates = 0;
  int repaired = 0;
  int located = 0;
  int unlocated = 0;
  int without_surface = 0;
  for (const auto& vintage : vintages) {
    const Tally tally = copier.copy(vintage);
    per_vintage.push_back(fmt::format("{}: {} of {}", vintage.year, tally.kept, tally.read));
    entries.push_back(vintage.entry);
    duplicates += tally.duplicates;
    repaired += tally.repaired;
    located += tally.located;
    unlocated += tally.unlocated;
    without_surface += tally.without_surface;
  }
  writer.commit();

  const std::string location_note =
      copier.can_locate()
          ? fmt::format(
                "{} sites without a usable CODE_INSEE got the workspace commune containing their point "
                "on surface, {} lie in no commune of the region and have none",
                located, unlocated)
          : fmt::format("{} sites without CODE_INSEE have no commune (no communes layer in the workspace)",
                        unlocated);
  record_from_entry(
      context, "business_parks", combined_entry(entries),
      fmt::format(
          "kept the sites whose point on surface lies within {} of the region outline ({}); a site of an "
          "older vintage whose idsite is already kept from a newer one is dropped: {} duplicates dropped; "
          "Polygons stored as MultiPolygons; geometries repaired with MakeValid: {}; commune = CODE_INSEE "
          "remapped to the current code where published; {}; surface_brute_m2 = surf_brt, null when 0 or "
          "missing (unmeasured): {} sites",
          distance_text(near_region_m), fmt::join(per_vintage, ", "), duplicates, repaired, location_note,
          without_surface));
  context.progress("business parks", 1.0);
}

}  // namespace zanplan::importer::infra
