zanplan_add_test(ledger_tests SOURCES ledger/ledger_test.cpp ledger/store_test.cpp ledger/charge_test.cpp LABELS ledger)

# The whole demo region, generated and imported once for the suite, so one ctest test (not
# one per TEST, which would rebuild the workspace each time). It also runs the zanplan
# program on that workspace (budget, scenario).
add_executable(ledger_region_tests ledger/region_test.cpp)
target_link_libraries(ledger_region_tests PRIVATE zanplan::gis_internal GTest::gtest GTest::gtest_main)
target_compile_definitions(ledger_region_tests PRIVATE
  ZANPLAN_FIXTURES_DIR="${ZANPLAN_FIXTURES_DIR}" ZANPLAN_DATA_DIR="${ZANPLAN_DATA_DIR}"
  ZANPLAN_BINARY="$<TARGET_FILE:zanplan>")
add_dependencies(ledger_region_tests zanplan)
target_include_directories(ledger_region_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
zanplan_target_defaults(ledger_region_tests)
add_test(NAME ledger.whole_region COMMAND ledger_region_tests)
set_tests_properties(ledger.whole_region PROPERTIES LABELS ledger TIMEOUT 600)
