# Tests of the formats module; see zanplan_add_test in tests/CMakeLists.txt.
