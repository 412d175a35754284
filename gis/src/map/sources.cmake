# Map data: workspace layers reprojected to Web Mercator for the map library.
target_sources(zanplan_gis PRIVATE
  src/map/map_data.cpp
)
