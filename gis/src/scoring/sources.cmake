# Sources of the scoring module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/scoring/value_function.cpp
  src/scoring/toml_reader.cpp
  src/scoring/profile.cpp
  src/scoring/layer_measure.cpp
  src/scoring/profile_weights.cpp
  src/scoring/profile_hash.cpp
  src/scoring/weight_overrides.cpp
  src/scoring/subscores.cpp
  src/scoring/aggregate.cpp
  src/scoring/pareto.cpp
  src/scoring/sensitivity.cpp
  src/scoring/exclusion.cpp
  src/scoring/ranking.cpp
)
