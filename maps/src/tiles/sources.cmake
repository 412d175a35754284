target_sources(zanplan_maps PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/../../include/zanplan/maps/tiles.hpp
  ${CMAKE_CURRENT_LIST_DIR}/mbtiles_reader.hpp
  ${CMAKE_CURRENT_LIST_DIR}/mbtiles_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tile_fetcher.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tile_math.cpp
)
