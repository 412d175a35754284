# The region's layers and their default styles.
target_sources(zanplan_maps PRIVATE
  src/region/region_layers.cpp
  src/region/report.cpp
)
