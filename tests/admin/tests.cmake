# Tests of the admin module; see zanplan_add_test in tests/CMakeLists.txt.
