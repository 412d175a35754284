# Sources of the admin module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
)
