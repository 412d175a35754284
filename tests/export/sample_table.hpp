// The hand-made table shared by the export tests, and small file helpers.
#pragma once

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ogr/handles.hpp"
#include "zanplan/export.hpp"

namespace export_test {

// ISO WKB of a WKT geometry, built with OGR independently of the exporters.
inline std::string wkb(const char* wkt) {
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt, nullptr, &raw) != OGRERR_NONE) throw std::runtime_error(wkt);
  zanplan::ogr::GeometryPtr geometry(raw);
  std::string bytes(geometry->WkbSize(), '\0');
  geometry->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(bytes.data()), wkbVariantIso);
  return bytes;
}

// Near Lille, in Lambert-93:
//  - A: a 200 m square with a 50 m hole; the hole is given counter-clockwise (wrong for
//    RFC 7946), the exterior counter-clockwise;
//  - B: a 100 m square given CLOCKWISE;
//  - a point.
inline const char* polygon_a =
    "POLYGON((704000 7059000,704200 7059000,704200 7059200,704000 7059200,704000 7059000),"
    "(704050 7059050,704100 7059050,704100 7059100,704050 7059100,704050 7059050))";
inline const char* polygon_b =
    "POLYGON((705000 7060000,705000 7060100,705100 7060100,705100 7060000,705000 7060000))";
inline const char* point = "POINT(706000 7061000)";

inline zanplan::ExportTable sample_table() {
  using zanplan::ColumnType;
  zanplan::ExportTable table;
  table.layer_name = "sites_test";
  table.columns = {{"id", ColumnType::integer},     {"name", ColumnType::text},
                   {"score", ColumnType::real},     {"connectable", ColumnType::boolean},
                   {"note", ColumnType::text},      {"area_m2", ColumnType::real}};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  table.rows = {
      {std::int64_t{1}, std::string("Site \"A\", Lille\nnord"), 87.5, true, std::monostate{}, 37500.0},
      {std::int64_t{2}, std::string("B"), 0.1 + 0.2, false, std::string(), 10000.0},
      {std::int64_t{3}, std::string("Point"), -1e-7, std::monostate{}, std::string("\xc3\xa9t\xc3\xa9"), nan},
  };
  table.geometries_wkb = {wkb(polygon_a), wkb(polygon_b), wkb(point)};
  table.metadata = {{"profile", "gigafactory"}, {"synthetic_inputs", "parcels, enaf_consumption"},
                    {"created_at", "2026-11-26T20:30:00Z"}};
  return table;
}

// Runs write and returns the zanplan::Error it must throw.
inline zanplan::Error error_of(const std::function<void()>& write) {
  try {
    write();
  } catch (const zanplan::Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a zanplan::Error";
  return zanplan::Error(zanplan::ErrorKind::internal, "none");
}

inline std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<std::string> directory_listing(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A fresh, empty directory per test and process (two test runs at once must not share it),
// removed afterwards.
class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 (std::string("zanplan_export_") + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  [[nodiscard]] std::filesystem::path in_directory(const char* name) const { return directory_ / name; }
  std::filesystem::path directory_;
};

inline bool have_ogrinfo() { return std::system("command -v ogrinfo > /dev/null 2>&1") == 0; }

// stdout and stderr of `ogrinfo -al -so path`.
inline std::string ogrinfo_summary(const std::filesystem::path& path) {
  const std::string command = "ogrinfo -al -so '" + path.string() + "' 2>&1";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  ::pclose(pipe);
  return output;
}

// GDAL's diagnostics in a tool's output: "Warning 1: …", "ERROR 1: …".
inline bool has_gdal_diagnostics(const std::string& output) {
  return std::regex_search(output, std::regex("(Warning|ERROR) [0-9]+:"));
}

}  // namespace export_test
