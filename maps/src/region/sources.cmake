# The region's layers, the planners' own layers, and their default styles.
target_sources(zanplan_maps PRIVATE
  src/region/region_layers.cpp
  src/region/user_layers.cpp
  src/region/report.cpp
)
