zanplan_add_test(sites_tests SOURCES sites/point_index_test.cpp sites/facts_test.cpp sites/facts_crosscheck_test.cpp sites/assessment_test.cpp LABELS sites)
zanplan_add_test(assembly_tests SOURCES sites/polygon_set_test.cpp sites/adjacency_test.cpp sites/adjacency_crosscheck_test.cpp sites/grow_test.cpp sites/assembly_test.cpp LABELS sites)
zanplan_add_test(lang_tests SOURCES sites/lang_test.cpp sites/explain_lang_test.cpp LABELS lang)
