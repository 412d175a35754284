# End-to-end tests of the zanplan program on the bundled real data. Each executable is one
# ctest test: its suite builds its workspace once.
function(zanplan_add_program_test target source test_name)
  add_executable(${target} ${source})
  target_link_libraries(${target} PRIVATE GTest::gtest GTest::gtest_main nlohmann_json::nlohmann_json)
  target_compile_definitions(${target} PRIVATE
    ZANPLAN_BINARY="$<TARGET_FILE:zanplan>" ZANPLAN_DATA_DIR="${ZANPLAN_DATA_DIR}")
  add_dependencies(${target} zanplan)
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  zanplan_target_defaults(${target})
  add_test(NAME ${test_name} COMMAND ${target})
  set_tests_properties(${test_name} PROPERTIES LABELS cli TIMEOUT 900)
endfunction()

# The demo's real inputs with a small synthetic density.
zanplan_add_program_test(cli_tests cli/cli_test.cpp cli.end_to_end)
# Sites at the real parcel density on three communes: generate, import, sites, score, explain.
zanplan_add_program_test(cli_full_density_tests cli/full_density_test.cpp cli.full_density_sites)
# The site dossier PDF on three communes at the real density, read back with poppler-utils.
if(ZANPLAN_BUILD_MAP)
  zanplan_add_program_test(cli_dossier_tests cli/dossier_test.cpp cli.dossier)
endif()
# Planners' own layers: layer add/list/remove, info, a user layer as an exclusion (inside or within a distance) or as candidate sites.
zanplan_add_program_test(cli_user_layers_tests cli/user_layers_test.cpp cli.user_layers)
target_compile_definitions(cli_user_layers_tests PRIVATE ZANPLAN_FIXTURES_DIR="${ZANPLAN_FIXTURES_DIR}")
# User layers on the map: zanplan render's pixels and legend, and a feature's attributes read
# for the map's identify.
if(ZANPLAN_BUILD_MAP)
  zanplan_add_program_test(cli_user_layers_map_tests cli/user_layers_map_test.cpp cli.user_layers_map)
  target_compile_definitions(cli_user_layers_map_tests PRIVATE ZANPLAN_FIXTURES_DIR="${ZANPLAN_FIXTURES_DIR}")
  target_link_libraries(cli_user_layers_map_tests PRIVATE zanplan::gis Qt6::Gui)
endif()
