# Sources of the export module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/export/atomic_file.cpp
  src/export/breaks.cpp
  src/export/csv.cpp
  src/export/export_set.cpp
  src/export/geojson.cpp
  src/export/geopackage.cpp
  src/export/ogr_layer.cpp
  src/export/qgis_style.cpp
  src/export/rounding.cpp
  src/export/table.cpp
)
