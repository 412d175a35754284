# Tests of the infra module; see zanplan_add_test in tests/CMakeLists.txt.
zanplan_add_test(infra_tests
  SOURCES infra/substations_test.cpp infra/motorways_test.cpp infra/points_test.cpp infra/polygons_test.cpp
  LABELS infra)

# The real-data checks share one import of the region (admin and infrastructure stages),
# built in SetUpTestSuite; registered as a single ctest test so that it is built once.
add_executable(infra_region_tests infra/infra_region_test.cpp)
target_link_libraries(infra_region_tests PRIVATE zanplan::gis_internal GTest::gtest GTest::gtest_main)
target_compile_definitions(infra_region_tests PRIVATE
  ZANPLAN_FIXTURES_DIR="${ZANPLAN_FIXTURES_DIR}" ZANPLAN_DATA_DIR="${ZANPLAN_DATA_DIR}")
zanplan_target_defaults(infra_region_tests)
add_test(NAME infra.region COMMAND infra_region_tests)
set_tests_properties(infra.region PROPERTIES LABELS infra TIMEOUT 180)
