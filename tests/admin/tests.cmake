# Tests of the admin module; see zanplan_add_test in tests/CMakeLists.txt.
zanplan_add_test(admin_tests SOURCES admin/admin_inputs_test.cpp LABELS admin)

# The real-data checks share one import of the whole region (about 3 s in Debug), built in
# SetUpTestSuite. Discovered tests would each run in their own process and redo it, so this
# executable is registered as a single ctest test; gtest still reports each check.
add_executable(admin_region_tests admin/admin_region_test.cpp)
target_link_libraries(admin_region_tests PRIVATE zanplan::gis_internal GTest::gtest GTest::gtest_main)
target_compile_definitions(admin_region_tests PRIVATE
  ZANPLAN_FIXTURES_DIR="${ZANPLAN_FIXTURES_DIR}" ZANPLAN_DATA_DIR="${ZANPLAN_DATA_DIR}")
zanplan_target_defaults(admin_region_tests)
add_test(NAME admin.region COMMAND admin_region_tests)
set_tests_properties(admin.region PROPERTIES LABELS admin TIMEOUT 120)
