# Sources of the infra module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
)
