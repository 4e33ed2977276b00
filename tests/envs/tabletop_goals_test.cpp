// Tests of the tabletop goal checks and partial-credit reward
// (envs/tabletop/tasks/goals.h, reference/lohoravens.md §5) on hand-placed
// scenes, and of the workspace pixel lattice.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "envs/tabletop/scene.h"
#include "envs/tabletop/tasks/goals.h"
#include "envs/tabletop/workspace.h"

namespace ember::tabletop {
namespace {

constexpr double kDeg = 3.14159265358979323846 / 180.0;

Pose at(double x, double y, double yaw_deg = 0.0, double z = 0.02) { return Pose::on_table(x, y, yaw_deg * kDeg, z); }

GoalStep pose_step(std::vector<int> objects, std::vector<Pose> targets, std::vector<uint8_t> matches,
                   double symmetry, double pos_eps, double weight) {
  GoalStep g;
  g.objects = std::move(objects);
  g.symmetries.assign(g.objects.size(), symmetry);
  g.targets = std::move(targets);
  g.matches = std::move(matches);
  g.pos_eps = pos_eps;
  g.max_reward = weight;
  g.target_objects.assign(g.targets.size(), -1);
  g.target_names.assign(g.targets.size(), "center");
  return g;
}

TEST(TabletopGoals, IsMatchUsesXyDistanceOnlyAndIgnoresZ) {
  EXPECT_TRUE(is_match(at(0.5, 0.0, 0, 0.02), at(0.5, 0.0, 0, 0.30), kNoSymmetry, 0.01));
  EXPECT_TRUE(is_match(at(0.5, 0.0), at(0.5 + 0.0099, 0.0), kNoSymmetry, 0.01));
  EXPECT_FALSE(is_match(at(0.5, 0.0), at(0.5 + 0.0101, 0.0), kNoSymmetry, 0.01));
  EXPECT_TRUE(is_match(at(0.5, 0.0), at(0.53, 0.03), kNoSymmetry, 0.05));   // 0.042 < 0.05
  EXPECT_FALSE(is_match(at(0.5, 0.0), at(0.54, 0.04), kNoSymmetry, 0.05));  // 0.057
}

TEST(TabletopGoals, IsMatchChecksYawModuloSymmetryWithin15Degrees) {
  EXPECT_TRUE(is_match(at(0.5, 0, 0), at(0.5, 0, 14.9), kBlockSymmetry, 0.01));
  EXPECT_FALSE(is_match(at(0.5, 0, 0), at(0.5, 0, 15.1), kBlockSymmetry, 0.01));
  EXPECT_TRUE(is_match(at(0.5, 0, 0), at(0.5, 0, 80), kBlockSymmetry, 0.01));   // 80 = -10 mod 90
  EXPECT_TRUE(is_match(at(0.5, 0, 170), at(0.5, 0, -95), kBlockSymmetry, 0.01));  // 265 = -5 mod 90
  EXPECT_FALSE(is_match(at(0.5, 0, 0), at(0.5, 0, 45), kBlockSymmetry, 0.01));
  EXPECT_TRUE(is_match(at(0.5, 0, 0), at(0.5, 0, 45), kNoSymmetry, 0.01));  // symmetry 0: yaw ignored
}

TEST(TabletopGoals, ZoneSamplePointsAre8ForSmallAnd27ForBigBlocks) {
  EXPECT_EQ(zone_sample_points(kSmallBlock).size(), 8u);
  EXPECT_EQ(zone_sample_points(kBigBlock).size(), 27u);
  // arange(-0.02, 0.02, 0.02) = {-0.02, 0}: the grid is not centred, as the reference's.
  double min = 1, max = -1;
  for (const auto& p : zone_sample_points(kSmallBlock)) min = std::min(min, p[0]), max = std::max(max, p[0]);
  EXPECT_DOUBLE_EQ(min, -0.02);
  EXPECT_NEAR(max, 0.0, 1e-12);
}

TEST(TabletopGoals, ZonePointCountsFollowObjectAndZoneFrames) {
  const ZoneRegion zone{at(0.5, 0.0, 0, 0.0), 0.1, 0.1};
  SceneObject small{ObjectKind::kBlock, 0, kSmallBlock, at(0.5, 0.0)};
  EXPECT_EQ(points_inside_zone(small, zone), 8);
  // Centre 0.05 in x: offsets {-0.02, 0} put x at 0.03 (inside) and 0.05 (on the open edge: outside).
  small.pose = at(0.55, 0.0);
  EXPECT_EQ(points_inside_zone(small, zone), 4);
  // Rotating the block by 180 degrees mirrors its offsets to {0, +0.02}: x at 0.05 and 0.07, none inside.
  small.pose = at(0.55, 0.0, 180);
  EXPECT_EQ(points_inside_zone(small, zone), 0);
  // A zone rotated by 90 degrees swaps its extents.
  const ZoneRegion long_zone{at(0.5, 0.0, 90, 0.0), 0.3, 0.05};  // 0.05 along world x, 0.3 along world y
  small.pose = at(0.5, 0.12);
  EXPECT_EQ(points_inside_zone(small, long_zone), 8);
  small.pose = at(0.54, 0.0);  // world x offsets {0.02, 0.04} -> only the first is within 0.025
  EXPECT_EQ(points_inside_zone(small, long_zone), 4);
  small.pose = at(0.56, 0.0);
  EXPECT_EQ(points_inside_zone(small, long_zone), 0);
  // Above the workspace ceiling (0.3 m) nothing counts.
  small.pose = at(0.5, 0.0, 0, 0.4);
  EXPECT_EQ(points_inside_zone(small, zone), 0);
  SceneObject big{ObjectKind::kBlock, 0, kBigBlock, at(0.5, 0.0, 0, 0.03)};
  EXPECT_TRUE(fully_inside_zone(big, zone));
  big.pose = at(0.56, 0.0, 0, 0.03);  // x offsets {-0.03, -0.01, 0.01}: 0.03, 0.05, 0.07 -> 1 of 3 columns
  EXPECT_EQ(points_inside_zone(big, zone), 9);
}

TEST(TabletopGoals, PoseMetricGivesEachObjectAnEqualShareForAnyAllowedTarget) {
  Scene scene;
  scene.add(ObjectKind::kBlock, 0, kSmallBlock, at(0.30, -0.3));
  scene.add(ObjectKind::kBlock, 1, kSmallBlock, at(0.40, -0.3));
  scene.add(ObjectKind::kBlock, 2, kSmallBlock, at(0.50, -0.3));
  const std::vector<Pose> targets = {at(0.6, 0.1), at(0.6, 0.2), at(0.6, 0.3)};
  GoalStep eye = pose_step({0, 1, 2}, targets, identity_matches(3), kNoSymmetry, 0.01, 1.0);
  EXPECT_DOUBLE_EQ(goal_step_reward(eye, scene), 0.0);
  scene.objects[0].pose = at(0.6, 0.1);
  EXPECT_NEAR(goal_step_reward(eye, scene), 1.0 / 3, 1e-12);
  scene.objects[1].pose = at(0.6, 0.3);  // target 2 is not block 1's
  EXPECT_NEAR(goal_step_reward(eye, scene), 1.0 / 3, 1e-12);
  GoalStep any = pose_step({0, 1, 2}, targets, all_matches(3, 3), kNoSymmetry, 0.01, 1.0);
  EXPECT_NEAR(goal_step_reward(any, scene), 2.0 / 3, 1e-12);
  GoalStep mismatch = pose_step({0, 1, 2}, targets, all_but_identity_matches(3), kNoSymmetry, 0.01, 0.5);
  EXPECT_NEAR(goal_step_reward(mismatch, scene), 0.5 / 3, 1e-12);  // only block 1 (on target 2)
}

TEST(TabletopGoals, TrackerReturnsDeltasBanksPoppedStepsAndEndsAtOne) {
  Scene scene;
  scene.add(ObjectKind::kBlock, 0, kSmallBlock, at(0.30, -0.3));
  scene.add(ObjectKind::kBlock, 1, kSmallBlock, at(0.40, -0.3));
  scene.add(ObjectKind::kBlock, 2, kSmallBlock, at(0.50, -0.3));
  std::vector<GoalStep> goals = {
      pose_step({0, 1}, {at(0.6, 0.1), at(0.6, 0.2)}, identity_matches(2), kNoSymmetry, 0.01, 0.5),
      pose_step({2}, {at(0.6, 0.3)}, identity_matches(1), kNoSymmetry, 0.01, 0.5)};
  RewardTracker tracker(goals);
  EXPECT_DOUBLE_EQ(tracker.step(scene), 0.0);
  scene.objects[2].pose = at(0.6, 0.3);  // the second step's object: not scored yet
  EXPECT_DOUBLE_EQ(tracker.step(scene), 0.0);
  scene.objects[0].pose = at(0.6, 0.1);
  EXPECT_NEAR(tracker.step(scene), 0.25, 1e-12);
  scene.objects[0].pose = at(0.3, -0.3);  // undone: the reward goes back down
  EXPECT_NEAR(tracker.step(scene), -0.25, 1e-12);
  scene.objects[0].pose = at(0.6, 0.1);
  scene.objects[1].pose = at(0.6, 0.2);
  EXPECT_NEAR(tracker.step(scene), 0.5, 1e-12);  // pops the first step
  EXPECT_EQ(tracker.remaining_goals().size(), 1u);
  EXPECT_NEAR(tracker.progress(), 0.5, 1e-12);
  EXPECT_FALSE(tracker.done());
  EXPECT_NEAR(tracker.step(scene), 0.5, 1e-12);  // the second step was already satisfied
  EXPECT_TRUE(tracker.done());
  EXPECT_NEAR(tracker.total(), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(tracker.step(scene), 0.0);
}

TEST(TabletopGoals, ZoneMetricScoresThePointFractionAndDividesByZoneCount) {
  Scene scene;
  scene.add(ObjectKind::kBlock, 0, kSmallBlock, at(0.5, 0.0));
  scene.add(ObjectKind::kBlock, 0, kBigBlock, at(0.3, -0.4, 0, 0.03));
  GoalStep g;
  g.objects = {0, 1};
  g.symmetries = {0, 0};
  g.targets = {at(0.5, 0.0, 0, 0.0)};
  g.matches = all_matches(2, 1);
  g.replace = true;
  g.rotations = false;
  g.metric = GoalMetric::kZone;
  g.zones = {{at(0.5, 0.0, 0, 0.0), 0.15, 0.15}};
  g.max_reward = 1.0;
  g.target_objects = {-1};
  g.target_names = {"center"};
  EXPECT_NEAR(goal_step_reward(g, scene), 8.0 / 35, 1e-12);
  scene.objects[1].pose = at(0.5, 0.0, 0, 0.06);
  EXPECT_NEAR(goal_step_reward(g, scene), 1.0, 1e-12);
  // The reference counts every (zone, object) pair: two zones halve full credit.
  g.zones.push_back({at(0.3, 0.3, 0, 0.0), 0.15, 0.15});
  EXPECT_NEAR(goal_step_reward(g, scene), 0.5, 1e-12);
}

TEST(TabletopGoals, StepPopsWithinOneHundredthOfTheWeight) {
  Scene scene;
  for (int i = 0; i < 101; ++i) scene.add(ObjectKind::kBlock, 0, kSmallBlock, at(0.3, -0.45 + 0.009 * i));
  std::vector<int> objects;
  std::vector<Pose> targets;
  for (int i = 0; i < 101; ++i) objects.push_back(i), targets.push_back(scene.objects[static_cast<size_t>(i)].pose);
  targets[0] = at(0.7, 0.4);  // one object of 101 misses: reward 100/101 > 0.99
  RewardTracker tracker({pose_step(objects, targets, identity_matches(101), kNoSymmetry, 0.001, 1.0)});
  EXPECT_NEAR(tracker.step(scene), 100.0 / 101, 1e-12);
  EXPECT_TRUE(tracker.remaining_goals().empty());
  EXPECT_TRUE(tracker.done());
}

TEST(TabletopGoals, MalformedGoalStepIsRejected) {
  GoalStep g = pose_step({0, 1}, {at(0.5, 0)}, identity_matches(2), kNoSymmetry, 0.01, 1.0);
  EXPECT_THROW(RewardTracker{std::vector<GoalStep>{g}}, std::invalid_argument);
  Scene empty;
  GoalStep ok = pose_step({3}, {at(0.5, 0)}, identity_matches(1), kNoSymmetry, 0.01, 1.0);
  EXPECT_THROW(goal_step_reward(ok, empty), std::invalid_argument);
}

TEST(TabletopGoals, PixelCentresRoundTripOnFullAndDownsampledGrids) {
  for (const PixelGrid& grid : {PixelGrid::full(), PixelGrid::downsampled(2), PixelGrid::downsampled(4)}) {
    for (int row = 0; row < grid.rows; ++row)
      for (int col = 0; col < grid.cols; ++col) {
        const auto [x, y] = grid.to_xy(row, col);
        ASSERT_TRUE(in_workspace(x, y));
        const auto [r, c] = grid.to_pixel(x, y);
        ASSERT_EQ(r, row);
        ASSERT_EQ(c, col);
      }
    // A point maps to the pixel whose centre is within half a pixel of it.
    const auto [r, c] = grid.to_pixel(0.4321, -0.1234);
    const auto [x, y] = grid.to_xy(r, c);
    EXPECT_LE(std::fabs(x - 0.4321), grid.pixel / 2 + 1e-12);
    EXPECT_LE(std::fabs(y + 0.1234), grid.pixel / 2 + 1e-12);
  }
  EXPECT_EQ(PixelGrid::full().to_pixel(0.5, 0.0), std::make_pair(160, 80));
}

}  // namespace
}  // namespace ember::tabletop
