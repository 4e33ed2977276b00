// Tests of the tabletop scripted expert (envs/tabletop/tasks/oracle.h): its
// place-pose arithmetic, skipping of satisfied pairs, farthest-first order,
// visible-pixel picks, step instructions, determinism, and its success on
// every task with a kinematic executor (tests/envs/tabletop_kinematic.h).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "envs/tabletop/tasks/goals.h"
#include "envs/tabletop/tasks/oracle.h"
#include "envs/tabletop/tasks/task.h"
#include "tabletop_kinematic.h"

namespace ember::tabletop {
namespace {

constexpr double kDeg = 3.14159265358979323846 / 180.0;

GoalStep stack_goal(const Scene& scene, std::vector<int> objects, int base, double symmetry, bool rotations) {
  GoalStep g;
  g.objects = std::move(objects);
  g.symmetries.assign(g.objects.size(), symmetry);
  for (size_t i = 0; i < g.objects.size(); ++i) {
    Pose t = scene.objects[static_cast<size_t>(base)].pose;
    t.z = 0.06 + 0.04 * static_cast<double>(i);
    g.targets.push_back(t);
    g.target_objects.push_back(base);
    g.target_names.push_back(scene.objects[static_cast<size_t>(base)].name(false));
  }
  g.matches = identity_matches(static_cast<int>(g.objects.size()));
  g.rotations = rotations;
  g.pos_eps = 0.01;
  return g;
}

TEST(TabletopOracle, PlacePoseLandsTheObjectCentreAndYawOnTheTarget) {
  Scene scene;
  const int block = scene.add(ObjectKind::kBlock, color_index("red"), kSmallBlock, Pose::on_table(0.4, -0.2, 30 * kDeg, 0.02));
  const int base = scene.add(ObjectKind::kBlock, color_index("blue"), kSmallBlock, Pose::on_table(0.6, 0.2, -70 * kDeg, 0.02));
  const std::vector<GoalStep> goals = {stack_goal(scene, {block}, base, kBlockSymmetry, true)};
  TopDownMaps maps;
  testing::rasterize_objects(scene, maps);
  Rng rng(1);
  for (int trial = 0; trial < 20; ++trial) {
    const auto step = oracle_step(goals, scene, maps, false, rng);
    ASSERT_TRUE(step);
    EXPECT_EQ(step->pick_object, block);
    EXPECT_EQ(step->action.pick_yaw, 0.0);
    // 30° to -70° is a -100° turn; a cube matches after -10° already
    EXPECT_NEAR(step->action.place_yaw, -10 * kDeg, 1e-9);
    Scene moved = scene;
    ASSERT_EQ(testing::execute_kinematic(moved, step->action, maps), block);
    const Pose& p = moved.objects[static_cast<size_t>(block)].pose;
    EXPECT_NEAR(p.x, 0.6, 1e-9);
    EXPECT_NEAR(p.y, 0.2, 1e-9);
    EXPECT_NEAR(p.z, 0.06, 1e-9);  // rests on the base block
    EXPECT_TRUE(is_match(p, goals[0].targets[0], kBlockSymmetry, 1e-6));
  }
}

TEST(TabletopOracle, DoesNotTurnABlockToABowlsInvisibleYaw) {
  Scene scene;
  const int block = scene.add(ObjectKind::kBlock, color_index("red"), kSmallBlock, Pose::on_table(0.4, -0.2, 30 * kDeg, 0.02));
  const int bowl = scene.add(ObjectKind::kBowl, color_index("blue"), kBowlSize, Pose::on_table(0.6, 0.2, -70 * kDeg));
  const int base = scene.add(ObjectKind::kBlock, color_index("green"), kSmallBlock, Pose::on_table(0.6, -0.3, -70 * kDeg, 0.02));
  GoalStep into_bowl = stack_goal(scene, {block}, bowl, kNoSymmetry, true);
  const GoalStep on_block = stack_goal(scene, {block}, base, kNoSymmetry, true);
  EXPECT_FALSE(oracle_turns_to_target(into_bowl, 0, scene));
  EXPECT_TRUE(oracle_turns_to_target(on_block, 0, scene));
  Rng rng(1);
  const auto step = oracle_step({into_bowl}, scene, TopDownMaps{}, false, rng);
  ASSERT_TRUE(step);
  EXPECT_EQ(step->action.place_yaw, 0.0);
  EXPECT_NEAR(step->action.place_x, 0.6, 1e-12);
  // A bare place (an area, no object) keeps the goal's rule.
  into_bowl.target_objects = {-1};
  EXPECT_TRUE(oracle_turns_to_target(into_bowl, 0, scene));
}

TEST(TabletopOracle, WithoutRotationsThePlaceYawIsZero) {
  Scene scene;
  const int block = scene.add(ObjectKind::kBlock, 0, kSmallBlock, Pose::on_table(0.4, -0.2, 30 * kDeg, 0.02));
  const int base = scene.add(ObjectKind::kBlock, 1, kSmallBlock, Pose::on_table(0.6, 0.2, 0.0, 0.02));
  const std::vector<GoalStep> goals = {stack_goal(scene, {block}, base, kNoSymmetry, false)};
  Rng rng(1);
  const auto step = oracle_step(goals, scene, TopDownMaps{}, false, rng);
  ASSERT_TRUE(step);
  EXPECT_EQ(step->action.place_yaw, 0.0);
  // No map: the pick is the object centre, so the centre still lands on the target.
  EXPECT_DOUBLE_EQ(step->action.pick_x, 0.4);
  EXPECT_NEAR(step->action.place_x, 0.6, 1e-12);
  EXPECT_NEAR(step->action.place_y, 0.2, 1e-12);
}

TEST(TabletopOracle, PicksAVisiblePixelOfTheObject) {
  Scene scene;
  const int block = scene.add(ObjectKind::kBlock, 0, kBigBlock, Pose::on_table(0.5, 0.0, 20 * kDeg, 0.03));
  const int base = scene.add(ObjectKind::kBlock, 1, kSmallBlock, Pose::on_table(0.3, 0.3, 0.0, 0.02));
  // A smaller block on top hides the big block's centre.
  scene.add(ObjectKind::kBlock, 2, kSmallBlock, Pose::on_table(0.5, 0.0, 0.0, 0.08));
  const std::vector<GoalStep> goals = {stack_goal(scene, {block}, base, kNoSymmetry, true)};
  TopDownMaps maps;
  testing::rasterize_objects(scene, maps);
  Rng rng(3);
  for (int trial = 0; trial < 50; ++trial) {
    const auto step = oracle_step(goals, scene, maps, false, rng);
    ASSERT_TRUE(step);
    const auto [row, col] = maps.grid.to_pixel(step->action.pick_x, step->action.pick_y);
    EXPECT_EQ(maps.object[static_cast<size_t>(maps.index(row, col))], block);
  }
}

TEST(TabletopOracle, SkipsSatisfiedPairsAndMovesTheFarthestObjectFirst) {
  Scene scene;
  const int bowl_a = scene.add(ObjectKind::kBowl, 0, kBowlSize, Pose::on_table(0.4, 0.0, 0));
  const int bowl_b = scene.add(ObjectKind::kBowl, 1, kBowlSize, Pose::on_table(0.6, 0.0, 0));
  const int near = scene.add(ObjectKind::kBlock, 2, kSmallBlock, Pose::on_table(0.6, 0.2, 0, 0.02));
  const int far = scene.add(ObjectKind::kBlock, 3, kSmallBlock, Pose::on_table(0.6, -0.4, 0, 0.02));
  const int done = scene.add(ObjectKind::kBlock, 4, kSmallBlock, Pose::on_table(0.4, 0.0, 0, 0.02));
  GoalStep g;
  g.objects = {near, far, done};
  g.symmetries = {0, 0, 0};
  g.targets = {scene.objects[static_cast<size_t>(bowl_a)].pose, scene.objects[static_cast<size_t>(bowl_b)].pose};
  g.matches = all_matches(3, 2);
  g.pos_eps = 0.05;
  g.target_objects = {bowl_a, bowl_b};
  g.target_names = {"blue bowl", "red bowl"};
  Rng rng(0);
  auto step = oracle_step({g}, scene, TopDownMaps{}, false, rng);
  ASSERT_TRUE(step);
  // bowl_a is taken by `done`, so both remaining blocks aim at bowl_b; `far` is farther.
  EXPECT_EQ(step->pick_object, far);
  EXPECT_EQ(step->target_index, 1);
  EXPECT_EQ(step->instruction, "pick up the orange block and place it on the red bowl.");
  scene.objects[static_cast<size_t>(far)].pose = Pose::on_table(0.6, 0.0, 0, 0.02);
  step = oracle_step({g}, scene, TopDownMaps{}, false, rng);
  EXPECT_FALSE(step);  // `near` has no free bowl left
  EXPECT_FALSE(oracle_step({}, scene, TopDownMaps{}, false, rng));
}

TEST(TabletopOracle, StackingInstructionsNameTheBlockOnTop) {
  Scene scene;
  const int base = scene.add(ObjectKind::kBlock, color_index("red"), kBigBlock, Pose::on_table(0.5, 0.0, 0, 0.03));
  const int first = scene.add(ObjectKind::kBlock, color_index("blue"), kSmallBlock, Pose::on_table(0.5, 0.0, 0, 0.08));
  const int second = scene.add(ObjectKind::kBlock, color_index("green"), kSmallBlock, Pose::on_table(0.3, 0.3, 0, 0.02));
  GoalStep g = stack_goal(scene, {first, second}, base, kNoSymmetry, true);
  g.target_names = {"bigger red block", "bigger red block"};
  TopDownMaps maps;
  testing::rasterize_objects(scene, maps);
  Rng rng(0);
  const auto step = oracle_step({g}, scene, maps, true, rng);
  ASSERT_TRUE(step);
  EXPECT_EQ(step->pick_object, second);
  EXPECT_EQ(step->instruction, "pick up the smaller green block and place it on the smaller blue block.");
}

TEST(TabletopOracle, SameSeedsGiveTheSameActions) {
  const auto task = make_task("put-block-in-matching-bowl");
  const testing::OracleRun a = testing::run_oracle_episode(*task, 7, ColorSplit::kTrain);
  const testing::OracleRun b = testing::run_oracle_episode(*task, 7, ColorSplit::kTrain);
  ASSERT_EQ(a.actions.size(), b.actions.size());
  for (size_t i = 0; i < a.actions.size(); ++i) {
    EXPECT_EQ(a.actions[i].pick_x, b.actions[i].pick_x);
    EXPECT_EQ(a.actions[i].place_y, b.actions[i].place_y);
    EXPECT_EQ(a.instructions[i], b.instructions[i]);
  }
  EXPECT_EQ(a.total, b.total);
}

// The oracle solves each task on the kinematic executor (no physics): the
// fraction of 50 seeds with total reward >= 0.99 is at least the floor below.
// Floors sit under the measured rates, which docs/envs/tabletop_tasks.md
// records; the reference's own oracle also fails on some scenes.
TEST(TabletopOracle, CompletesEveryTaskOnAKinematicExecutor) {
  const std::map<std::string, double> floor = {
      {"put-block-in-mismatching-bowl", 0.8},      // greedy matching can leave a block only its own bowl
      {"put-even-block-in-same-color-zone", 0.8},  // quirk: n = 8 with 3 colors is scored in zone 0
  };
  for (const std::string& name : task_names()) {
    const auto task = make_task(name);
    int solved = 0;
    double mean = 0;
    const int episodes = 50;
    for (int seed = 0; seed < episodes; ++seed) {
      const testing::OracleRun run = testing::run_oracle_episode(*task, 1000 + static_cast<uint64_t>(seed),
                                                                 ColorSplit::kTrain);
      solved += run.total >= 0.99 ? 1 : 0;
      mean += run.total / episodes;
    }
    std::printf("oracle %-62s success %.2f  mean reward %.3f\n", name.c_str(), solved / double(episodes), mean);
    const double required = floor.count(name) ? floor.at(name) : 0.95;
    EXPECT_GE(solved / double(episodes), required) << name;
  }
}

}  // namespace
}  // namespace ember::tabletop
