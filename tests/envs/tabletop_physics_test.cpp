// The pick-and-place primitive in Bullet: stacking, bowls, missed grasps,
// yaw handling, determinism; and the top-down renderer on known scenes.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "envs/tabletop/bowl_shape.h"
#include "envs/tabletop/physics_world.h"
#include "envs/tabletop/top_down_renderer.h"

namespace ember::tabletop {
namespace {

Pose resting(double x, double y, double yaw, double size) { return Pose::on_table(x, y, yaw, size / 2); }

double yaw_difference(double a, double b) { return std::remainder(a - b, M_PI / 2); }  // cubes: mod 90 degrees

struct World {
  Scene scene;
  PhysicsWorld physics{PhysicsConfig{}};
  void build() {
    physics.build(scene);
    physics.read_poses(scene);
  }
  PrimitiveResult act(const PickPlace& a) {
    PrimitiveResult r = physics.pick_and_place(a);
    physics.read_poses(scene);
    return r;
  }
  const Pose& pose(int id) const { return scene.objects[static_cast<size_t>(id)].pose; }
};

TEST(TabletopPhysics, SmallBlockStacksOnBigBlock) {
  World w;
  const int big = w.scene.add(ObjectKind::kBlock, 1, kBigBlock, resting(0.5, 0.2, 0.3, kBigBlock));
  const int small = w.scene.add(ObjectKind::kBlock, 1, kSmallBlock, resting(0.4, -0.2, 0.0, kSmallBlock));
  w.build();
  const PrimitiveResult r = w.act({0.4, -0.2, 0.0, 0.5, 0.2, 0.3});
  EXPECT_TRUE(r.grasped);
  EXPECT_EQ(r.picked, small);
  EXPECT_TRUE(r.settled);
  EXPECT_NEAR(w.pose(small).x, 0.5, 0.005);
  EXPECT_NEAR(w.pose(small).y, 0.2, 0.005);
  EXPECT_NEAR(w.pose(small).z, kBigBlock + kSmallBlock / 2, 0.003);
  EXPECT_NEAR(yaw_difference(w.pose(small).yaw(), 0.3), 0.0, 0.02);
  EXPECT_NEAR(w.pose(big).z, kBigBlock / 2, 0.002);  // the base did not move
  EXPECT_EQ(w.physics.object_below(0.5, 0.2), small);
}

TEST(TabletopPhysics, BlockComesToRestInsideABowl) {
  World w;
  const int bowl_id = w.scene.add(ObjectKind::kBowl, 2, kBowlSize, Pose::on_table(0.6, 0.0, 0.0));
  const int block = w.scene.add(ObjectKind::kBlock, 2, kSmallBlock, resting(0.35, 0.3, 0.7, kSmallBlock));
  w.build();
  const PrimitiveResult r = w.act({0.35, 0.3, 0.0, 0.6, 0.0, 0.0});
  EXPECT_TRUE(r.grasped);
  EXPECT_NEAR(w.pose(block).x, 0.6, 0.01);
  EXPECT_NEAR(w.pose(block).y, 0.0, 0.01);
  EXPECT_NEAR(w.pose(block).z, bowl::kFloorThickness + kSmallBlock / 2, 0.003);  // on the floor, not on the rim
  EXPECT_EQ(w.physics.object_below(0.6, 0.0), block);
  EXPECT_EQ(w.physics.object_below(0.6 + 0.055, 0.0), bowl_id);  // the rim
}

TEST(TabletopPhysics, MissedGraspLeavesTheWorldUntouched) {
  World w;
  w.scene.add(ObjectKind::kBlock, 0, kSmallBlock, resting(0.4, 0.0, 0.2, kSmallBlock));
  w.scene.add(ObjectKind::kBowl, 3, kBowlSize, Pose::on_table(0.6, 0.25, 0.0));
  w.build();
  const Scene before = w.scene;
  for (const PickPlace& a : {PickPlace{0.7, -0.3, 0, 0.4, 0.0, 0},     // bare table
                             PickPlace{0.6, 0.25, 0, 0.4, 0.0, 0}}) {  // a bowl is not picked
    const PrimitiveResult r = w.act(a);
    EXPECT_FALSE(r.grasped);
    EXPECT_EQ(r.picked, -1);
    EXPECT_EQ(r.physics_steps, 0);
  }
  for (int i = 0; i < w.scene.size(); ++i) {
    EXPECT_EQ(w.pose(i).x, before.objects[static_cast<size_t>(i)].pose.x);
    EXPECT_EQ(w.pose(i).z, before.objects[static_cast<size_t>(i)].pose.z);
  }
}

TEST(TabletopPhysics, OffCentreGraspKeepsTheOffsetAndTurnsAboutTheTip) {
  World w;
  const int block = w.scene.add(ObjectKind::kBlock, 0, kBigBlock, resting(0.4, 0.0, 0.0, kBigBlock));
  w.build();
  // Grasped 2 cm off centre (the centre is 2 cm along -x of the tip); turned
  // by 90 degrees about the tip, the centre ends 2 cm along -y of the tip.
  w.act({0.42, 0.0, 0.0, 0.6, 0.1, M_PI / 2});
  EXPECT_NEAR(w.pose(block).x, 0.6, 0.004);
  EXPECT_NEAR(w.pose(block).y, 0.08, 0.004);
  EXPECT_NEAR(w.pose(block).z, kBigBlock / 2, 0.002);
}

TEST(TabletopPhysics, SameActionsGiveBitIdenticalPoses) {
  auto run = [] {
    World w;
    w.scene.add(ObjectKind::kBlock, 0, kBigBlock, resting(0.5, 0.0, 0.4, kBigBlock));
    w.scene.add(ObjectKind::kBlock, 1, kSmallBlock, resting(0.3, 0.3, 1.0, kSmallBlock));
    w.scene.add(ObjectKind::kBlock, 2, kSmallBlock, resting(0.7, -0.3, 2.0, kSmallBlock));
    w.build();
    w.act({0.3, 0.3, 0.0, 0.51, 0.01, 0.2});  // slightly off the base's centre
    w.act({0.7, -0.3, 0.0, 0.5, 0.0, 0.0});
    return w.scene;
  };
  const Scene a = run(), b = run();
  for (int i = 0; i < a.size(); ++i) {
    const Pose &p = a.objects[static_cast<size_t>(i)].pose, &q = b.objects[static_cast<size_t>(i)].pose;
    EXPECT_EQ(p.x, q.x);
    EXPECT_EQ(p.y, q.y);
    EXPECT_EQ(p.z, q.z);
    EXPECT_EQ(p.qz, q.qz);
  }
}

TEST(TabletopRenderer, BlockBowlAndZoneAppearWithTheirColorHeightAndId) {
  Scene scene;
  const int zone = scene.add(ObjectKind::kZone, color_index("yellow"), kZoneSize, Pose::on_table(0.35, -0.3, 0.0));
  const int bowl_id = scene.add(ObjectKind::kBowl, color_index("green"), kBowlSize, Pose::on_table(0.6, 0.2, 0.0));
  const int block = scene.add(ObjectKind::kBlock, color_index("red"), kSmallBlock, resting(0.5, 0.0, 0.5, kSmallBlock));
  TopDownMaps maps;
  maps.resize(PixelGrid::full());
  render_top_down(scene, maps);
  auto at = [&](double x, double y) { auto [r, c] = maps.grid.to_pixel(x, y); return maps.index(r, c); };
  const Color& red = all_colors()[static_cast<size_t>(color_index("red"))];
  const int centre = at(0.5, 0.0);
  EXPECT_EQ(maps.object[static_cast<size_t>(centre)], block);
  EXPECT_NEAR(maps.height[static_cast<size_t>(centre)], kSmallBlock, 1e-5);
  EXPECT_EQ(maps.rgb[static_cast<size_t>(centre) * 3], red.r);
  EXPECT_EQ(maps.object[static_cast<size_t>(at(0.6 + 0.055, 0.2))], bowl_id);
  EXPECT_NEAR(maps.height[static_cast<size_t>(at(0.6 + 0.055, 0.2))], bowl::kHeight, 1e-5);
  EXPECT_NEAR(maps.height[static_cast<size_t>(at(0.6, 0.2))], bowl::kFloorThickness, 1e-5);
  EXPECT_EQ(maps.object[static_cast<size_t>(at(0.35 + 0.058, -0.3))], zone);     // outline
  EXPECT_EQ(maps.object[static_cast<size_t>(at(0.35, -0.3))], -1);               // inside the outline: table
  EXPECT_EQ(maps.object[static_cast<size_t>(at(0.3, 0.4))], -1);
  EXPECT_EQ(maps.height[static_cast<size_t>(at(0.3, 0.4))], 0.0f);
  // A 0.04 m cube seen from above covers (0.04 / 0.003125)^2 = 164 pixels at any yaw.
  int covered = 0;
  for (int16_t id : maps.object) covered += id == block;
  EXPECT_NEAR(covered, 164, 12);
}

TEST(TabletopRenderer, TopmostObjectWinsAndDownsamplingScalesTheGrid) {
  Scene scene;
  scene.add(ObjectKind::kBlock, 0, kBigBlock, resting(0.5, 0.0, 0.0, kBigBlock));
  const int top = scene.add(ObjectKind::kBlock, 1, kSmallBlock, Pose::on_table(0.5, 0.0, 0.3, kBigBlock + kSmallBlock / 2));
  TopDownMaps maps;
  maps.resize(PixelGrid::downsampled(2));
  ASSERT_EQ(maps.grid.rows, 160);
  ASSERT_EQ(maps.grid.cols, 80);
  render_top_down(scene, maps);
  auto [r, c] = maps.grid.to_pixel(0.5, 0.0);
  EXPECT_EQ(maps.object[static_cast<size_t>(maps.index(r, c))], top);
  EXPECT_NEAR(maps.height[static_cast<size_t>(maps.index(r, c))], kBigBlock + kSmallBlock, 1e-5);
}

// Averaging down keeps what point samples lose: the coverage of each coarse
// pixel, so the same cube at two yaws gives two different 80 x 40 maps.
TEST(TabletopRenderer, AveragedDownMapsKeepEachPixelsCoverageAndABlocksYaw) {
  auto averaged = [](double yaw) {
    Scene scene;
    scene.add(ObjectKind::kBlock, 0, kSmallBlock, resting(0.5, 0.0, yaw, kSmallBlock));
    TopDownMaps full, coarse;
    full.resize(PixelGrid::full());
    coarse.resize(PixelGrid::downsampled(4));
    render_top_down(scene, full);
    average_down(full, coarse);
    double full_sum = 0, coarse_sum = 0;
    for (float h : full.height) full_sum += h;
    for (float h : coarse.height) coarse_sum += h;
    EXPECT_NEAR(coarse_sum * 16, full_sum, 1e-3 * full_sum);  // a box filter keeps the height's mass
    const auto [r, c] = coarse.grid.to_pixel(0.5, 0.0);
    EXPECT_NEAR(coarse.height[static_cast<size_t>(coarse.index(r, c))], kSmallBlock, 1e-5);  // fully covered
    return coarse.height;
  };
  const std::vector<float> straight = averaged(0.0), turned = averaged(20 * M_PI / 180);
  double difference = 0;
  for (size_t i = 0; i < straight.size(); ++i) difference += std::abs(straight[i] - turned[i]);
  EXPECT_GT(difference, 0.5 * kSmallBlock);  // at least half a pixel's worth of block moved
}

}  // namespace
}  // namespace ember::tabletop
