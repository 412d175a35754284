// Import stage: Etalab cadastre parcels (+ land cover) → layer `parcels`.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "formats/cadastre.hpp"
#include "formats/formats_import.hpp"

namespace zanplan::importer {

namespace {

struct ParcelCounts {
  std::int64_t written = 0;
  std::int64_t repaired = 0;
  std::int64_t multipart = 0;
  std::int64_t without_contenance = 0;
  std::int64_t outside_region = 0;
  std::int64_t without_land_cover = 0;
};

const std::vector<workspace::FieldSpec>& parcel_fields() {
  static const std::vector<workspace::FieldSpec> fields{{"id"},
                                                        {"commune"},
                                                        {"prefixe"},
                                                        {"section"},
                                                        {"numero"},
                                                        {"contenance", OFTInteger64},
                                                        {"area_m2", OFTReal},
                                                        {"land_class"},
                                                        {"enaf_m2", OFTReal},
                                                        {"synthetic", OFTInteger}};
  return fields;
}

void write_parcel(OGRLayer& layer, const formats::Parcel& parcel, const std::string& commune,
                  const formats::LandCoverEntry* cover, bool synthetic) {
  OGRFeature feature(layer.GetLayerDefn());
  feature.SetField("id", parcel.id.c_str());
  feature.SetField("commune", commune.c_str());
  feature.SetField("prefixe", parcel.prefixe.c_str());
  feature.SetField("section", parcel.section.c_str());
  feature.SetField("numero", parcel.numero.c_str());
  if (parcel.contenance) {
    feature.SetField("contenance", static_cast<GIntBig>(*parcel.contenance));
  } else {
    feature.SetFieldNull(feature.GetFieldIndex("contenance"));
  }
  feature.SetField("area_m2", parcel.area_m2);
  const formats::LandClass land_class = cover != nullptr ? cover->land_class : formats::LandClass::unknown;
  feature.SetField("land_class", std::string(formats::land_class_name(land_class)).c_str());
  feature.SetField("enaf_m2", cover != nullptr ? parcel.area_m2 * cover->enaf_share : 0.0);
  feature.SetField("synthetic", synthetic ? 1 : 0);
  feature.SetGeometry(parcel.geometry.get());
  workspace::add_feature(layer, feature);
}

std::string describe(const ParcelCounts& counts, std::int64_t unmatched_cover_rows, bool has_land_cover) {
  std::vector<std::string> notes;
  notes.emplace_back("area_m2 computed in Lambert-93; contenance is the official (legal) area");
  if (counts.repaired > 0)
    notes.push_back(fmt::format("{} invalid geometries repaired with MakeValid", counts.repaired));
  if (counts.multipart > 0) {
    notes.push_back(fmt::format(
        "{} multi-part parcels stored as their largest part (area_m2 counts every part)", counts.multipart));
  }
  if (counts.without_contenance > 0)
    notes.push_back(fmt::format("{} parcels without contenance", counts.without_contenance));
  if (counts.outside_region > 0) {
    notes.push_back(fmt::format("{} parcels of communes outside the region skipped", counts.outside_region));
  }
  if (!has_land_cover) {
    notes.emplace_back("no land_cover entry: every land_class is unknown and enaf_m2 0");
  } else {
    if (counts.without_land_cover > 0) {
      notes.push_back(fmt::format("{} parcels without a land-cover row (land_class unknown, enaf_m2 0)",
                                  counts.without_land_cover));
    }
    if (unmatched_cover_rows > 0)
      notes.push_back(fmt::format("{} land-cover rows match no parcel", unmatched_cover_rows));
  }
  return fmt::format("{}", fmt::join(notes, "; "));
}

}  // namespace

void import_parcels(Context& context) {
  const SourceEntry& entry = context.sources.require("parcels");
  const SourceEntry* cover_entry = context.sources.find("land_cover");
  context.progress("parcels", 0.0);

  std::unordered_map<std::string, formats::LandCoverEntry> cover;
  if (cover_entry != nullptr) cover = formats::read_land_cover(cover_entry->resolved);
  const bool synthetic =
      entry.provenance == "synthetic" || (cover_entry != nullptr && cover_entry->provenance == "synthetic");

  formats::ParcelReader reader(entry.resolved);
  const auto total = reader.feature_count();
  OGRLayer& layer = context.builder.create_layer("parcels", wkbPolygon, parcel_fields());
  GDALDataset& dataset = context.builder.dataset();
  if (dataset.StartTransaction() != OGRERR_NONE)
    throw_output("cannot start a transaction", {.layer = "parcels"});

  ParcelCounts counts;
  while (auto parcel = reader.next()) {
    const auto commune = context.to_current(parcel->commune);
    if (!commune || !context.communes.contains(*commune)) {
      ++counts.outside_region;
      continue;
    }
    formats::LandCoverEntry* land = nullptr;
    if (auto it = cover.find(parcel->id); it != cover.end()) {
      land = &it->second;
      land->matched = true;
    } else {
      ++counts.without_land_cover;
    }
    write_parcel(layer, *parcel, *commune, land, synthetic);
    ++counts.written;
    counts.repaired += parcel->repaired ? 1 : 0;
    counts.multipart += parcel->parts > 1 ? 1 : 0;
    counts.without_contenance += parcel->contenance ? 0 : 1;
    if (total && parcel->index % 20'000 == 0) {
      context.progress("parcels", static_cast<double>(parcel->index) /
                                      static_cast<double>(std::max<std::int64_t>(*total, 1)));
    }
  }
  if (dataset.CommitTransaction() != OGRERR_NONE)
    throw_output("cannot commit the parcels", {.layer = "parcels"});

  std::int64_t unmatched = 0;
  for (const auto& [id, land] : cover) unmatched += land.matched ? 0 : 1;

  std::string source_file = entry.file.string();
  std::string source = entry.source;
  std::string licence = entry.licence;
  if (cover_entry != nullptr) {
    source_file += ";" + cover_entry->file.string();
    source += "; land classes: " + cover_entry->source;
    if (cover_entry->licence != licence) licence += "; " + cover_entry->licence;
  }
  std::string notes = entry.notes;
  const std::string details = describe(counts, unmatched, cover_entry != nullptr);
  notes += (notes.empty() ? "" : "; ") + details;
  context.builder.record({.layer = "parcels",
                          .provenance = synthetic ? "synthetic" : entry.provenance,
                          .source_file = source_file,
                          .source = source,
                          .licence = licence,
                          .notes = notes});
  context.progress("parcels", 1.0);
}

}  // namespace zanplan::importer
