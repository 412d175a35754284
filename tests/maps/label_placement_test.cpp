// The greedy label placement on boxes alone: slots worked out by hand, and clustered markers
// (as the region's top 20 are) where no label may hide another label or any marker, every
// label stays within reach of its marker, and a displaced one gets a leader line.
#include "zanplan/maps/label_placement.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace zm = zanplan::maps;

namespace {

zm::PlacementOptions options_in(QRectF bounds) {
  zm::PlacementOptions o;
  o.bounds = bounds;
  return o;
}

const QRectF kImage(0, 0, 400, 300);

TEST(LabelPlacement, ALoneMarkersLabelGoesToItsRight) {
  // Marker at (100, 100), radius 5, gap 2: the label's left side at 100 + 5 + 2 = 107,
  // centred vertically: top 100 − 10 / 2 = 95.
  const auto placed = zm::place_labels({{{100, 100}, {20, 10}, 5, true}}, {}, options_in(kImage));
  ASSERT_EQ(placed.size(), 1U);
  EXPECT_TRUE(placed[0].placed);
  EXPECT_FALSE(placed[0].leader);
  EXPECT_EQ(placed[0].box, QRectF(107, 95, 20, 10));
}

TEST(LabelPlacement, BlockedOnTheRightItGoesLeftThenAbove) {
  const QRectF right(107, 94, 30, 12);
  auto placed = zm::place_labels({{{100, 100}, {20, 10}, 5, true}}, {right}, options_in(kImage));
  // Left: right side at 100 − 7 = 93, so left 73.
  EXPECT_EQ(placed[0].box, QRectF(73, 95, 20, 10));
  const QRectF left(60, 94, 33, 12);
  placed = zm::place_labels({{{100, 100}, {20, 10}, 5, true}}, {right, left}, options_in(kImage));
  // Above: bottom at 100 − 7 = 93, centred horizontally: left 90.
  EXPECT_EQ(placed[0].box, QRectF(90, 83, 20, 10));
}

TEST(LabelPlacement, TheImageEdgeCountsAsBlocked) {
  // 10 px from the right edge: the label cannot go right, it goes left.
  const auto placed = zm::place_labels({{{390, 100}, {20, 10}, 5, true}}, {}, options_in(kImage));
  EXPECT_EQ(placed[0].box, QRectF(363, 95, 20, 10));
}

TEST(LabelPlacement, AnOptionalLabelIsDroppedWhenNoAdjacentSlotIsFree) {
  // A wall of obstacles 40 px around the marker: adjacent slots are all blocked.
  const std::vector<QRectF> wall{{60, 60, 80, 30}, {60, 110, 80, 30}, {60, 90, 33, 20}, {107, 90, 33, 20}};
  const auto placed = zm::place_labels({{{100, 100}, {20, 10}, 5, false}}, wall, options_in(kImage));
  EXPECT_FALSE(placed[0].placed);
  // Required, the same label is moved out beyond the wall with a leader line.
  const auto moved = zm::place_labels({{{100, 100}, {20, 10}, 5, true}}, wall, options_in(kImage));
  ASSERT_TRUE(moved[0].placed);
  EXPECT_TRUE(moved[0].leader);
  EXPECT_FALSE(moved[0].crowded);
  for (const auto& w : wall) EXPECT_FALSE(moved[0].box.intersects(w));
  // The leader ends on the box's side nearest the marker.
  EXPECT_DOUBLE_EQ(zm::distance_to_box({100, 100}, moved[0].box),
                   std::hypot(moved[0].leader_end.x() - 100, moved[0].leader_end.y() - 100));
}

TEST(LabelPlacement, ClusteredMarkersNeverHideEachOther) {
  // Twenty markers of 13 px scattered over a 60 × 50 px patch (a seeded draw): the top 20 of
  // a region map where the best sites lie close together.
  std::mt19937 random(12);
  std::uniform_real_distribution<double> x(170, 230), y(125, 175);
  std::vector<zm::LabelRequest> requests;
  for (int rank = 1; rank <= 20; ++rank) {
    const double width = rank < 10 ? 9 : 16;  // one or two digits
    requests.push_back({{x(random), y(random)}, {width, 13}, 7.5, true});
  }
  const zm::PlacementOptions options = options_in(kImage);
  const auto placed = zm::place_labels(requests, {}, options);
  ASSERT_EQ(placed.size(), requests.size());
  int displaced = 0;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const auto& p = placed[i];
    ASSERT_TRUE(p.placed) << "label " << i + 1;
    EXPECT_FALSE(p.crowded) << "label " << i + 1;
    EXPECT_TRUE(kImage.contains(p.box)) << "label " << i + 1;
    for (std::size_t j = 0; j < placed.size(); ++j) {
      if (j != i) {
        EXPECT_FALSE(p.box.intersects(placed[j].box)) << "labels " << i + 1 << " and " << j + 1;
      }
      const QPointF m = requests[j].anchor;
      const QRectF marker(m.x() - 7.5, m.y() - 7.5, 15, 15);
      EXPECT_FALSE(p.box.intersects(marker)) << "label " << i + 1 << " over marker " << j + 1;
    }
    const double distance = zm::distance_to_box(requests[i].anchor, p.box);
    EXPECT_LE(distance, options.max_distance) << "label " << i + 1;
    if (p.leader) {
      ++displaced;
      // Its leader runs across no other label.
      for (std::size_t j = 0; j < placed.size(); ++j) {
        if (j != i) {
          EXPECT_FALSE(zm::segment_crosses_box(requests[i].anchor, p.leader_end, placed[j].box))
              << "leader " << i + 1 << " across label " << j + 1;
        }
      }
      EXPECT_TRUE(p.box.contains(p.leader_end) || zm::distance_to_box(p.leader_end, p.box) < 1e-9);
    } else {
      // Beside its marker: within the gap, up to a corner slot's diagonal.
      EXPECT_LE(distance, 7.5 + options.gap + 1e-9) << "label " << i + 1;
    }
  }
  // So tight a cluster cannot seat every label beside its marker: some are moved out.
  EXPECT_GT(displaced, 0);
}

TEST(LabelPlacement, SegmentsCrossingBoxesByHand) {
  const QRectF box(4, 4, 2, 2);
  EXPECT_TRUE(zm::segment_crosses_box({0, 0}, {10, 10}, box));   // the diagonal through it
  EXPECT_FALSE(zm::segment_crosses_box({0, 10}, {10, 10}, box));  // a parallel line below it
  EXPECT_FALSE(zm::segment_crosses_box({0, 0}, {3, 3}, box));     // stops short of it
  EXPECT_TRUE(zm::segment_crosses_box({5, 0}, {5, 5}, box));      // ends inside it
  EXPECT_FALSE(zm::segment_crosses_box({0, 8}, {8, 0}, QRectF(5, 5, 2, 2)));  // passes the corner by
}

TEST(LabelPlacement, EarlierLabelsChooseFirst) {
  // Two markers 20 px apart on a line: the first one's right-hand slot (107–127) would cover
  // the second marker (115–125), so it goes left; the second takes its own right-hand slot.
  const auto placed = zm::place_labels({{{100, 100}, {20, 10}, 5, true}, {{120, 100}, {20, 10}, 5, true}}, {},
                                       options_in(kImage));
  EXPECT_EQ(placed[0].box, QRectF(73, 95, 20, 10));
  EXPECT_EQ(placed[1].box, QRectF(127, 95, 20, 10));
}

}  // namespace
