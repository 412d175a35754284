# Sources of the user_layers module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/user_layers/source_reader.cpp
  src/user_layers/user_layers.cpp
)
