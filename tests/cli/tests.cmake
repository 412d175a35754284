# Tests of the cli module; see zanplan_add_test in tests/CMakeLists.txt.
