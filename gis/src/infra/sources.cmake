# Sources of the infra module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/infra/brownfields.cpp
  src/infra/business_parks.cpp
  src/infra/common.cpp
  src/infra/farmland.cpp
  src/infra/infra_import.cpp
  src/infra/logistics.cpp
  src/infra/motorways.cpp
  src/infra/ports.cpp
  src/infra/rail.cpp
  src/infra/substations.cpp
)
