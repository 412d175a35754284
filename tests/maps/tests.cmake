# Map tests run real Qt objects offscreen; each test file is its own executable.
if(NOT ZANPLAN_BUILD_MAP)
  return()
endif()

function(zanplan_add_qt_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES} ${CMAKE_CURRENT_SOURCE_DIR}/maps/qt_test_main.cpp)
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  target_link_libraries(${name} PRIVATE zanplan::maps Qt6::Test GTest::gtest GTest::gmock)
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/maps/src)
  target_compile_definitions(${name} PRIVATE
    ZANPLAN_FIXTURES_DIR="${ZANPLAN_FIXTURES_DIR}" ZANPLAN_DATA_DIR="${ZANPLAN_DATA_DIR}")
  zanplan_target_defaults(${name})
  gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
                       DISCOVERY_TIMEOUT 60 DISCOVERY_MODE PRE_TEST)
endfunction()

foreach(part IN ITEMS tiles render view)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/maps/${part}.cmake)
    include(${CMAKE_CURRENT_SOURCE_DIR}/maps/${part}.cmake)
  endif()
endforeach()
