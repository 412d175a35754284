// The region's map layers as planners see them, read from a workspace with their default
// styles: communes by remaining ZAN envelope, candidate sites by score, parcels by land
// class (zoomed in), the planners' own layers (user_layers.hpp), substations by voltage,
// motorways, freight rail points, ports, brownfields, business parks and logistics areas.
// Shared by zanplan-map and zanplan render.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zanplan/assessment.hpp"
#include "zanplan/ledger.hpp"
#include "zanplan/maps/style.hpp"

namespace zanplan::maps {

// Layer ids, bottom to top.
inline const QString kCommunes = QStringLiteral("communes");
inline const QString kLogisticsAreas = QStringLiteral("logistics_areas");
inline const QString kBusinessParks = QStringLiteral("business_parks");
inline const QString kParcels = QStringLiteral("parcels");
inline const QString kCandidates = QStringLiteral("candidates");
inline const QString kCandidateOverview = QStringLiteral("candidate_overview");
inline const QString kMotorways = QStringLiteral("motorway_segments");
inline const QString kBrownfields = QStringLiteral("brownfields");
inline const QString kRail = QStringLiteral("rail_points");
inline const QString kPorts = QStringLiteral("ports");
inline const QString kSubstations = QStringLiteral("substations");
inline const QString kPlaceNames = QStringLiteral("place_names");
inline const QString kTopSites = QStringLiteral("top_sites");

struct RegionLayerOptions {
  bool parcels = true;  // the parcel layer can be large: millions of features at real density
  // Only the parcels in this Lambert-93 box (read through the workspace's R-tree).
  std::optional<MapBounds> parcels_within_lambert93;
  // The profile's assembled sites (`zanplan sites`): the candidates drawn. Empty: the
  // candidates are the parcels (read whether or not the parcel layer is).
  std::string sites_layer;
  // The large layers (parcels, candidates) read per view from the workspace's R-tree when
  // the map draws them (see ViewSource), not at start: parcels at 8 m per pixel or finer,
  // candidate outlines at 40 m per pixel or finer; `parcels` and `parcels_within_lambert93`
  // are then ignored. Zoomed out, candidate_overview_layer stands for the candidates.
  bool per_view = false;
  // The workspace's user layers, drawn over the candidate outlines and under the
  // infrastructure and the site markers.
  bool user_layers = true;
};

// Resolutions (metres per pixel) at or below which the per-view layers are drawn and read.
inline constexpr double kParcelsPerViewResolution = 8;
inline constexpr double kCandidatesPerViewResolution = 40;

// Reads every layer (geometries reprojected once), the place names last (see
// place_names_layer). Communes start coloured by reference
// consumption until a ledger is applied; candidates have no score until an assessment is.
std::vector<MapLayer> load_region_layers(const std::filesystem::path& workspace, const RegionLayerOptions& options = {});

// Communes coloured by what remains of their 2021–2030 envelope, as a share of it.
MapLayer with_ledger(const MapLayer& communes, const Ledger& ledger);
// The value of an excluded candidate in the candidate layers: below every score (scores lie
// in [0, 1]), so that it falls in the grey "excluded" class that comes first.
inline constexpr double kExcludedValue = -1;

// The main towns as named points at the centre of their commune's box: the most populous
// communes (the communes layer's values are populations) that lie at least `spacing_km`
// from a more populous one already named, up to `count`. Drawn at region scale only
// (coarser than the communes' own labels); their names give way to rank labels.
MapLayer place_names_layer(const MapLayer& communes, std::size_t count = 16, double spacing_km = 20);

// Candidate parcels coloured by score (quantile classes), excluded ones grey; parcels that
// are not candidates are not drawn.
// Drawn zoomed in only: at region scale the top sites layer stands for them. A candidate
// layer read per view colours each view it reads with the same scores.
MapLayer with_assessment(const MapLayer& candidates, const Assessment& assessment);
// Adds candidate_overview_layer over the candidate outlines and the user layers drawn above
// them, and below the infrastructure; its threshold is the outlines' max resolution.
// Returns the layer added, or null when there is no candidates layer.
MapLayer* add_candidate_overview(std::vector<MapLayer>& layers, const Assessment& assessment);
// Every ranked candidate as a small square at its centroid, coloured by score with the same
// classes (whose legend lists the excluded class too): the candidates at region scale, drawn where the candidate outlines are not
// (coarser than `outline_resolution`). Built from the assessment: nothing is read.
MapLayer candidate_overview_layer(const Assessment& assessment, double outline_resolution);
// The top K ranked sites as numbered markers at their centroids (the layer on top).
MapLayer top_sites_layer(const Assessment& assessment);

}  // namespace zanplan::maps
