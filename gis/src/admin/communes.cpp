// Communes: the current list (Etalab decoupage-administratif) and their polygons.
#include <algorithm>
#include <map>

#include "admin/admin_import.hpp"
#include "admin/geometry.hpp"
#include "admin/json_input.hpp"
#include "import/region.hpp"
#include "ogr/handles.hpp"
#include "zanplan/error.hpp"

namespace zanplan::importer::admin {

namespace {

constexpr const char* current_commune_type = "commune-actuelle";
constexpr const char* delegated_commune_type = "commune-deleguee";

std::optional<std::int64_t> population_of(const JsonRecord& record) {
  if (!record.has("population")) return std::nullopt;
  const double value = record.number("population");
  if (value < 0.0) record.fail("population must not be negative", "population");
  return static_cast<std::int64_t>(value);
}

// Old codes map to their current commune unless a current code or an earlier entry
// already claims them.
void add_old_codes(CommuneList& list, const std::vector<std::pair<std::string, std::vector<std::string>>>& old_codes) {
  for (const auto& [current, olds] : old_codes) {
    for (const auto& old : olds) {
      if (!list.current_code.emplace(old, current).second) ++list.conflicting_old_codes;
    }
  }
}

}  // namespace

CommuneList read_commune_list(const std::filesystem::path& path, const std::string& region_code) {
  const auto document = read_json_file(path);
  const auto& records = require_array(document, path);
  CommuneList list;
  std::vector<std::pair<std::string, std::vector<std::string>>> old_codes;
  std::map<std::string, int> deleguees;  // by chef-lieu
  std::int64_t index = 0;
  for (const auto& item : records) {
    const JsonRecord record(item, path, index++);
    if (record.string("type") == delegated_commune_type && record.has("chefLieu")) {
      ++deleguees[record.string("chefLieu")];
      continue;
    }
    if (record.string("type") != current_commune_type) continue;
    if (record.string("region") != region_code) continue;
    CommuneInfo info{.code = record.string("code"),
                     .nom = record.string("nom"),
                     .departement = record.string("departement"),
                     .population = population_of(record)};
    if (!list.current_code.emplace(info.code, info.code).second) {
      record.fail("commune code " + info.code + " appears twice", "code");
    }
    if (!info.population) ++list.without_population;
    old_codes.emplace_back(info.code, record.strings("anciensCodes"));
    list.communes.push_back(std::move(info));
  }
  if (list.communes.empty()) {
    throw_input("no current commune of region " + region_code + " in this file", {.file = path.string(), .key = "region"});
  }
  add_old_codes(list, old_codes);
  for (auto& commune : list.communes) {
    if (auto it = deleguees.find(commune.code); it != deleguees.end()) commune.communes_deleguees = it->second;
  }
  std::sort(list.communes.begin(), list.communes.end(),
            [](const CommuneInfo& a, const CommuneInfo& b) { return a.code < b.code; });
  return list;
}

namespace {

// Opens the polygon file; when GDAL cannot parse a JSON file, re-reads it with the JSON
// parser so that the error names the line of the syntax error.
ogr::DatasetPtr open_polygons(const std::filesystem::path& path) {
  try {
    return ogr::open_vector(path.string());
  } catch (const Error&) {
    const auto extension = path.extension().string();
    if (std::filesystem::exists(path) && (extension == ".json" || extension == ".geojson")) {
      (void)read_json_file(path);
    }
    throw;
  }
}

ogr::TransformPtr transform_to_lambert93(OGRLayer& layer, const std::string& path) {
  const OGRSpatialReference* declared = layer.GetSpatialRef();
  OGRSpatialReference source = declared != nullptr ? *declared : ogr::wgs84();
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return ogr::make_transform(source, ogr::lambert93(), path);
}

// A valid MultiPolygon in Lambert-93 for one feature; repairs are counted.
geos::GeometryPtr valid_polygons(const OGRGeometry& geometry, OGRCoordinateTransformation& transform,
                                 const ErrorContext& where, int& repaired) {
  ogr::GeometryPtr copy(geometry.clone());
  if (copy->transform(&transform) != OGRERR_NONE) throw_input("cannot reproject to Lambert-93", where);
  auto& context = geos::Context::current();
  geos::GeometryPtr shape;
  try {
    shape = to_geos(*copy);
  } catch (const Error& e) {
    throw_input("unreadable geometry: " + e.message(), where);
  }
  if (GEOSisValid_r(context.handle(), shape.get()) != 1) {
    GEOSGeometry* fixed = GEOSMakeValid_r(context.handle(), shape.get());
    if (fixed == nullptr) throw_input("invalid geometry that GEOSMakeValid cannot repair", where);
    shape = geos::own(context, fixed, "make valid");
    ++repaired;
  }
  auto polygons = polygonal_part(context, *shape);
  if (GEOSisEmpty_r(context.handle(), polygons.get()) == 1) {
    throw_input("geometry has no polygon (after repair)", where);
  }
  return polygons;
}

}  // namespace

CommuneShapes read_commune_shapes(const std::filesystem::path& path, const CommuneList& list) {
  const std::string file = path.string();
  auto dataset = open_polygons(path);
  OGRLayer& layer = ogr::layer_of(*dataset, file);
  const int code_field = ogr::required_field(layer, file, "code");
  auto transform = transform_to_lambert93(layer, file);

  CommuneShapes shapes;
  std::map<std::string, std::vector<geos::GeometryPtr>> pieces;
  std::int64_t index = 0;
  for (auto& feature : layer) {
    const ErrorContext where{.file = file, .layer = layer.GetName(), .feature = index++};
    const std::string code = feature->GetFieldAsString(code_field);
    auto current = list.current_code.find(code);
    if (current == list.current_code.end()) {
      ErrorContext at_code = where;
      at_code.key = "code";
      throw_input("commune code '" + code + "' is not a commune of the region in the commune list", at_code);
    }
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) throw_input("commune " + code + " has no geometry", where);
    pieces[current->second].push_back(valid_polygons(*geometry, *transform, where, shapes.repaired));
    if (code != current->second) shapes.remapped.push_back(code + "→" + current->second);
  }

  std::sort(shapes.remapped.begin(), shapes.remapped.end());

  auto& context = geos::Context::current();
  for (const auto& commune : list.communes) {
    auto it = pieces.find(commune.code);
    if (it == pieces.end()) {
      throw_input("commune " + commune.code + " (" + commune.nom + ") of the commune list has no polygon",
                  {.file = file, .key = "code"});
    }
    auto& parts = it->second;
    if (parts.size() == 1) {
      shapes.by_code.emplace(commune.code, std::move(parts.front()));
      continue;
    }
    std::vector<const GEOSGeometry*> views;
    for (const auto& part : parts) views.push_back(part.get());
    shapes.by_code.emplace(commune.code, union_of(context, views));
  }
  return shapes;
}

}  // namespace zanplan::importer::admin
