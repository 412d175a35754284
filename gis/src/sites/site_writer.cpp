#include "sites/site_writer.hpp"

#include <fmt/format.h>

#include "ogr/handles.hpp"
#include "workspace/builder.hpp"
#include "zanplan/error.hpp"

namespace zanplan::sites {

namespace {

constexpr double m2_per_ha = 10'000.0;

OGRLayer& replace_layer(GDALDataset& dataset, const std::filesystem::path& path, const std::string& name,
                        OGRwkbGeometryType geometry, const std::vector<workspace::FieldSpec>& fields) {
  ogr::ErrorCapture capture;
  for (int i = 0; i < dataset.GetLayerCount(); ++i) {
    if (name == dataset.GetLayer(i)->GetName()) {
      if (dataset.DeleteLayer(i) != OGRERR_NONE) {
        throw_output("cannot replace the layer: " + capture.last_error(), {.file = path.string(), .layer = name});
      }
      break;
    }
  }
  OGRSpatialReference l93 = ogr::lambert93();
  char** options = nullptr;
  options = CSLSetNameValue(options, "SPATIAL_INDEX", geometry == wkbNone ? "NO" : "YES");
  OGRLayer* layer = dataset.CreateLayer(name.c_str(), geometry == wkbNone ? nullptr : &l93, geometry, options);
  CSLDestroy(options);
  if (layer == nullptr) throw_output("cannot create the layer: " + capture.last_error(), {.file = path.string(), .layer = name});
  for (const auto& spec : fields) {
    OGRFieldDefn definition(spec.name.c_str(), spec.type);
    if (layer->CreateField(&definition) != OGRERR_NONE) {
      throw_output("cannot create a field: " + capture.last_error(), {.file = path.string(), .layer = name, .key = spec.name});
    }
  }
  return *layer;
}

void write_outlines(OGRLayer& layer, const std::vector<SiteRecord>& sites, bool synthetic) {
  for (const SiteRecord& s : sites) {
    OGRFeature f(layer.GetLayerDefn());
    f.SetField("site_id", s.id.c_str());
    f.SetField("parcel_count", static_cast<GIntBig>(s.parcels.size()));
    f.SetField("area_ha", s.area_m2 / m2_per_ha);
    f.SetField("enaf_ha", s.enaf_m2 / m2_per_ha);
    f.SetField("brownfield_ha", s.brownfield_m2 / m2_per_ha);
    f.SetField("economic_ha", s.economic_m2 / m2_per_ha);
    f.SetField("compactness", s.compactness);
    f.SetField("main_commune", s.communes.front().commune.c_str());
    f.SetField("commune_count", static_cast<int>(s.communes.size()));
    f.SetField("seed_use", std::string(use_name(s.seed_use)).c_str());
    f.SetField("outline", s.outline.overlay ? "overlay union" : "coverage union");
    f.SetField("synthetic", synthetic ? 1 : 0);
    OGRGeometry* geometry = nullptr;
    if (OGRGeometryFactory::createFromWkb(s.outline.wkb.data(), nullptr, &geometry, s.outline.wkb.size()) != OGRERR_NONE) {
      throw Error(ErrorKind::internal, "unreadable site outline", {.layer = layer.GetName(), .key = s.id});
    }
    f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(geometry));
    workspace::add_feature(layer, f);
  }
}

void write_members(OGRLayer& layer, const std::vector<SiteRecord>& sites, const CandidateParcels& parcels) {
  const int site_id = layer.FindFieldIndex("site_id", TRUE), parcel_id = layer.FindFieldIndex("parcel_id", TRUE),
            commune = layer.FindFieldIndex("commune", TRUE), use = layer.FindFieldIndex("use", TRUE),
            area = layer.FindFieldIndex("area_m2", TRUE), enaf = layer.FindFieldIndex("enaf_m2", TRUE),
            brownfield = layer.FindFieldIndex("brownfield_m2", TRUE), economic = layer.FindFieldIndex("economic_m2", TRUE);
  for (const SiteRecord& s : sites) {
    for (std::uint32_t p : s.parcels) {
      OGRFeature f(layer.GetLayerDefn());
      f.SetField(site_id, s.id.c_str());
      f.SetField(parcel_id, std::string(parcels.id(p)).c_str());
      f.SetField(commune, parcels.commune_code(p).c_str());
      f.SetField(use, std::string(use_name(parcels.use[p])).c_str());
      f.SetField(area, parcels.area_m2[p]);
      f.SetField(enaf, parcels.enaf_m2[p]);
      f.SetField(brownfield, parcels.brownfield_m2[p]);
      f.SetField(economic, parcels.economic_m2[p]);
      workspace::add_feature(layer, f);
    }
  }
}

void write_communes(OGRLayer& layer, const std::vector<SiteRecord>& sites) {
  for (const SiteRecord& s : sites) {
    for (const CommuneShare& c : s.communes) {
      OGRFeature f(layer.GetLayerDefn());
      f.SetField("site_id", s.id.c_str());
      f.SetField("commune", c.commune.c_str());
      f.SetField("area_ha", c.area_m2 / m2_per_ha);
      f.SetField("enaf_ha", c.enaf_m2 / m2_per_ha);
      f.SetField("area_share", s.area_m2 > 0 ? c.area_m2 / s.area_m2 : 0.0);
      workspace::add_feature(layer, f);
    }
  }
}

void record_provenance(GDALDataset& dataset, const std::filesystem::path& path, const SiteTables& tables,
                       const std::vector<SiteRecord>& sites, const SiteProvenance& provenance, bool synthetic) {
  OGRLayer* layers = dataset.GetLayerByName("zanplan_layers");
  if (layers == nullptr) throw_workspace("not a zanplan workspace (no zanplan_layers table)", {.file = path.string()});
  std::vector<GIntBig> stale;
  layers->ResetReading();
  for (auto& f : *layers) {
    const std::string name = f->GetFieldAsString("layer");
    if (name == tables.sites || name == tables.parcels || name == tables.communes) stale.push_back(f->GetFID());
  }
  for (GIntBig fid : stale) {
    if (layers->DeleteFeature(fid) != OGRERR_NONE) throw_output("cannot update zanplan_layers", {.file = path.string(), .layer = "zanplan_layers"});
  }
  std::size_t members = 0, communes = 0;
  for (const auto& s : sites) {
    members += s.parcels.size();
    communes += s.communes.size();
  }
  const std::string source = fmt::format("zanplan sites --profile {} (profile hash {})", provenance.profile, provenance.profile_hash);
  const std::string now = workspace::utc_now();
  for (const auto& [name, count] : {std::pair{tables.sites, sites.size()}, std::pair{tables.parcels, members},
                                    std::pair{tables.communes, communes}}) {
    OGRFeature f(layers->GetLayerDefn());
    f.SetField("layer", name.c_str());
    f.SetField("provenance", synthetic ? "synthetic" : "derived");
    f.SetField("source_file", "parcels");
    f.SetField("source", source.c_str());
    f.SetField("licence", "as the parcels");
    f.SetField("imported_at", now.c_str());
    f.SetField("feature_count", static_cast<GIntBig>(count));
    f.SetField("notes", provenance.summary.c_str());
    workspace::add_feature(*layers, f);
  }
}

}  // namespace

