# Sources of the formats module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/formats/cadastre.cpp
  src/formats/cerema.cpp
  src/formats/enaf_import.cpp
  src/formats/etalab_stream.cpp
  src/formats/parcels_import.cpp
)
# The one-pass parcel reader inflates gzip files itself.
find_package(ZLIB REQUIRED)
target_link_libraries(zanplan_gis PRIVATE ZLIB::ZLIB)
