zanplan_add_test(sites_tests SOURCES sites/point_index_test.cpp sites/facts_test.cpp sites/facts_crosscheck_test.cpp sites/assessment_test.cpp LABELS sites)
