# Tests of the formats module; see zanplan_add_test in tests/CMakeLists.txt.
zanplan_add_test(formats_tests
  SOURCES formats/cerema_test.cpp formats/enaf_import_test.cpp formats/cadastre_area_test.cpp
          formats/parcels_import_test.cpp formats/parcel_set_import_test.cpp formats/parcel_bulk_write_test.cpp
  LABELS formats)
# The tests inflate generated files with zlib on their own.
find_package(ZLIB REQUIRED)
target_link_libraries(formats_tests PRIVATE ZLIB::ZLIB)
