// The names of what a profile's own criterion measures (zanplan/layer_measure.hpp).
#include "zanplan/layer_measure.hpp"

namespace zanplan {

std::string_view layer_measure_name(LayerMeasure measure) {
  switch (measure) {
    case LayerMeasure::distance_km: return "distance_km";
    case LayerMeasure::share_covered: return "share_covered";
    case LayerMeasure::attribute: return "attribute";
  }
  return "?";
}

std::optional<LayerMeasure> layer_measure_from_name(std::string_view name) {
  for (LayerMeasure m : {LayerMeasure::distance_km, LayerMeasure::share_covered, LayerMeasure::attribute}) {
    if (layer_measure_name(m) == name) return m;
  }
  return std::nullopt;
}

}  // namespace zanplan
