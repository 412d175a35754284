# Sources of the formats module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
)
