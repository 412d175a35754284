// CSV export compared with text written out by hand.
#include "sample_table.hpp"

using namespace zanplan;
using export_test::ExportTest;

class Csv : public ExportTest {};

TEST_F(Csv, MatchesTheHandWrittenFile) {
  const auto path = in_directory("sites.csv");
  write_csv(export_test::sample_table(), path);
  // Centroid of A: (40000 × (704100, 7059100) − 2500 × (704075, 7059075)) / 37500
  //              = (704101.666…, 7059101.666…).
  const std::string expected =
      "id,name,score,connectable,note,area_m2,x_l93,y_l93\r\n"
      "1,\"Site \"\"A\"\", Lille\nnord\",87.5,true,,37500,704101.67,7059101.67\r\n"
      "2,\"B\",0.3,false,\"\",10000,705050.00,7060050.00\r\n"
      "3,\"Point\",0,,\"\xc3\xa9t\xc3\xa9\",,706000.00,7061000.00\r\n";
  EXPECT_EQ(export_test::file_bytes(path), expected);
}

TEST_F(Csv, AttributeOnlyTableHasNoCoordinates) {
  ExportTable table;
  table.layer_name = "budgets";
  table.columns = {{"commune", ColumnType::text}, {"remaining_ha", ColumnType::real}, {"year", ColumnType::integer}};
  table.rows = {{std::string("59350"), 1234567.8912345, std::int64_t{-2031}},
                {std::string("a\rb"), 1e-9, std::monostate{}}};
  const auto path = in_directory("budgets.csv");
  write_csv(table, path);
  EXPECT_EQ(export_test::file_bytes(path),
            "commune,remaining_ha,year\r\n"
            "\"59350\",1234567.891235,-2031\r\n"
            "\"a\rb\",0,\r\n");
}

TEST_F(Csv, TwoWritesAreByteIdentical) {
  const auto first = in_directory("first.csv");
  const auto second = in_directory("second.csv");
  write_csv(export_test::sample_table(), first);
  write_csv(export_test::sample_table(), second);
  EXPECT_FALSE(export_test::file_bytes(first).empty());
  EXPECT_EQ(export_test::file_bytes(first), export_test::file_bytes(second));
}
