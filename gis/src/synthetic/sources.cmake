# Sources of the synthetic module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/synthetic/consumption.cpp
  src/synthetic/generate.cpp
  src/synthetic/inputs.cpp
  src/synthetic/land_cover.cpp
  src/synthetic/parcels.cpp
  src/synthetic/random.cpp
  src/synthetic/writers.cpp
)
