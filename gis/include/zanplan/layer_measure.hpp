// What a profile's own criterion measures on a workspace layer for each candidate site
// (docs/user-layers.md, "A layer as a criterion"). Shared by the profile (which names it)
// and the site facts (which measure it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zanplan {

enum class LayerMeasure : std::uint8_t {
  distance_km,    // from the site's edge to the nearest feature (0 when they touch); +inf for an empty layer
  share_covered,  // the part of the site's area the layer's polygons cover, 0..1
  attribute,      // a numeric field of the polygon covering the largest part of the site
};

[[nodiscard]] std::string_view layer_measure_name(LayerMeasure measure);
[[nodiscard]] std::optional<LayerMeasure> layer_measure_from_name(std::string_view name);

struct LayerMeasureQuery {
  std::string layer;
  LayerMeasure measure = LayerMeasure::distance_km;
  std::string field;  // attribute only
  // attribute only: the value of a site no polygon covers (or whose polygon's field is
  // null); without it such a site is unmeasured, hence excluded.
  std::optional<double> missing;
};

}  // namespace zanplan
