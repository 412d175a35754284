# Sources of the sites module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/sites/point_index.cpp
  src/sites/facts.cpp
  src/sites/layer_measures.cpp
  src/sites/user_sites.cpp
  src/sites/assessment.cpp
  src/sites/profile_layers.cpp
  src/sites/assessment_table.cpp
  src/sites/explain.cpp
  src/sites/site_impact.cpp
  src/sites/ledger_inputs.cpp
  src/sites/box_index.cpp
  src/sites/adjacency.cpp
  src/sites/shapes.cpp
  src/sites/candidate_parcels.cpp
  src/sites/grow.cpp
  src/sites/site_outline.cpp
  src/sites/site_writer.cpp
  src/sites/assembly.cpp
)
