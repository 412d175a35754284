#include "workspace/builder.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "support/temporary.hpp"

#include "zanplan/workspace.hpp"

using namespace zanplan;

namespace {
std::filesystem::path fresh(const std::string& name) {
  auto path = zanplan::test_support::temporary(name);
  std::filesystem::remove(path);
  return path;
}

void add_point(OGRLayer& layer, double x, double y) {
  OGRFeature feature(layer.GetLayerDefn());
  OGRPoint point(x, y);
  feature.SetGeometry(&point);
  feature.SetField("name", "p");
  workspace::add_feature(layer, feature);
}
}  // namespace

TEST(Builder, CommitWritesLayersWithProvenance) {
  const auto path = fresh("zanplan_builder_ok.gpkg");
  {
    workspace::Builder builder(path, "99", "Testland");
    auto& layer = builder.create_layer("ports", wkbPoint, {{"name"}});
    add_point(layer, 650000, 7000000);
    add_point(layer, 651000, 7001000);
    builder.record({.layer = "ports", .provenance = "real", .source_file = "p.geojson",
                    .source = "test", .licence = "LO", .notes = ""});
    builder.commit();
  }
  const auto summary = summarize_workspace(path);
  EXPECT_EQ(summary.meta.at("region_code"), "99");
  ASSERT_EQ(summary.layers.size(), 1U);
  EXPECT_EQ(summary.layers[0].feature_count, 2);
  EXPECT_EQ(summary.layers[0].crs, "EPSG:2154");
  EXPECT_EQ(summary.layers[0].provenance, "real");
  ASSERT_TRUE(summary.layers[0].extent.has_value());
  EXPECT_DOUBLE_EQ(summary.layers[0].extent->max_x, 651000);
}

TEST(Builder, AbandonedBuildLeavesNoFileAndKeepsTheOldOne) {
  const auto path = fresh("zanplan_builder_abandoned.gpkg");
  {
    workspace::Builder first(path, "99", "Testland");
    first.create_layer("ports", wkbPoint, {{"name"}});
    first.commit();
  }
  const auto before = std::filesystem::last_write_time(path);
  try {
    workspace::Builder second(path, "99", "Testland");
    second.create_layer("ports", wkbPoint, {{"name"}});
    throw std::runtime_error("import failed half-way");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(std::filesystem::last_write_time(path), before);
  for (const auto& entry : std::filesystem::directory_iterator(path.parent_path())) {
    EXPECT_EQ(entry.path().string().find("zanplan_builder_abandoned.gpkg.tmp"), std::string::npos);
  }
}

TEST(Builder, MissingWorkspaceIsAWorkspaceError) {
  EXPECT_THROW((void)summarize_workspace("/nonexistent/w.gpkg"), Error);
}
