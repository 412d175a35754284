zanplan_add_test(zan_tests SOURCES zan/regime_test.cpp zan/envelope_test.cpp LABELS zan)
