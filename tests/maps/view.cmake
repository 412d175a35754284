# The per-view reader of large layers (MapLayerReader) against a brute-force filter, on a
# GeoPackage the test writes with GDAL.
zanplan_add_qt_test(maps_view_reader_test SOURCES maps/view_reader_test.cpp LABELS maps)
target_link_libraries(maps_view_reader_test PRIVATE GDAL::GDAL)
