# Sources of the scoring module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
)
