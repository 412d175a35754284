// libFuzzer target: opening a workspace GeoPackage and reading it as `zanplan info` and the
// ledger do, on mutated files.
#include <cpl_conv.h>
#include <cpl_error.h>

#include "fuzz_input.hpp"
#include "zanplan/workspace.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  CPLSetErrorHandler(CPLQuietErrorHandler);  // GDAL's messages on damaged files: expected
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = zanplan::fuzz::write_input(data, size, ".gpkg");
  std::filesystem::remove(path.string() + "-journal");
  zanplan::fuzz::expect_clean([&] {
    const auto summary = zanplan::summarize_workspace(path);
    for (const auto& layer : summary.layers) (void)zanplan::workspace_feature_count(path, layer.name);
  });
  return 0;
}
