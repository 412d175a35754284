// A tiny workspace for the generator's tests: three communes in Lambert-93 and one feature
// in each real layer the generator reads.
//
//   99001  2 km × 2 km square [700000, 702000] × [7000000, 7002000], 5,000 inhabitants
//   99002  3 km × 3 km square [702000, 705000] × [7000000, 7003000], 300 inhabitants
//   99003  two 1 km squares, [705000, 706000] and [707000, 708000] × [7000000, 7001000],
//          no inhabitants
//   brownfield point (700500, 7001500) in 99001
//   business park [703000, 704000] × [7000000, 7000800] and dense logistics area
//   [702100, 702600] × [7002400, 7002900] in 99002; an extended logistics area (ignored)
//   RPG farmland [704000, 705000] × [7001000, 7003000] in 99002
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "workspace/builder.hpp"

namespace zanplan::test {

struct Rect {
  double min_x, min_y, max_x, max_y;
};

inline OGRPolygon polygon(const Rect& r) {
  OGRLinearRing ring;
  ring.addPoint(r.min_x, r.min_y);
  ring.addPoint(r.max_x, r.min_y);
  ring.addPoint(r.max_x, r.max_y);
  ring.addPoint(r.min_x, r.max_y);
  ring.addPoint(r.min_x, r.min_y);
  OGRPolygon p;
  p.addRing(&ring);
  return p;
}

inline OGRMultiPolygon multipolygon(std::initializer_list<Rect> rects) {
  OGRMultiPolygon m;
  for (const auto& r : rects) {
    OGRPolygon p = polygon(r);
    m.addGeometry(&p);
  }
  return m;
}

inline void add(OGRLayer& layer, const OGRGeometry& geometry,
                const std::map<std::string, std::string>& fields) {
  OGRFeature feature(layer.GetLayerDefn());
  for (const auto& [name, value] : fields) feature.SetField(name.c_str(), value.c_str());
  feature.SetGeometry(&geometry);
  workspace::add_feature(layer, feature);
}

inline const Rect business_park{703000, 7000000, 704000, 7000800};
inline const Rect dense_logistics{702100, 7002400, 702600, 7002900};
inline const Rect farmland_field{704000, 7001000, 705000, 7003000};
inline constexpr double brownfield_x = 700500;
inline constexpr double brownfield_y = 7001500;

// `third_departement` moves 99003 to another département (to test one file per département).
inline void build_tiny_workspace(const std::filesystem::path& path, const std::string& third_departement = "99") {
  workspace::Builder builder(path, "99", "Testland");
  OGRLayer& communes = builder.create_layer("communes", wkbMultiPolygon,
                                            {{"code"},
                                             {"nom"},
                                             {"departement"},
                                             {"epci_siren"},
                                             {"scot_id"},
                                             {"population", OFTInteger64},
                                             {"area_ha", OFTReal}});
  add(communes, multipolygon({{700000, 7000000, 702000, 7002000}}),
      {{"code", "99001"},
       {"nom", "L'Essai-sur-Test"},
       {"departement", "99"},
       {"epci_siren", "200000001"},
       {"scot_id", "S1"},
       {"population", "5000"},
       {"area_ha", "400"}});
  add(communes, multipolygon({{702000, 7000000, 705000, 7003000}}),
      {{"code", "99002"},
       {"nom", "Champs"},
       {"departement", "99"},
       {"epci_siren", "200000001"},
       {"scot_id", "S1"},
       {"population", "300"},
       {"area_ha", "900"}});
  add(communes, multipolygon({{705000, 7000000, 706000, 7001000}, {707000, 7000000, 708000, 7001000}}),
      {{"code", "99003"},
       {"nom", "Îles"},
       {"departement", third_departement},
       {"epci_siren", ""},
       {"scot_id", ""},
       {"population", "0"},
       {"area_ha", "200"}});

  OGRLayer& epci = builder.create_layer("epci", wkbMultiPolygon, {{"siren"}, {"nom"}, {"type"}});
  add(epci, multipolygon({{700000, 7000000, 705000, 7003000}}),
      {{"siren", "200000001"}, {"nom", "CC de l'Essai"}, {"type", "CC"}});
  OGRLayer& scot = builder.create_layer("scot", wkbMultiPolygon, {{"scot_id"}, {"nom"}});
  add(scot, multipolygon({{700000, 7000000, 705000, 7003000}}),
      {{"scot_id", "S1"}, {"nom", "SCoT de l'Essai"}});

  OGRLayer& brownfields = builder.create_layer("brownfields", wkbPoint, {{"site_id"}, {"commune"}});
  add(brownfields, OGRPoint(brownfield_x, brownfield_y), {{"site_id", "99001_1"}, {"commune", "99001"}});
  OGRLayer& parks = builder.create_layer("business_parks", wkbMultiPolygon, {{"site_id"}, {"vintage"}});
  // The same park in two vintages: the generator must count it once.
  add(parks, multipolygon({business_park}), {{"site_id", "P1"}, {"vintage", "2014"}});
  add(parks, multipolygon({business_park}), {{"site_id", "P1"}, {"vintage", "2015"}});
  OGRLayer& logistics = builder.create_layer("logistics_areas", wkbMultiPolygon, {{"area_id"}, {"kind"}});
  add(logistics, multipolygon({dense_logistics}), {{"area_id", "1"}, {"kind", "dense"}});
  add(logistics, multipolygon({{700000, 7000000, 701000, 7000500}}),
      {{"area_id", "2"}, {"kind", "extended"}});
  OGRLayer& farmland = builder.create_layer("farmland", wkbMultiPolygon, {{"id_parcel"}});
  add(farmland, multipolygon({farmland_field}), {{"id_parcel", "F1"}});
  builder.commit();
}

}  // namespace zanplan::test
