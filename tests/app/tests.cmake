# zanplan-map driven through its real widgets, offscreen, on the demo region generated at a
# low parcel density once for the suite (one ctest test, so the workspace is built once).
if(NOT ZANPLAN_BUILD_MAP)
  return()
endif()
add_executable(app_tests app/main_window_test.cpp app/render_command_test.cpp app/app_habits_test.cpp
  app/translations_test.cpp app/user_layers_window_test.cpp maps/qt_test_main.cpp)
set_target_properties(app_tests PROPERTIES AUTOMOC ON)
target_link_libraries(app_tests PRIVATE zanplan::map_app zanplan::gis_internal Qt6::Test GTest::gtest SQLite::SQLite3)
target_include_directories(app_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(app_tests PRIVATE
  ZANPLAN_FIXTURES_DIR="${ZANPLAN_FIXTURES_DIR}" ZANPLAN_DATA_DIR="${ZANPLAN_DATA_DIR}"
  ZANPLAN_QM_DIR="${CMAKE_BINARY_DIR}/app" ZANPLAN_BINARY="$<TARGET_FILE:zanplan>"
  ZANPLAN_MAP_BINARY="$<TARGET_FILE:zanplan-map>" ZANPLAN_PROJECT_VERSION="${PROJECT_VERSION}"
  ZANPLAN_TS_FILE="${PROJECT_SOURCE_DIR}/app/i18n/zanplan_fr.ts" ZANPLAN_LUPDATE="$<TARGET_FILE:Qt6::lupdate>"
  ZANPLAN_APP_SOURCES="${PROJECT_SOURCE_DIR}/app/src" ZANPLAN_MAPS_SOURCES="${PROJECT_SOURCE_DIR}/maps/src")
add_dependencies(app_tests zanplan-map zanplan)  # its compiled translations; zanplan render
zanplan_target_defaults(app_tests)
add_test(NAME app.main_window COMMAND app_tests)
set_tests_properties(app.main_window PROPERTIES LABELS "app;maps" TIMEOUT 900
                     ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ZANPLAN_NO_DIALOGS=1")
