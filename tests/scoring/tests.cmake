# Tests of the scoring module; see zanplan_add_test in tests/CMakeLists.txt.
