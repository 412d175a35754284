zanplan_add_test(export_tests
  SOURCES export/geojson_test.cpp export/geopackage_test.cpp export/csv_test.cpp export/atomic_test.cpp
          export/export_set_test.cpp
          export/breaks_test.cpp export/qgis_ready_test.cpp
  LABELS export)
