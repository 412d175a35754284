// A workspace layer loaded for a profile's own criteria: every feature as a prepared GEOS
// geometry in a box index, with one numeric field when the criterion reads one. Measures a
// site's distance to it, the share of the site it covers, or the field of the polygon
// covering most of the site (docs/user-layers.md). Prepared geometries are not safe to share
// between threads: one measuring thread. Internal to gis.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "geos/context.hpp"
#include "sites/box_index.hpp"
#include "workspace/sqlite_reader.hpp"
#include "zanplan/layer_measure.hpp"

namespace zanplan::sites {

class MeasuredLayer {
 public:
  // Reads query.layer (and query.field for an attribute); the names are checked and quoted
  // by the workspace reader. An unreadable geometry is a workspace error naming the feature.
  MeasuredLayer(workspace::ReadOnlyDatabase& db, LayerMeasureQuery query);

  // The measure of one site (`box` is the site's own): km, a share in [0, 1], or the field's
  // value (query.missing, else NaN, when no polygon covers the site or its field is null).
  [[nodiscard]] double measure(const GEOSGeometry& site, const Box& box) const;

 private:
  [[nodiscard]] double distance_m(const GEOSGeometry& site, const Box& box) const;
  [[nodiscard]] double covered_share(const GEOSGeometry& site, const Box& box) const;
  [[nodiscard]] double covering_attribute(const GEOSGeometry& site, const Box& box) const;

  LayerMeasureQuery query_;
  std::vector<std::int64_t> fids_;
  std::vector<geos::GeometryPtr> geometries_;
  std::vector<geos::PreparedPtr> prepared_;
  std::vector<double> values_;  // the field, NaN when null (attribute only)
  BoxIndex index_;
  Box extent_;
};

}  // namespace zanplan::sites
