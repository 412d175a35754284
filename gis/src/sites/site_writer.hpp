// Writing one profile's assembled sites into the workspace: the outlines, site → parcel and
// site → commune tables, and their provenance, replaced in one transaction. Internal to gis.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sites/candidate_parcels.hpp"
#include "sites/site_outline.hpp"
#include "zanplan/site_assembly.hpp"

namespace zanplan::sites {

struct CommuneShare {
  std::string commune;
  double area_m2 = 0;
  double enaf_m2 = 0;
};

struct SiteRecord {
  std::string id;
  std::vector<std::uint32_t> parcels;  // indices into CandidateParcels
  double area_m2 = 0, enaf_m2 = 0, brownfield_m2 = 0, economic_m2 = 0;
  double compactness = 0;
  ParcelUse seed_use = ParcelUse::enaf;
  std::vector<CommuneShare> communes;  // largest share first
  Outline outline;
};

struct SiteProvenance {
  std::string profile;
  std::string profile_hash;
  std::string summary;
};

void write_site_tables(const std::filesystem::path& workspace, const SiteTables& tables, const CandidateParcels& parcels,
                       const std::vector<SiteRecord>& sites, const SiteProvenance& provenance);

}  // namespace zanplan::sites
