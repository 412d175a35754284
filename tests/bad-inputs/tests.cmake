# The bad-input corpus (cases.toml): one data-driven test running the zanplan program on
# damaged workspaces, bad configuration files and bad flags.
zanplan_add_program_test(bad_inputs_tests bad-inputs/bad_inputs_test.cpp cli.bad_inputs)
target_link_libraries(bad_inputs_tests PRIVATE tomlplusplus::tomlplusplus SQLite::SQLite3)
target_compile_definitions(bad_inputs_tests PRIVATE ZANPLAN_BAD_INPUTS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/bad-inputs")
set_tests_properties(cli.bad_inputs PROPERTIES TIMEOUT 600)
