# End-to-end tests of the zanplan program on the bundled real data with a small synthetic
# density. One executable, registered as one ctest test: its suite builds the workspace once.
add_executable(cli_tests cli/cli_test.cpp)
target_link_libraries(cli_tests PRIVATE GTest::gtest GTest::gtest_main nlohmann_json::nlohmann_json)
target_compile_definitions(cli_tests PRIVATE
  ZANPLAN_BINARY="$<TARGET_FILE:zanplan>" ZANPLAN_DATA_DIR="${ZANPLAN_DATA_DIR}")
add_dependencies(cli_tests zanplan)
target_include_directories(cli_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
zanplan_target_defaults(cli_tests)
add_test(NAME cli.end_to_end COMMAND cli_tests)
set_tests_properties(cli.end_to_end PROPERTIES LABELS cli TIMEOUT 900)

# Sites at the real parcel density on three communes: generate, import, sites, score, explain.
add_executable(cli_full_density_tests cli/full_density_test.cpp)
target_link_libraries(cli_full_density_tests PRIVATE GTest::gtest GTest::gtest_main nlohmann_json::nlohmann_json)
target_compile_definitions(cli_full_density_tests PRIVATE
  ZANPLAN_BINARY="$<TARGET_FILE:zanplan>" ZANPLAN_DATA_DIR="${ZANPLAN_DATA_DIR}")
add_dependencies(cli_full_density_tests zanplan)
target_include_directories(cli_full_density_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
zanplan_target_defaults(cli_full_density_tests)
add_test(NAME cli.full_density_sites COMMAND cli_full_density_tests)
set_tests_properties(cli.full_density_sites PROPERTIES LABELS cli TIMEOUT 900)
