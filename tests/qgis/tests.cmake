# The QGIS Processing provider (qgis/zanplan_processing) in a headless PyQGIS. Needs Debian's
# python3-qgis, which lives in the system Python: the test is skipped (exit 77) without it.
find_program(ZANPLAN_SYSTEM_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT ZANPLAN_SYSTEM_PYTHON)
  find_program(ZANPLAN_SYSTEM_PYTHON NAMES python3)
endif()
if(ZANPLAN_SYSTEM_PYTHON)
  add_test(NAME qgis.processing_provider
           COMMAND ${ZANPLAN_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/qgis/processing_test.py)
  # render exists only in a build with the map.
  if(ZANPLAN_BUILD_MAP)
    set(has_render 1)
  else()
    set(has_render 0)
  endif()
  set_tests_properties(qgis.processing_provider PROPERTIES
    LABELS qgis
    SKIP_RETURN_CODE 77
    TIMEOUT 600
    ENVIRONMENT "ZANPLAN=$<TARGET_FILE:zanplan>;ZANPLAN_DATA_DIR=${ZANPLAN_DATA_DIR};ZANPLAN_QGIS_PLUGINS=${PROJECT_SOURCE_DIR}/qgis;ZANPLAN_HAS_RENDER=${has_render};QT_QPA_PLATFORM=offscreen")
endif()
