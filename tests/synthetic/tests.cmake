# Tests of the synthetic module; see zanplan_add_test in tests/CMakeLists.txt.
zanplan_add_test(synthetic_tests
  SOURCES synthetic/synthetic_test.cpp synthetic/random_test.cpp synthetic/split_test.cpp
  LABELS synthetic)
# The tests inflate generated files with zlib on their own.
find_package(ZLIB REQUIRED)
target_link_libraries(synthetic_tests PRIVATE ZLIB::ZLIB)
