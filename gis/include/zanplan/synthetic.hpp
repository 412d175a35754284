// The seeded generator of SYNTHETIC inputs: parcels in the Etalab cadastre layout, a land
// class per parcel, and per-commune ENAF consumption in the Cerema 2009–2023 layout, made
// from a workspace that holds the real layers. See docs/synthetic-data.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace zanplan {

struct SyntheticOptions {
  std::uint64_t seed = 20261126;
  // Fraction of the real parcel density: 1.0 aims at the real count (about 1 parcel per
  // hectare plus 0.4 per inhabitant, ~5.6 million for Hauts-de-France); the demo's 0.02
  // makes each synthetic parcel stand for a block of about 50 real parcels.
  double density = 0.02;
  std::filesystem::path output_dir;
  std::function<void(std::string_view stage, double fraction)> progress;
  // File names in output_dir; empty means the defaults below. A caller driven by a sources
  // manifest passes the names of its `parcels`, `land_cover` and `enaf_consumption` entries.
  // A `*` in the parcels or land-cover name makes one file per département, the `*`
  // replaced by its code (as Etalab publishes the cadastre); a name ending in `.gz` is
  // gzip-compressed.
  std::string parcels_name;
  std::string land_cover_name;
  std::string consumption_name;
  // Worker threads making the communes' parcels; 0 = one per core. The files do not depend
  // on it.
  unsigned threads = 0;
  // Parcels and land classes only for these commune codes (all when empty); the consumption
  // file still has every commune. An unknown code is a usage error.
  std::vector<std::string> communes;
};

struct SyntheticReport {
  std::string region_code;
  std::size_t communes = 0;
  std::size_t parcels = 0;
  std::size_t core_parcels = 0;                         // parcels whose centroid is in a commune core
  std::map<std::string, std::size_t> parcels_by_class;  // land_class → parcels
  std::size_t slivers_dropped = 0;                      // clipping pieces under 1 m² left out
  double consumption_2011_2020_m2 = 0.0;                // regional total of the reference period
  std::vector<std::filesystem::path> files;             // the files written, in output_dir, sorted
};

// Default file names in output_dir (`*` stands for the département code).
inline constexpr const char* synthetic_parcels_pattern = "cadastre-*-parcelles.json.gz";
inline constexpr const char* synthetic_land_cover_pattern = "occupation-*-parcelles.csv";
inline constexpr const char* synthetic_consumption_file = "conso-2009-2023-resultats-com.csv";

// Reads the workspace (layers communes, brownfields, business_parks, logistics_areas,
// farmland; epci and scot for labels when present) and writes the files into output_dir,
// each through a temporary file renamed into place once all are complete; files left in
// output_dir by an earlier run that match a `*` name and were not written again are
// removed. The same workspace, seed, density and commune list give byte-identical files,
// whatever the thread count. Throws zanplan::Error.
SyntheticReport generate_synthetic(const std::filesystem::path& workspace, const SyntheticOptions& options);

}  // namespace zanplan
