# Sources of the import module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/import/import.cpp
  src/import/provenance.cpp
  src/import/region.cpp
  src/import/rtree_bulk.cpp
)
