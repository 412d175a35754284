target_sources(zanplan_maps PRIVATE
)
