zanplan_add_test(zan_tests SOURCES zan/regime_test.cpp zan/envelope_test.cpp zan/guarantee_test.cpp zan/pene_test.cpp LABELS zan)