void write_site_tables(const std::filesystem::path& path, const SiteTables& tables, const CandidateParcels& parcels,
                       const std::vector<SiteRecord>& sites, const SiteProvenance& provenance) {
  ogr::DatasetPtr dataset;
  try {
    dataset = ogr::open_vector(path.string(), true);
  } catch (const Error& e) {
    throw_output("cannot open the workspace for writing: " + e.message(), {.file = path.string()});
  }
  ogr::ErrorCapture capture;
  if (dataset->StartTransaction() != OGRERR_NONE) {
    throw_output("cannot start a transaction: " + capture.last_error(), {.file = path.string()});
  }
  try {
    OGRLayer& outlines = replace_layer(*dataset, path, tables.sites, wkbMultiPolygon,
                                       {{"site_id"}, {"parcel_count", OFTInteger64}, {"area_ha", OFTReal}, {"enaf_ha", OFTReal},
                                        {"brownfield_ha", OFTReal}, {"economic_ha", OFTReal}, {"compactness", OFTReal},
                                        {"main_commune"}, {"commune_count", OFTInteger}, {"seed_use"}, {"outline"},
                                        {"synthetic", OFTInteger}});
    write_outlines(outlines, sites, parcels.synthetic);
    OGRLayer& members = replace_layer(*dataset, path, tables.parcels, wkbNone,
                                      {{"site_id"}, {"parcel_id"}, {"commune"}, {"use"}, {"area_m2", OFTReal}, {"enaf_m2", OFTReal},
                                       {"brownfield_m2", OFTReal}, {"economic_m2", OFTReal}});
    write_members(members, sites, parcels);
    OGRLayer& communes = replace_layer(*dataset, path, tables.communes, wkbNone,
                                       {{"site_id"}, {"commune"}, {"area_ha", OFTReal}, {"enaf_ha", OFTReal}, {"area_share", OFTReal}});
    write_communes(communes, sites);
    record_provenance(*dataset, path, tables, sites, provenance, parcels.synthetic);
    // Explain and the map look a site's rows up by id.
    for (const auto& table : {tables.parcels, tables.communes}) {
      const std::string sql = fmt::format("CREATE INDEX \"{0}_site\" ON \"{0}\"(site_id)", table);
      dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr);
      if (!capture.last_error().empty()) throw_output("cannot index the table: " + capture.last_error(), {.file = path.string(), .layer = table});
    }
    if (dataset->CommitTransaction() != OGRERR_NONE) {
      throw_output("cannot commit the sites: " + capture.last_error(), {.file = path.string()});
    }
  } catch (...) {
    dataset->RollbackTransaction();
    throw;
  }
  dataset.reset();
  if (!capture.last_error().empty()) throw_output("cannot finish writing the workspace: " + capture.last_error(), {.file = path.string()});
}

}  // namespace zanplan::sites
