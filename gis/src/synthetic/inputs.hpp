// What the synthetic generator reads from a workspace. Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "geos/context.hpp"

namespace zanplan::synthetic {

struct CommuneInput {
  std::string code;
  std::string nom;
  std::string departement;
  std::string epci_siren;
  std::string scot_id;
  std::int64_t population = 0;  // 0 when unknown
  double area_ha = 0.0;
  geos::GeometryPtr geometry;  // Lambert-93, valid
};

struct WorkspaceInputs {
  std::string region_code;
  std::string region_name;
  std::vector<CommuneInput> communes;             // sorted by code
  std::map<std::string, std::string> epci_names;  // SIREN → name (empty without an epci layer)
  std::map<std::string, std::string> scot_names;  // scot_id → name (empty without a scot layer)
  std::vector<geos::GeometryPtr> brownfields;     // points
  // Business parks and dense logistics areas, unioned (overlapping vintages counted once)
  // and split into polygons.
  std::vector<geos::GeometryPtr> artificial;
  std::vector<geos::GeometryPtr> farmland;  // RPG polygons
};

// Throws a workspace error naming the file, layer and key when a required layer or field
// is missing.
WorkspaceInputs read_workspace(const std::filesystem::path& path);

}  // namespace zanplan::synthetic
