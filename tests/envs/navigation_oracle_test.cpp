// Tests of the objectnav shortest-path oracle (envs/navigation/objectnav_oracle.h)
// through the env's expert-action hook: it succeeds on test-split houses of
// every tier with near-optimal paths, it replans when the pose is not the
// planned one, it is deterministic, rendering does not change its actions,
// and its plan is the shortest on its motion lattice. Population figures
// (Success, SPL, the lattice's SPL bound) come from
// ember_navigation_bench --mode oracle (benchmarks/results/navigation.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <set>
#include <utility>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "envs/navigation/objectnav_env.h"
#include "envs/navigation/objectnav_oracle.h"
#include "navigation_harness.h"

namespace ember {
namespace {

TEST(NavigationOracle, SucceedsOnTestHousesOfEveryTier) {
  for (int tier = 0; tier < kNumTiers; ++tier) {
    NavHarness h(nav_test_split_config(tier));
    h.env.seed(100 + tier);
    const int episodes = 6;
    double success = 0, spl = 0;
    for (int e = 0; e < episodes; ++e) {
      const std::vector<double> r = h.oracle_episode();
      EXPECT_EQ(r[0], 1.0) << "tier " << tier << ": " << h.env.describe();
      EXPECT_LT(r[2], 300) << h.env.describe();
      success += r[0];
      spl += r[1];
    }
    std::printf("tier %d: success %.2f spl %.3f (%d episodes)\n", tier, success / episodes, spl / episodes,
                episodes);
    EXPECT_GE(spl / episodes, 0.8) << "tier " << tier;
  }
}

TEST(NavigationOracle, DeterministicForEqualSeeds) {
  std::vector<int32_t> a, b;
  NavHarness h1(nav_test_split_config(1)), h2(nav_test_split_config(1));
  h1.env.seed(7);
  h2.env.seed(7);
  for (int e = 0; e < 2; ++e) {
    h1.oracle_episode(&a);
    h2.oracle_episode(&b);
  }
  EXPECT_EQ(a, b);
}

// When the pose is not the planned one (here: other actions are taken
// instead of the expert's, as when MuJoCo blocks a move early), the oracle
// replans from where the agent is and still succeeds.
TEST(NavigationOracle, ReplansAfterForeignActions) {
  NavHarness h(nav_test_split_config(1));
  h.env.seed(33);
  for (int e = 0; e < 4; ++e) {
    h.env.reset(h.slot());
    int steps = 0;
    while (!h.terminated && steps < 300) {
      int32_t a = h.env.expert_action();
      if (steps == 2 || steps == 3) a = steps == 2 ? kNavRotateLeft : kNavMoveAhead;  // detour
      if (steps == 4) a = kNavLookUp;
      h.env.step(ActionView{&a, nullptr}, h.slot());
      ++steps;
    }
    std::vector<double> m(4);
    h.env.episode_metrics(m.data());
    EXPECT_EQ(m[0], 1.0) << h.env.describe();
  }
  EXPECT_GE(h.env.oracle()->replans(), 4);
}

// Planning never looks at frames: with rendering on, the actions are the same.
TEST(NavigationOracle, SameActionsWithRendering) {
  const ObjectNavConfig rendered = nav_test_split_config(2, /*render=*/true);
  std::vector<int32_t> a, b;
  NavHarness h1(nav_test_split_config(2)), h2(rendered);
  h1.env.seed(21);
  h2.env.seed(21);
  for (int e = 0; e < 2; ++e) {
    h1.oracle_episode(&a);
    h2.oracle_episode(&b);
  }
  EXPECT_EQ(a, b);
  EXPECT_GT(a.size(), 4u);
}


// In an open room the oracle's first plan is as short as the shortest
// sequence of 0.25 m moves in the 12 headings found by breadth-first search
// over the motion lattice (every move is a full move there): the plan is
// lattice-optimal, here for a target 15 degrees off the nearest heading.
TEST(NavigationOracle, PlanIsShortestOnTheMotionLattice) {
  constexpr double kDeg = 3.14159265358979323846 / 180;
  const double sx = 0.6, sy = 0.6, bearing = 15 * kDeg, distance = 3.4;
  const House room = box_room({make_object(9, sx + distance * std::cos(bearing), sy + distance * std::sin(bearing))});
  NavHarness h;
  h.env.reset_in_house(room, 9, {sx, sy, 0.0, 30 * kDeg}, h.slot());
  h.env.expert_action();
  ASSERT_TRUE(h.env.oracle()->last_plan_found());
  // Breadth-first over positions (rounded to 0.1 mm), layer = number of moves;
  // a position is a goal when End would succeed there at some yaw and pitch.
  auto success_from = [&](double x, double y) {
    if (distance_to_footprint(room.objects[0], x, y) > 1.0) return false;
    for (int k = 0; k < 12; ++k)
      for (int p = -1; p <= 2; ++p) {
        h.env.sim().set_pose({x, y, k * 30 * kDeg, p * 30 * kDeg});
        if (h.env.success_now()) return true;
      }
    return false;
  };
  std::vector<std::pair<double, double>> layer = {{sx, sy}};
  std::set<std::pair<long, long>> seen = {{std::lround(sx * 1e4), std::lround(sy * 1e4)}};
  int moves = 0;
  bool found = false;
  while (!found && moves < 16) {
    std::vector<std::pair<double, double>> next;
    for (const auto& [x, y] : layer)
      for (int k = 0; k < 12; ++k) {
        const double nx = x + 0.25 * std::cos(k * 30 * kDeg), ny = y + 0.25 * std::sin(k * 30 * kDeg);
        if (!seen.insert({std::lround(nx * 1e4), std::lround(ny * 1e4)}).second) continue;
        next.push_back({nx, ny});
      }
    ++moves;
    for (const auto& [x, y] : next) found = found || success_from(x, y);
    layer = std::move(next);
  }
  ASSERT_TRUE(found);
  EXPECT_NEAR(h.env.oracle()->last_plan_length(), 0.25 * moves, 1e-9);
}

// The 8-connected grid distance is never below the env's any-angle d_opt
// (the SPL reference), over resets in every tier.
TEST(NavigationOracle, GridDistanceNeverBelowAnyAngleOptimalDistance) {
  for (int tier = 0; tier < kNumTiers; ++tier) {
    NavHarness h(nav_test_split_config(tier));
    h.env.seed(40 + tier);
    double ratio = 0;
    for (int e = 0; e < 20; ++e) {
      h.reset();
      const double d_any = h.env.optimal_distance(), d_grid = h.env.grid_geodesic_to_goal();
      ASSERT_GT(d_any, 0.0);
      EXPECT_GE(d_grid, d_any - 1e-9) << h.env.describe();
      ratio += d_grid / d_any;
    }
    EXPECT_GT(ratio / 20, 1.0) << "tier " << tier;  // the grid overestimates on average
  }
}

}  // namespace
}  // namespace ember
