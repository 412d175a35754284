// One parcels file per département, the commune restriction and thread-count independence,
// on the tiny workspace with 99003 moved to département 98. Expectations come from the
// unsplit generation and from zlib and GDAL reading the files, not from the writer.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "../formats/test_files.hpp"
#include "formats/cadastre.hpp"
#include "ogr/handles.hpp"
#include "tiny_workspace.hpp"
#include "zanplan/error.hpp"
#include "zanplan/synthetic.hpp"

using namespace zanplan;

namespace {

struct Feature {
  std::string commune;
  std::int64_t contenance = 0;
  bool operator==(const Feature&) const = default;
};

// id → (commune, contenance), read with GDAL.
std::map<std::string, Feature> features_of(const std::filesystem::path& file) {
  auto dataset = ogr::open_vector(formats::gdal_name(file));
  std::map<std::string, Feature> features;
  for (auto& f : ogr::layer_of(*dataset, file.string())) {
    EXPECT_TRUE(features
                    .emplace(f->GetFieldAsString("id"),
                             Feature{f->GetFieldAsString("commune"), f->GetFieldAsInteger64("contenance")})
                    .second);
  }
  return features;
}

// The data lines of a land-cover file (header dropped).
std::vector<std::string> rows_of(const std::filesystem::path& file) {
  std::vector<std::string> rows;
  const std::string text = test::read_text(file);
  std::size_t start = text.find('\n') + 1;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    rows.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return rows;
}

std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& item : std::filesystem::directory_iterator(dir)) names.push_back(item.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class SyntheticSplit : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>("zanplan-synthetic-split");
    workspace_ = dir_->path() / "two-departements.gpkg";
    test::build_tiny_workspace(workspace_, "98");
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static SyntheticReport generate(const std::string& out, SyntheticOptions options) {
    options.seed = 11;
    options.density = 0.3;
    options.output_dir = dir_->path() / out;
    return generate_synthetic(workspace_, options);
  }
  static std::filesystem::path path(const std::string& out, const std::string& name) {
    return dir_->path() / out / name;
  }

  static inline std::unique_ptr<test::TempDir> dir_;
  static inline std::filesystem::path workspace_;
};

}  // namespace

TEST_F(SyntheticSplit, OneFilePerDepartementAddsUpToTheUnsplitGeneration) {
  const auto split = generate("split", {.threads = 2});
  const auto whole = generate("whole", {.parcels_name = "all.json", .land_cover_name = "all.csv", .threads = 1});
  EXPECT_EQ(names_in(dir_->path() / "split"),
            (std::vector<std::string>{"cadastre-98-parcelles.json.gz", "cadastre-99-parcelles.json.gz",
                                      "conso-2009-2023-resultats-com.csv", "occupation-98-parcelles.csv",
                                      "occupation-99-parcelles.csv"}));
  const auto in_98 = features_of(path("split", "cadastre-98-parcelles.json.gz"));
  const auto in_99 = features_of(path("split", "cadastre-99-parcelles.json.gz"));
  const auto all = features_of(path("whole", "all.json"));
  ASSERT_GT(in_98.size(), 50U);
  ASSERT_GT(in_99.size(), 500U);
  for (const auto& [id, f] : in_98) EXPECT_EQ(f.commune, "99003") << id;
  for (const auto& [id, f] : in_99) EXPECT_TRUE(f.commune == "99001" || f.commune == "99002") << id;
  EXPECT_EQ(in_98.size() + in_99.size(), all.size());
  std::map<std::string, Feature> merged = in_98;
  merged.insert(in_99.begin(), in_99.end());
  EXPECT_TRUE(merged == all);
  EXPECT_EQ(split.parcels, all.size());
  EXPECT_EQ(whole.parcels, all.size());

  // The land classes split the same way: every row in the file of its parcel's département.
  auto rows = rows_of(path("split", "occupation-98-parcelles.csv"));
  for (const auto& row : rows) EXPECT_EQ(row.substr(0, 5), "99003") << row;
  const auto rows_99 = rows_of(path("split", "occupation-99-parcelles.csv"));
  EXPECT_EQ(rows.size(), in_98.size());
  EXPECT_EQ(rows_99.size(), in_99.size());
  rows.insert(rows.end(), rows_99.begin(), rows_99.end());
  auto unsplit = rows_of(path("whole", "all.csv"));
  std::sort(rows.begin(), rows.end());
  std::sort(unsplit.begin(), unsplit.end());
  EXPECT_EQ(rows, unsplit);
}

TEST_F(SyntheticSplit, FilesAreByteIdenticalWithOneAndTwoThreads) {
  (void)generate("one", {.threads = 1});
  (void)generate("two", {.threads = 2});
  (void)generate("plain", {.parcels_name = "cadastre-*-parcelles.json", .threads = 2});
  const auto names = names_in(dir_->path() / "one");
  ASSERT_EQ(names.size(), 5U);
  EXPECT_EQ(names, names_in(dir_->path() / "two"));
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const std::string first = test::read_text(path("one", name));
    ASSERT_FALSE(first.empty());
    EXPECT_TRUE(first == test::read_text(path("two", name)));
  }
  // zlib inflates the assembled pieces (checking their CRC-32 and length) to exactly the
  // text written without compression.
  for (const char* departement : {"98", "99"}) {
    SCOPED_TRACE(departement);
    const std::string name = std::string("cadastre-") + departement + "-parcelles.json";
    EXPECT_TRUE(test::read_gzip(path("two", name + ".gz")) == test::read_text(path("plain", name)));
  }
}

TEST_F(SyntheticSplit, CommuneRestriction) {
  (void)generate("all", {});
  const auto report = generate("some", {.communes = {"99002"}});
  EXPECT_EQ(names_in(dir_->path() / "some"),
            (std::vector<std::string>{"cadastre-99-parcelles.json.gz", "conso-2009-2023-resultats-com.csv",
                                      "occupation-99-parcelles.csv"}));
  // Exactly the parcels 99002 has in the full generation (its own random streams).
  std::map<std::string, Feature> expected;
  for (const auto& [id, f] : features_of(path("all", "cadastre-99-parcelles.json.gz"))) {
    if (f.commune == "99002") expected.emplace(id, f);
  }
  ASSERT_GT(expected.size(), 100U);
  EXPECT_TRUE(features_of(path("some", "cadastre-99-parcelles.json.gz")) == expected);
  EXPECT_EQ(report.parcels, expected.size());
  // The consumption file keeps the three communes (header + 3 rows).
  EXPECT_EQ(rows_of(path("some", synthetic_consumption_file)).size(), 3U);

  // Files of an earlier run over other communes are removed, not left to be imported.
  (void)generate("shrink", {});
  (void)generate("shrink", {.communes = {"99001"}});
  EXPECT_EQ(names_in(dir_->path() / "shrink"),
            (std::vector<std::string>{"cadastre-99-parcelles.json.gz", "conso-2009-2023-resultats-com.csv",
                                      "occupation-99-parcelles.csv"}));

  try {
    (void)generate("unknown", {.communes = {"99002", "12345"}});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_EQ(e.context().key, "12345");
    EXPECT_NE(e.message().find("12345"), std::string::npos);
  }
}
