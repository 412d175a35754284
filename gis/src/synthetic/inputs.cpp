#include "synthetic/inputs.hpp"

#include <algorithm>
#include <functional>

#include "import/region.hpp"
#include "ogr/handles.hpp"
#include "zanplan/error.hpp"

namespace zanplan::synthetic {

namespace {

OGRLayer& required_layer(GDALDataset& dataset, const std::string& path, const char* name) {
  OGRLayer* layer = dataset.GetLayerByName(name);
  if (layer == nullptr) throw_workspace("the workspace has no such layer", {.file = path, .layer = name});
  return *layer;
}

int required_field(OGRLayer& layer, const std::string& path, const char* field) {
  const int index = layer.GetLayerDefn()->GetFieldIndex(field);
  if (index < 0)
    throw_workspace("the layer has no such field", {.file = path, .layer = layer.GetName(), .key = field});
  return index;
}

geos::GeometryPtr valid_geos(const OGRGeometry& geometry) {
  auto& context = geos::Context::current();
  auto converted = importer::to_geos(geometry);
  if (GEOSisValid_r(context.handle(), converted.get()) == 1) return converted;
  return geos::own(context, GEOSMakeValid_r(context.handle(), converted.get()), "make valid");
}

// Every geometry of a layer whose feature passes `keep`, in FID order.
std::vector<geos::GeometryPtr> read_geometries(GDALDataset& dataset, const std::string& path,
                                               const char* name,
                                               const std::function<bool(OGRFeature&)>& keep) {
  OGRLayer& layer = required_layer(dataset, path, name);
  std::vector<geos::GeometryPtr> geometries;
  for (auto& feature : layer) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty() || !keep(*feature)) continue;
    geometries.push_back(valid_geos(*geometry));
  }
  return geometries;
}

// The polygons of the union of `geometries`.
std::vector<geos::GeometryPtr> union_polygons(std::vector<geos::GeometryPtr> geometries) {
  auto& context = geos::Context::current();
  const auto handle = context.handle();
  std::vector<geos::GeometryPtr> polygons;
  if (geometries.empty()) return polygons;
  std::vector<GEOSGeometry*> raw;
  raw.reserve(geometries.size());
  for (auto& g : geometries) raw.push_back(g.release());
  auto collection = geos::own(context,
                              GEOSGeom_createCollection_r(handle, GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                          static_cast<unsigned>(raw.size())),
                              "collection");
  auto merged = geos::own(context, GEOSUnaryUnion_r(handle, collection.get()), "union");
  const int count = GEOSGetNumGeometries_r(handle, merged.get());
  for (int i = 0; i < count; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(handle, merged.get(), i);
    if (GEOSGeomTypeId_r(handle, part) == GEOS_POLYGON) {
      polygons.push_back(geos::own(context, GEOSGeom_clone_r(handle, part), "clone"));
    }
  }
  return polygons;
}

std::map<std::string, std::string> read_meta(GDALDataset& dataset, const std::string& path) {
  OGRLayer& meta = required_layer(dataset, path, "zanplan_meta");
  std::map<std::string, std::string> values;
  for (auto& feature : meta) values[feature->GetFieldAsString("key")] = feature->GetFieldAsString("value");
  return values;
}

std::map<std::string, std::string> read_names(GDALDataset& dataset, const std::string& path,
                                              const char* layer_name, const char* key_field) {
  std::map<std::string, std::string> names;
  OGRLayer* layer = dataset.GetLayerByName(layer_name);
  if (layer == nullptr) return names;
  const int key = required_field(*layer, path, key_field);
  const int nom = required_field(*layer, path, "nom");
  for (auto& feature : *layer) names[feature->GetFieldAsString(key)] = feature->GetFieldAsString(nom);
  return names;
}

std::vector<CommuneInput> read_communes(GDALDataset& dataset, const std::string& path) {
  OGRLayer& layer = required_layer(dataset, path, "communes");
  const int code = required_field(layer, path, "code");
  const int nom = required_field(layer, path, "nom");
  const int departement = required_field(layer, path, "departement");
  const int epci = required_field(layer, path, "epci_siren");
  const int scot = required_field(layer, path, "scot_id");
  const int population = required_field(layer, path, "population");
  const int area = required_field(layer, path, "area_ha");
  std::vector<CommuneInput> communes;
  for (auto& feature : layer) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) {
      throw_workspace("commune without geometry",
                      {.file = path, .layer = "communes", .feature = feature->GetFID()});
    }
    CommuneInput commune;
    commune.code = feature->GetFieldAsString(code);
    commune.nom = feature->GetFieldAsString(nom);
    commune.departement = feature->GetFieldAsString(departement);
    commune.epci_siren = feature->GetFieldAsString(epci);
    commune.scot_id = feature->GetFieldAsString(scot);
    commune.population =
        feature->IsFieldSetAndNotNull(population) ? feature->GetFieldAsInteger64(population) : 0;
    commune.area_ha = feature->GetFieldAsDouble(area);
    commune.geometry = valid_geos(*geometry);
    communes.push_back(std::move(commune));
  }
  std::sort(communes.begin(), communes.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return communes;
}

}  // namespace

WorkspaceInputs read_workspace(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw_workspace("workspace not found", {.file = path.string()});
  const std::string name = path.string();
  auto dataset = ogr::open_vector(name);

  WorkspaceInputs inputs;
  const auto meta = read_meta(*dataset, name);
  auto region = meta.find("region_code");
  if (region == meta.end() || region->second.empty()) {
    throw_workspace("the workspace has no region_code",
                    {.file = name, .layer = "zanplan_meta", .key = "region_code"});
  }
  inputs.region_code = region->second;
  if (auto it = meta.find("region_name"); it != meta.end()) inputs.region_name = it->second;

  inputs.communes = read_communes(*dataset, name);
  inputs.epci_names = read_names(*dataset, name, "epci", "siren");
  inputs.scot_names = read_names(*dataset, name, "scot", "scot_id");

  const auto all = [](OGRFeature&) { return true; };
  inputs.brownfields = read_geometries(*dataset, name, "brownfields", all);
  auto artificial = read_geometries(*dataset, name, "business_parks", all);
  OGRLayer& logistics = required_layer(*dataset, name, "logistics_areas");
  const int kind = required_field(logistics, name, "kind");
  auto dense = read_geometries(*dataset, name, "logistics_areas", [kind](OGRFeature& f) {
    return std::string(f.GetFieldAsString(kind)) == "dense";
  });
  for (auto& g : dense) artificial.push_back(std::move(g));
  inputs.artificial = union_polygons(std::move(artificial));
  inputs.farmland = read_geometries(*dataset, name, "farmland", all);
  return inputs;
}

}  // namespace zanplan::synthetic
