# Tests of the synthetic module; see zanplan_add_test in tests/CMakeLists.txt.
