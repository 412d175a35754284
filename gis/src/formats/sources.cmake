# Sources of the formats module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/formats/cadastre.cpp
  src/formats/cerema.cpp
  src/formats/enaf_import.cpp
  src/formats/parcels_import.cpp
)
