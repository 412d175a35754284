# The renderer (viewport, styles, hit testing, golden images, level of detail) and the map
# canvas widget driven with QTest. Golden images live in tests/maps/golden/; a failing
# comparison writes the actual and a diff image under the build tree (golden-out/).
zanplan_add_qt_test(maps_render_test SOURCES maps/render_test.cpp LABELS maps)
target_compile_definitions(maps_render_test PRIVATE
  ZANPLAN_GOLDEN_DIR="${CMAKE_CURRENT_SOURCE_DIR}/maps/golden"
  ZANPLAN_GOLDEN_OUT_DIR="${CMAKE_CURRENT_BINARY_DIR}/maps/golden-out")

zanplan_add_qt_test(maps_canvas_test SOURCES maps/canvas_test.cpp LABELS maps)

zanplan_add_qt_test(maps_label_placement_test SOURCES maps/label_placement_test.cpp LABELS maps)
