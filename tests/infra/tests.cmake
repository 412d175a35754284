# Tests of the infra module; see zanplan_add_test in tests/CMakeLists.txt.
