# Sources of the sites module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/sites/point_index.cpp
  src/sites/facts.cpp
  src/sites/assessment.cpp
  src/sites/assessment_table.cpp
  src/sites/explain.cpp
)
