// `zanplan import`: builds a workspace GeoPackage from a sources manifest.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace zanplan {

struct ImportOptions {
  std::filesystem::path sources;  // the sources manifest (TOML)
  std::filesystem::path output;   // the workspace to write; replaced only on success
  // Import only the manifest's real inputs (used to build the base the synthetic generator
  // reads; the synthetic entries may not exist yet).
  bool real_only = false;
  // Worker threads reading the parcel files; 0 = one per core.
  unsigned threads = 0;
  std::function<void(std::string_view stage, double fraction)> progress;
};

// Imports every manifest entry into a new workspace written atomically: on any error the
// target is left as it was and no temporary file remains. Throws zanplan::Error.
void import_workspace(const ImportOptions& options);

struct GenerateOptions {
  std::filesystem::path sources;  // the manifest whose synthetic entries are produced
  std::uint64_t seed = 20261126;
  double density = 0.02;          // fraction of the real parcel density
  unsigned threads = 0;           // worker threads; 0 = one per core (the files do not depend on it)
  std::vector<std::string> communes;  // parcels for these commune codes only; all when empty
  std::function<void(std::string_view stage, double fraction)> progress;
};

// Builds a real-only workspace in a temporary file, then runs the synthetic generator on
// it, writing the files named by the manifest's synthetic entries (parcels, land_cover,
// enaf_consumption) and `generator.toml` (seed, density, communes, version) beside them.
void generate_synthetic_inputs(const GenerateOptions& options);

}  // namespace zanplan
