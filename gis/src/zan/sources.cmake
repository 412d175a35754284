# Sources of the zan module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/zan/regime.cpp
  src/zan/envelope.cpp
  src/zan/pene.cpp
)
