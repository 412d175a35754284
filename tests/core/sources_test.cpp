#include "zanplan/sources.hpp"

#include <filesystem>
#include <fstream>

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
