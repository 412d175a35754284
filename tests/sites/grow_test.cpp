// Site growing on grids of 1 ha squares: areas, compactness and overlaps are counted by
// hand from the grid; outlines are checked against GEOS's own union of the squares.
#include "sites/grow.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "geos/context.hpp"
#include "sites/site_outline.hpp"
#include "workspace/polygon_set.hpp"

using namespace zanplan;
using workspace::PolygonSet;

namespace {

constexpr double cell = 100.0;  // 1 ha squares

// A grid drawn as text: '.' is an eligible ENAF square, 'b' an eligible square that costs no
// ENAF (brownfield), '#' a square that is not eligible (it is left out of the graph, as the
// site engine leaves out urban fabric), ' ' nothing.
struct Grid {
  PolygonSet shapes;
  std::vector<double> area, perimeter, cx, cy, cost;
  std::vector<std::uint8_t> rank, may_seed;
  std::vector<std::pair<int, int>> cells;  // row, column of each node
  sites::AdjacencyGraph graph;

  explicit Grid(const std::vector<std::string>& rows) {
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
      for (int c = 0; c < static_cast<int>(rows[static_cast<std::size_t>(r)].size()); ++c) {
        const char ch = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
        if (ch != '.' && ch != 'b') continue;
        const double x = c * cell, y = -r * cell;
        const std::vector<double> ring{x, y, x + cell, y, x + cell, y + cell, x, y + cell, x, y};
        shapes.append_ring(ring);
        area.push_back(cell * cell);
        perimeter.push_back(4 * cell);
        cx.push_back(x + cell / 2);
        cy.push_back(y + cell / 2);
        cost.push_back(ch == 'b' ? 0.0 : 1.0);
        rank.push_back(ch == 'b' ? 0 : 2);
        may_seed.push_back(1);
        cells.emplace_back(r, c);
      }
    }
    graph = sites::build_adjacency(shapes, {.snap_tolerance_m = 0.5, .min_shared_m = 5});
  }

  sites::GrowResult grow(double min_ha, double max_ha, double target_ha, double min_compactness) const {
    return sites::grow_sites({.graph = graph, .area_m2 = area, .perimeter_m = perimeter, .centroid_x = cx, .centroid_y = cy,
                              .land_cost = cost, .seed_rank = rank, .may_seed = may_seed},
                             {.min_m2 = min_ha * 1e4, .max_m2 = max_ha * 1e4, .target_m2 = target_ha * 1e4,
                              .min_compactness = min_compactness});
  }
};

double geos_perimeter(const std::string& wkb) {
  auto& context = geos::Context::current();
  auto g = geos::from_wkb(context, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
  double length = 0;
  GEOSLength_r(context.handle(), g.get(), &length);
  return length;
}

}  // namespace

TEST(Grow, PolsbyPopperOfASquareAndADisc) {
  EXPECT_NEAR(sites::polsby_popper(1.0, 4.0), std::numbers::pi / 4, 1e-12);
  EXPECT_NEAR(sites::polsby_popper(std::numbers::pi, 2 * std::numbers::pi), 1.0, 1e-12);
}

TEST(Grow, SitesMeetTheAreaRangeAndShapeAndNeverOverlap) {
  const Grid grid(std::vector<std::string>(12, std::string(12, '.')));  // 144 ha
  const auto result = grid.grow(20, 30, 25, 0.5);
  ASSERT_GE(result.sites.size(), 4U);
  std::set<std::uint32_t> used;
  for (const auto& site : result.sites) {
    EXPECT_GE(site.area_m2, 20e4);
    EXPECT_LE(site.area_m2, 30e4);
    EXPECT_DOUBLE_EQ(site.area_m2, static_cast<double>(site.parcels.size()) * 1e4);
    EXPECT_GE(site.compactness(), 0.5);
    for (std::uint32_t p : site.parcels) EXPECT_TRUE(used.insert(p).second) << "parcel " << p << " in two sites";
    // The outline's perimeter from shared boundaries equals GEOS's union of the squares.
    const auto outline = sites::union_outline(grid.shapes, site.parcels);
    EXPECT_FALSE(outline.overlay);
    EXPECT_NEAR(outline.area_m2, site.area_m2, 1e-6 * site.area_m2);
    EXPECT_NEAR(geos_perimeter(outline.wkb), site.perimeter_m, 1e-6 * site.perimeter_m);
  }
}

TEST(Grow, AnExcludedParcelIsNeverIncludedAndSitesStayContiguous) {
  // A wall of excluded squares splits the land: 6 × 5 = 30 ha on the left, 5 × 5 = 25 ha on
  // the right. No site may cross the wall.
  const Grid grid({"......#.....",
                   "......#.....",
                   "......#.....",
                   "......#.....",
                   "......#....."});
  const auto result = grid.grow(20, 40, 40, 0.3);
  ASSERT_EQ(result.sites.size(), 2U);
  for (const auto& site : result.sites) {
    std::set<bool> sides;
    for (std::uint32_t p : site.parcels) sides.insert(grid.cells[p].second > 6);
    EXPECT_EQ(sides.size(), 1U) << "a site crosses the excluded column";
  }
  std::vector<double> areas{result.sites[0].area_m2 / 1e4, result.sites[1].area_m2 / 1e4};
  std::sort(areas.begin(), areas.end());
  EXPECT_DOUBLE_EQ(areas[0], 25.0);
  EXPECT_DOUBLE_EQ(areas[1], 30.0);
}

TEST(Grow, LandTooSmallGivesNoSite) {
  const Grid grid({"....#....", "....#....", "....#...."});  // 12 ha on each side
  const auto result = grid.grow(20, 40, 30, 0.2);
  EXPECT_TRUE(result.sites.empty());
  EXPECT_GE(result.too_small, 2U);
}

TEST(Grow, AStripTooThinIsRejectedForItsShape) {
  // 1 × 30 ha: Polsby–Popper 4π·30/(2·(3000 + 100))² = 0.039.
  const Grid grid({std::string(30, '.')});
  EXPECT_TRUE(grid.grow(20, 40, 30, 0.2).sites.empty());
  EXPECT_EQ(grid.grow(20, 40, 30, 0.2).too_irregular, grid.grow(20, 40, 30, 0.2).seeds_tried);
  EXPECT_EQ(grid.grow(20, 40, 30, 0.03).sites.size(), 1U);
}

TEST(Grow, LandThatCostsNoEnafIsTakenFirst) {
  // 9 brownfield squares in a block at the west end of a 20 × 6 field: the first site starts
  // there and takes all of them before any ENAF square.
  std::vector<std::string> rows(6, std::string(20, '.'));
  for (int r = 0; r < 3; ++r) rows[static_cast<std::size_t>(r)].replace(0, 3, "bbb");
  const Grid grid(rows);
  const auto result = grid.grow(20, 40, 24, 0.3);
  ASSERT_FALSE(result.sites.empty());
  const auto& first = result.sites.front();
  std::size_t brownfield = 0;
  for (std::size_t k = 0; k < first.parcels.size(); ++k) {
    if (grid.cost[first.parcels[k]] == 0.0) {
      ++brownfield;
      EXPECT_LT(k, 9U) << "a brownfield square joined after an ENAF square";
    }
  }
  EXPECT_EQ(brownfield, 9U);
}
