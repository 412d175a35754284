zanplan_add_test(core_tests
  SOURCES core/error_test.cpp core/numbers_test.cpp core/csv_test.cpp core/sources_test.cpp core/builder_test.cpp
  LABELS core)
