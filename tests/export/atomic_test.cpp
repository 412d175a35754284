// Failed writes: an output error naming the file, no temporary file left behind, and any
// earlier file untouched — for the three formats. Also the table checks.
#include <functional>

#include "sample_table.hpp"

using namespace zanplan;
using export_test::ExportTest;
using export_test::error_of;

namespace {

struct Format {
  const char* file_name;
  std::function<void(const ExportTable&, const std::filesystem::path&)> write;
  std::vector<std::string> written;  // every file a successful write leaves, sorted
};

std::vector<Format> formats() {
  return {{"out.geojson", [](const ExportTable& t, const std::filesystem::path& p) { write_geojson(t, p); }, {"out.geojson"}},
          {"out.gpkg", [](const ExportTable& t, const std::filesystem::path& p) { write_geopackage(t, p, std::nullopt); },
           {"out.gpkg"}},
          {"out.csv", [](const ExportTable& t, const std::filesystem::path& p) { write_csv(t, p); }, {"out.csv", "out.csvt"}}};
}


}  // namespace

class Atomic : public ExportTest {};

TEST_F(Atomic, MissingDirectoryIsAnOutputErrorAndCreatesNothing) {
  for (const Format& format : formats()) {
    const auto path = directory_ / "missing" / format.file_name;
    const Error e = error_of([&] { format.write(export_test::sample_table(), path); });
    EXPECT_EQ(e.kind(), ErrorKind::output) << format.file_name;
    EXPECT_EQ(e.context().file, path.string());
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(directory_ / "missing"));
  }
  EXPECT_TRUE(export_test::directory_listing(directory_).empty());
}

TEST_F(Atomic, FailedWriteLeavesTheEarlierFileUntouched) {
  ExportTable broken = export_test::sample_table();
  broken.geometries_wkb[1] = "not WKB";
  for (const Format& format : formats()) {
    const auto path = in_directory(format.file_name);
    format.write(export_test::sample_table(), path);
    const std::string before = export_test::file_bytes(path);
    const Error e = error_of([&] { format.write(broken, path); });
    EXPECT_EQ(e.kind(), ErrorKind::output) << format.file_name;
    EXPECT_EQ(e.context().file, path.string());
    EXPECT_EQ(e.context().feature, 2) << "the second row, 1-based";
    EXPECT_TRUE(export_test::file_bytes(path) == before) << format.file_name;
    EXPECT_EQ(export_test::directory_listing(directory_), format.written);
    for (const auto& name : format.written) std::filesystem::remove(directory_ / name);
  }
}

// The rename at the very end fails when the target is a directory: the fully written
// temporary file must still be removed.
TEST_F(Atomic, FailedRenameRemovesTheTemporaryFile) {
  for (const Format& format : formats()) {
    const auto path = in_directory(format.file_name);
    std::filesystem::create_directories(path / "keep");
    const Error e = error_of([&] { format.write(export_test::sample_table(), path); });
    EXPECT_EQ(e.kind(), ErrorKind::output) << format.file_name;
    EXPECT_EQ(e.context().file, path.string());
    EXPECT_EQ(export_test::directory_listing(directory_), std::vector<std::string>{format.file_name});
    EXPECT_TRUE(std::filesystem::is_directory(path / "keep"));
    std::filesystem::remove_all(path);
  }
}

TEST_F(Atomic, TableErrorsNameTheRowAndColumn) {
  const auto path = in_directory("out.csv");
  ExportTable table = export_test::sample_table();
  table.rows[2][2] = std::int64_t{5};  // an integer in the real column "score"
  Error e = error_of([&] { write_csv(table, path); });
  EXPECT_EQ(e.kind(), ErrorKind::output);
  EXPECT_EQ(e.context().layer, "sites_test");
  EXPECT_EQ(e.context().feature, 3);
  EXPECT_EQ(e.context().key, "score");

  table = export_test::sample_table();
  table.rows[0].pop_back();
  e = error_of([&] { write_csv(table, path); });
  EXPECT_EQ(e.context().feature, 1);

  table = export_test::sample_table();
  table.rows[1][1] = std::string("caf\xe9");  // Latin-1, not UTF-8
  e = error_of([&] { write_csv(table, path); });
  EXPECT_EQ(e.context().feature, 2);
  EXPECT_EQ(e.context().key, "name");

  table = export_test::sample_table();
  table.columns[5].name = "Geom";
  e = error_of([&] { write_csv(table, path); });
  EXPECT_EQ(e.context().key, "Geom");

  table = export_test::sample_table();
  table.columns[5].name = "ID";
  e = error_of([&] { write_csv(table, path); });
  EXPECT_NE(std::string(e.what()).find("duplicate"), std::string::npos);

  table = export_test::sample_table();
  table.geometries_wkb.pop_back();
  e = error_of([&] { write_csv(table, path); });
  EXPECT_EQ(e.kind(), ErrorKind::output);

  table = export_test::sample_table();
  table.geometries_wkb[0] += "x";
  e = error_of([&] { write_csv(table, path); });
  EXPECT_EQ(e.context().feature, 1);
  EXPECT_TRUE(export_test::directory_listing(directory_).empty());
}

TEST_F(Atomic, EmptyTablesMakeValidEmptyFiles) {
  ExportTable table = export_test::sample_table();
  table.rows.clear();
  table.geometries_wkb.clear();
  for (const Format& format : formats()) format.write(table, in_directory(format.file_name));
  EXPECT_EQ(export_test::file_bytes(in_directory("out.csv")), "id,name,score,connectable,note,area_m2\r\n");
  auto geojson = ogr::open_vector(in_directory("out.geojson").string());
  EXPECT_EQ(ogr::layer_of(*geojson, "out.geojson").GetFeatureCount(), 0);
  auto package = ogr::open_vector(in_directory("out.gpkg").string());
  OGRLayer& layer = ogr::layer_of(*package, "out.gpkg");
  EXPECT_EQ(layer.GetFeatureCount(), 0);
  EXPECT_EQ(layer.GetGeomType(), wkbNone);
  EXPECT_EQ(layer.GetLayerDefn()->GetFieldCount(), 6);
}
