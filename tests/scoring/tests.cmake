# Tests of the scoring module; see zanplan_add_test in tests/CMakeLists.txt.
zanplan_add_test(scoring_tests
  SOURCES
    scoring/value_function_test.cpp
    scoring/aggregate_test.cpp
    scoring/pareto_test.cpp
    scoring/sensitivity_test.cpp
    scoring/profile_test.cpp
    scoring/ranking_test.cpp
    scoring/user_criteria_test.cpp
  LABELS scoring)
