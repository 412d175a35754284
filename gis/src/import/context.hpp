// State shared by the import stages of one `zanplan import` run. Internal to gis.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geos/context.hpp"
#include "workspace/builder.hpp"
#include "zanplan/sources.hpp"

namespace zanplan::importer {

using ProgressFn = std::function<void(std::string_view stage, double fraction)>;

// The region's outline in Lambert-93, prepared for fast point-in-polygon tests.
// Loaded from the manifest's `region_boundary` entry.
struct RegionOutline {
  geos::GeometryPtr boundary;
  geos::PreparedPtr prepared;
  // The outline grown by a tolerance, for inputs whose points sit just outside the
  // simplified boundary (coastal substations, ports); built on demand per distance.
  std::map<double, std::pair<geos::GeometryPtr, geos::PreparedPtr>> grown;

  // True when (x, y), in Lambert-93, lies inside the outline grown by tolerance_m.
  bool contains(double x, double y, double tolerance_m = 0.0);
};

struct Context {
  const SourcesManifest& sources;
  workspace::Builder& builder;
  ProgressFn progress = [](std::string_view, double) {};
  // Worker threads for the stages that read several files at once; 0 = one per core.
  unsigned threads = 0;

  // Filled by the admin stage (communes), used by every later stage.
  // Any INSEE code known for a commune of the region (current, or an older code listed in
  // anciensCodes) → its current code.
  std::unordered_map<std::string, std::string> current_code;
  // Current codes of the region's communes.
  std::set<std::string> communes;

  // Loaded first, from `region_boundary`.
  std::optional<RegionOutline> region;

  // The current code for any known code of a commune of the region, or nullopt.
  [[nodiscard]] std::optional<std::string> to_current(const std::string& code) const {
    auto it = current_code.find(code);
    if (it == current_code.end()) return std::nullopt;
    return it->second;
  }
};

// One provenance entry for a layer built from several manifest entries: files joined with
// ';', distinct sources, licences and notes joined with "; ". A non-empty provenance
// replaces the first entry's (e.g. "derived").
SourceEntry combined_entry(const std::vector<const SourceEntry*>& entries, const std::string& provenance = {});

// Records the provenance row of a layer built from one manifest entry.
void record_from_entry(Context& context, const std::string& layer, const SourceEntry& entry,
                       const std::string& extra_notes = {});

}  // namespace zanplan::importer
