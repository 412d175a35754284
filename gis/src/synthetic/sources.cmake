# Sources of the synthetic module (paths relative to gis/).
target_sources(zanplan_gis PRIVATE
  src/synthetic/consumption.cpp
  src/synthetic/generate.cpp
  src/synthetic/gzip_chunks.cpp
  src/synthetic/inputs.cpp
  src/synthetic/land_cover.cpp
  src/synthetic/parcels.cpp
  src/synthetic/random.cpp
  src/synthetic/writers.cpp
)
# Compressed parcel files are assembled from pieces deflated on worker threads.
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
target_link_libraries(zanplan_gis PRIVATE ZLIB::ZLIB Threads::Threads)
