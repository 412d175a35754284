# Sources of the synthetic module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
)
