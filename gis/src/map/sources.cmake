# Map data: workspace layers reprojected to Web Mercator for the map library, and the
# attributes of one feature for its identify.
target_sources(zanplan_gis PRIVATE
  src/map/map_data.cpp
  src/map/feature_attributes.cpp
)
