// `farmland`: RPG agricultural parcels, one manifest entry per extract (`farmland_<name>`),
// each a GeoPackage, usually zipped.
#include <set>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <fmt/format.h>

#include "infra/common.hpp"
#include "infra/infra_import.hpp"

namespace zanplan::importer::infra {

namespace {

// The name GDAL opens: `/vsizip/<zip>/<the .gpkg inside>` for a zip, the file itself
// otherwise. The member is looked up rather than guessed from the zip's name.
std::string geopackage_of(const std::filesystem::path& file) {
  const std::string path = file.string();
  if (file.extension() != ".zip") return path;
  const std::string zip = "/vsizip/" + path;
  const CPLStringList members(VSIReadDirRecursive(zip.c_str()), TRUE);
  std::vector<std::string> geopackages;
  for (int i = 0; i < members.size(); ++i) {
    const std::string member = members[i];
    if (member.size() > 5 && EQUAL(member.substr(member.size() - 5).c_str(), ".gpkg"))
      geopackages.push_back(member);
  }
  if (geopackages.size() != 1) {
    throw_input(fmt::format("expected one .gpkg file in the zip, found {}", geopackages.size()),
                {.file = path});
  }
  return zip + "/" + geopackages.front();
}

struct Tally {
  GIntBig read = 0;
  int kept = 0;
  int duplicates = 0;
  int repaired = 0;
};

class ParcelCopier {
 public:
  ParcelCopier(Context& context, LayerWriter& writer) : writer_(writer), region_(context, near_region_m) {}

  Tally copy(const SourceEntry& entry) {
    const std::string zip = entry.resolved.string();
    const std::string path = geopackage_of(entry.resolved);
    auto dataset = ogr::open_vector(path);
    OGRLayer& layer = ogr::layer_of(*dataset, path);
    // Field names are upper case in some extracts, lower case in others; OGR matches
    // field names case-insensitively.
    const int id_parcel = ogr::required_field(layer, path, "id_parcel");
    const int code_cultu = ogr::required_field(layer, path, "code_cultu");
    const int code_group = ogr::required_field(layer, path, "code_group");
    const int surf_parc = ogr::required_field(layer, path, "surf_parc");
    auto transform = transform_to_lambert93(layer, path);
    Tally tally;
    for (auto& source : layer) {
      ++tally.read;
      const ErrorContext where{.file = zip, .layer = layer.GetName(), .feature = source->GetFID()};
      auto polygon = read_polygon(*source, *transform, where, tally.repaired);
      if (!region_.keeps(polygon.anchor)) continue;
      const std::string id = source->GetFieldAsString(id_parcel);
      if (id.empty())
        throw_input("empty parcel id",
                    {.file = zip, .layer = layer.GetName(), .feature = source->GetFID(), .key = "id_parcel"});
      if (!seen_.insert(id).second) {
        ++tally.duplicates;
        continue;
      }
      OGRFeature feature = writer_.new_feature();
      feature.SetField("id_parcel", id.c_str());
      set_text(feature, "code_cultu", source->GetFieldAsString(code_cultu));
      set_text(feature, "code_group", source->GetFieldAsString(code_group));
      if (source->IsFieldSetAndNotNull(surf_parc))
        feature.SetField("surf_parc_ha", source->GetFieldAsDouble(surf_parc));
      else
        feature.SetFieldNull(feature.GetFieldIndex("surf_parc_ha"));
      feature.SetGeometryDirectly(polygon.geometry.release());
      writer_.add(feature);
      ++tally.kept;
    }
    return tally;
  }

 private:
  LayerWriter& writer_;
  RegionFilter region_;
  std::set<std::string> seen_;
};

}  // namespace

void import_farmland(Context& context) {
  context.progress("farmland", 0.0);
  const auto entries = entries_with_prefix(context.sources, "farmland_");
  if (entries.empty())
    throw_config("the sources manifest has no farmland_<name> entry",
                 {.file = context.sources.path.string()});
  LayerWriter writer(context, "farmland", wkbMultiPolygon,
                     {{"id_parcel"}, {"code_cultu"}, {"code_group"}, {"surf_parc_ha", OFTReal}});
  ParcelCopier copier(context, writer);
  std::vector<std::string> per_file;
  int duplicates = 0;
  int repaired = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Tally tally = copier.copy(*entries[i]);
    per_file.push_back(fmt::format("{}: {} of {}", entries[i]->key, tally.kept, tally.read));
    duplicates += tally.duplicates;
    repaired += tally.repaired;
    context.progress("farmland", static_cast<double>(i + 1) / static_cast<double>(entries.size()));
  }
  writer.commit();

  record_from_entry(
      context, "farmland", combined_entry(entries),
      fmt::format(
          "kept the parcels whose point on surface lies within {} "
          "of the region outline ({}); a parcel whose id_parcel was already read from an earlier entry is "
          "dropped: {} duplicates; geometries repaired with MakeValid: {}; surf_parc_ha = SURF_PARC "
          "(hectares, as declared)",
          distance_text(near_region_m), fmt::join(per_file, ", "), duplicates, repaired));
}

}  // namespace zanplan::importer::infra
