#include "zanplan/sources.hpp"

#include <filesystem>
#include <fstream>
#include <vector>

#include <gtest/gtest.h>

#include "support/temporary.hpp"

#include "zanplan/error.hpp"

using namespace zanplan;

namespace {
std::filesystem::path write_manifest(const std::string& name, const std::string& text) {
  auto path = zanplan::test_support::temporary(name);
  std::ofstream(path) << text;
  return path;
}
}  // namespace

TEST(Sources, TheBundledDemoManifestLoads) {
  const auto manifest = load_sources(ZANPLAN_DATA_DIR "/region-32/sources.toml");
  EXPECT_EQ(manifest.region_code, "32");
  EXPECT_EQ(manifest.require("substations").provenance, "real");
  EXPECT_TRUE(std::filesystem::exists(manifest.require("substations").resolved));
  EXPECT_EQ(manifest.require("parcels").provenance, "synthetic");
}

TEST(Sources, UnknownKeyIsNamedWithItsLine) {
  const auto path = write_manifest("zanplan_bad_manifest.toml",
                                   "region_code = \"32\"\n[ports]\nfile = \"p.geojson\"\nsource = \"s\"\n"
                                   "licence = \"l\"\nprovenance = \"real\"\nlicense = \"typo\"\n");
  try {
    (void)load_sources(path);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    EXPECT_EQ(e.context().key, "ports.license");
    EXPECT_EQ(e.context().line, 7);
  }
}

TEST(Sources, ProvenanceMustBeRealOrSynthetic) {
  const auto path = write_manifest("zanplan_bad_provenance.toml",
                                   "region_code = \"32\"\n[ports]\nfile = \"p\"\nsource = \"s\"\n"
                                   "licence = \"l\"\nprovenance = \"guess\"\n");
  EXPECT_THROW((void)load_sources(path), Error);
}

TEST(Sources, ParcelsMayNameOneFilePerDepartement) {
  const auto dir = zanplan::test_support::temporary("zanplan_sources_pattern");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "synthetic");
  for (const char* name : {"cadastre-80-parcelles.json.gz", "cadastre-02-parcelles.json.gz",
                           "cadastre-59-parcelles.json", "other.json.gz"}) {
    std::ofstream(dir / "synthetic" / name) << "x";
  }
  const auto path = dir / "sources.toml";
  std::ofstream(path) << "region_code = \"32\"\n[parcels]\nfile = \"synthetic/cadastre-*-parcelles.json.gz\"\n"
                         "source = \"s\"\nlicence = \"l\"\nprovenance = \"synthetic\"\n";
  const auto manifest = load_sources(path);
  const SourceEntry& parcels = manifest.require("parcels");
  EXPECT_TRUE(parcels.pattern);
  // Only the names that match, sorted; the plain .json of 59 does not match the pattern.
  EXPECT_EQ(entry_files(parcels), (std::vector<std::filesystem::path>{dir / "synthetic/cadastre-02-parcelles.json.gz",
                                                                        dir / "synthetic/cadastre-80-parcelles.json.gz"}));
  EXPECT_EQ(pattern_value(parcels, dir / "synthetic/cadastre-2A-parcelles.json.gz"), "2A");
  EXPECT_EQ(pattern_value(parcels, dir / "synthetic/cadastre--parcelles.json.gz"), std::nullopt);
  EXPECT_EQ(expand_pattern(parcels.resolved, "59"), dir / "synthetic/cadastre-59-parcelles.json.gz");
  std::filesystem::remove_all(dir);
}

TEST(Sources, PatternsOnlyWhereSeveralFilesAreRead) {
  const auto ports = write_manifest("zanplan_pattern_ports.toml",
                                    "region_code = \"32\"\n[ports]\nfile = \"ports-*.geojson\"\nsource = \"s\"\n"
                                    "licence = \"l\"\nprovenance = \"real\"\n");
  try {
    (void)load_sources(ports);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    EXPECT_EQ(e.context().key, "ports.file");
    EXPECT_EQ(e.context().line, 2);
  }
  const auto folder = write_manifest("zanplan_pattern_folder.toml",
                                     "region_code = \"32\"\n[parcels]\nfile = \"*/cadastre.json\"\nsource = \"s\"\n"
                                     "licence = \"l\"\nprovenance = \"real\"\n");
  EXPECT_THROW((void)load_sources(folder), Error);
}
