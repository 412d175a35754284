zanplan_add_qt_test(maps_tiles_test SOURCES maps/tiles_test.cpp LABELS maps)
# The MBTiles test writes its fixture with the SQLite C API.
target_link_libraries(maps_tiles_test PRIVATE SQLite::SQLite3)
