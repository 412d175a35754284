# Sources of the admin module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/admin/admin_import.cpp
  src/admin/communes.cpp
  src/admin/epci.cpp
  src/admin/geometry.cpp
  src/admin/json_input.cpp
  src/admin/planning.cpp
  src/admin/scot.cpp
  src/admin/targets.cpp
)
# nlohmann's parser is five times slower unoptimised; the commune list is 8.6 MB and every
# admin test run parses it, so optimise this one file in Debug builds too.
set_source_files_properties(src/admin/json_input.cpp PROPERTIES COMPILE_OPTIONS "$<$<CONFIG:Debug>:-O2>")
