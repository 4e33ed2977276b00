// Golden tests for the LBF rules (envs/lbf/lbf_env.h): every upstream test of
// semitable/lb-foraging tests/test_env.py (reference/lbf.md §7.1) and ember's
// own rule cases (§7.2 and the §6 quirk checklist). States are injected with
// reset_to_state, as the upstream fixtures do; the expected values are derived
// by hand from the rules in reference/lbf.md, never from the env's code.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/vector_env.h"
#include "envs/lbf/lbf_env.h"
#include "lbf_harness.h"

namespace ember {
namespace {

constexpr int N = kLbfNone, NORTH = kLbfNorth, SOUTH = kLbfSouth, WEST = kLbfWest, EAST = kLbfEast,
              LOAD = kLbfLoad;

// Upstream fixture simple2p1f: 8x8, food level 2 at (4,4), players of level 2
// at (4,3) and (4,5), _food_spawned = 2.
const char* kSimple2p1f =
    "{food: [{pos: [4, 4], level: 2}], players: [{pos: [4, 3], level: 2}, "
    "{pos: [4, 5], level: 2}], food_spawned: 2}";

// Every agent's reward from the last step, in agent order.
using Rewards = std::vector<float>;

// The x of agent i's last player slot: in a two-player game the other player's
// column, -1 when it is out of sight (upstream checks obs[i][-2]).
float other_player_x(const Harness& h, int i) { return h.agent_obs(i).end()[-2]; }

// A VectorEnv of one LbfEnv, reset with seed 1 and then put in the start state `yaml`.
std::unique_ptr<VectorEnv> one_env_vector_at(const LbfConfig& c, const char* yaml) {
  std::vector<std::unique_ptr<Env>> envs;
  envs.push_back(std::make_unique<LbfEnv>(c));
  auto venv = std::make_unique<VectorEnv>(std::move(envs));
  venv->reset(1);
  venv->reset_env_to_state(0, YAML::Load(yaml));
  return venv;
}

// ---------------------------------------------------------------------------
// Upstream tests (reference/lbf.md §7.1)

// test_reward_0: both level-2 players load the level-2 food and share it.
TEST(LbfUpstream, Reward0BothLoadShareEqually) {
  Harness h(cfg(8, 2, 1));
  h.reset_to(kSimple2p1f);
  h.step({LOAD, LOAD});
  EXPECT_EQ(h.reward, Rewards({0.5f, 0.5f}));
  // ember §7.2: the field is empty, so the episode is done at step 1, and the
  // next observation's food slot is padding.
  EXPECT_EQ(h.terminated, 1);
  EXPECT_EQ(h.env.food_at(4, 4), 0);
  EXPECT_EQ(h.obs[0], -1.0f);
  EXPECT_EQ(h.obs[1], -1.0f);
  EXPECT_EQ(h.obs[2], 0.0f);
}

// test_reward_1: player 1 (level 2) alone loads the level-2 food.
TEST(LbfUpstream, Reward1SecondPlayerLoadsAlone) {
  Harness h(cfg(8, 2, 1));
  h.reset_to(kSimple2p1f);
  h.step({N, LOAD});
  EXPECT_EQ(h.reward, Rewards({0.0f, 1.0f}));
}

// test_reward_2: player 0 (level 2) alone loads the level-2 food.
TEST(LbfUpstream, Reward2FirstPlayerLoadsAlone) {
  Harness h(cfg(8, 2, 1));
  h.reset_to(kSimple2p1f);
  h.step({LOAD, N});
  EXPECT_EQ(h.reward, Rewards({1.0f, 0.0f}));
}

// test_partial_obs_1: with sight 1 the other player, 2 columns away, is invisible.
TEST(LbfUpstream, PartialObs1Sight1HidesThePlayerTwoColumnsAway) {
  Harness h(cfg(8, 2, 1, 1));
  h.reset_to(kSimple2p1f);
  EXPECT_EQ(other_player_x(h, 0), -1.0f);
  EXPECT_EQ(other_player_x(h, 1), -1.0f);
}

// test_partial_obs_2: with sight 2 both see each other, until 3 columns apart.
TEST(LbfUpstream, PartialObs2Sight2LosesSightAfterMovingApart) {
  Harness h(cfg(8, 2, 1, 2));
  h.reset_to(kSimple2p1f);
  EXPECT_GT(other_player_x(h, 0), -1.0f);
  EXPECT_GT(other_player_x(h, 1), -1.0f);
  h.step({WEST, N});
  EXPECT_EQ(h.pos(0), std::make_pair(4, 2));
  EXPECT_EQ(other_player_x(h, 0), -1.0f);
  EXPECT_EQ(other_player_x(h, 1), -1.0f);
}

// test_partial_obs_3: with full sight both see each other before and after.
TEST(LbfUpstream, PartialObs3FullSightAlwaysSees) {
  Harness h(cfg(8, 2, 1));
  h.reset_to(kSimple2p1f);
  EXPECT_GT(other_player_x(h, 0), -1.0f);
  EXPECT_GT(other_player_x(h, 1), -1.0f);
  h.step({WEST, N});
  EXPECT_GT(other_player_x(h, 0), -1.0f);
  EXPECT_GT(other_player_x(h, 1), -1.0f);
}

// Checks the spawn invariants of one reset; returns the number of foods.
int check_spawn(const Harness& h) {
  const LbfState& s = h.env.state();
  const int n = h.env.config().size;
  for (int k = 0; k < s.num_foods; ++k) {
    const LbfFood& a = s.foods[k];
    EXPECT_TRUE(a.row != 0 && a.row != n - 1 && a.col != 0 && a.col != n - 1) << "food on the border";
    for (int i = 0; i < h.env.config().players; ++i)
      EXPECT_FALSE(s.players[i].row == a.row && s.players[i].col == a.col) << "food on a player";
    for (int q = k + 1; q < s.num_foods; ++q) {
      const LbfFood& b = s.foods[q];
      const int dr = std::abs(a.row - b.row), dc = std::abs(a.col - b.col);
      EXPECT_GT(dr + dc, 2) << "foods too close";
      EXPECT_FALSE(dr == 1 && dc == 1) << "foods diagonal-adjacent";
    }
  }
  return s.num_foods;
}

// test_food_spawning_0: 6x6-2p-2f, 1000 resets: exactly 2 foods, pairwise
// Manhattan distance > 2, never on the border (ember checks {0, s-1}).
TEST(LbfUpstream, FoodSpawning0SixBySix) {
  Harness h(LbfConfig::from_upstream_id("Foraging-6x6-2p-2f-v3"));
  h.env.seed(0);
  for (int i = 0; i < 1000; ++i) {
    h.reset();
    ASSERT_EQ(check_spawn(h), 2) << "reset " << i;
  }
}

// test_food_spawning_1: 8x8-2p-3f, 1000 resets: exactly 3 foods, pairwise
// Manhattan distance > 2.
TEST(LbfUpstream, FoodSpawning1EightByEightThreeFoods) {
  Harness h(LbfConfig::from_upstream_id("Foraging-8x8-2p-3f-v3"));
  h.env.seed(1);
  for (int i = 0; i < 1000; ++i) {
    h.reset();
    ASSERT_EQ(check_spawn(h), 3) << "reset " << i;
  }
}

// test_seed / test_reproducibility: the same seed gives the same 10
// consecutive resets (observations, field, positions, levels); another seed differs.
TEST(LbfUpstream, SeedReproducibility) {
  for (const char* id : {"Foraging-8x8-2p-2f-coop-v3", "Foraging-2s-10x10-3p-3f-v3"}) {
    SCOPED_TRACE(id);
    const LbfConfig c = LbfConfig::from_upstream_id(id);
    Harness a(c), b(c), other(c);
    a.env.seed(42);
    b.env.seed(42);
    other.env.seed(43);
    bool any_difference = false;
    for (int r = 0; r < 10; ++r) {
      a.reset();
      b.reset();
      other.reset();
      ASSERT_EQ(a.obs, b.obs);
      for (int i = 0; i < c.players; ++i) {
        EXPECT_EQ(a.pos(i), b.pos(i));
        EXPECT_EQ(a.env.state().players[i].level, b.env.state().players[i].level);
      }
      for (int row = 0; row < c.size; ++row)
        for (int col = 0; col < c.size; ++col)
          ASSERT_EQ(a.env.food_at(row, col), b.env.food_at(row, col));
      any_difference = any_difference || a.obs != other.obs;
    }
    EXPECT_TRUE(any_difference);
  }
}

// test_make: the upstream ids construct and reset.
TEST(LbfUpstream, MakeVariants) {
  for (const char* id : {"Foraging-8x8-2p-1f-v3", "Foraging-5x5-2p-1f-v3", "Foraging-8x8-3p-1f-v3",
                         "Foraging-8x8-3p-1f-coop-v3", "Foraging-2s-8x8-2p-2f-coop-v3",
                         "Foraging-15x15-4p-5f-v3", "Foraging-19x19-9p-9f-coop-v3"}) {
    SCOPED_TRACE(id);
    Harness h(LbfConfig::from_upstream_id(id));
    h.env.seed(3);
    EXPECT_NO_THROW(h.reset());
    EXPECT_NO_THROW(h.step(std::vector<int32_t>(static_cast<size_t>(h.env.config().players), LOAD)));
  }
}

// ---------------------------------------------------------------------------
// Movement (§4.2 step 3)

// Swap: A (2,2) EAST and B (2,3) WEST claim two different cells: both move.
TEST(LbfMovement, SwapSucceeds) {
  Harness h(cfg(8, 2, 1));
  h.reset_to("{food: [{pos: [6, 6], level: 1}], players: [{pos: [2, 2], level: 1}, {pos: [2, 3], level: 1}]}");
  h.step({EAST, WEST});
  EXPECT_EQ(h.pos(0), std::make_pair(2, 3));
  EXPECT_EQ(h.pos(1), std::make_pair(2, 2));
}

// Collision: A (2,2) EAST and B (2,4) WEST both claim (2,3): nobody moves.
TEST(LbfMovement, CollisionBlocksBoth) {
  Harness h(cfg(8, 2, 1));
  h.reset_to("{food: [{pos: [6, 6], level: 1}], players: [{pos: [2, 2], level: 1}, {pos: [2, 4], level: 1}]}");
  h.step({EAST, WEST});
  EXPECT_EQ(h.pos(0), std::make_pair(2, 2));
  EXPECT_EQ(h.pos(1), std::make_pair(2, 4));
}

// Stacking quirk: B (2,3) EAST and C (2,5) WEST collide on (2,4); A (2,2) EAST
// is the only claimant of B's current cell and ends up on it with B.
TEST(LbfMovement, StackingViaBlockedMover) {
  Harness h(cfg(8, 3, 1));
  h.reset_to(
      "{food: [{pos: [6, 6], level: 1}], players: [{pos: [2, 2], level: 1}, {pos: [2, 3], level: 1}, "
      "{pos: [2, 5], level: 1}]}");
  h.step({EAST, EAST, WEST});
  EXPECT_EQ(h.pos(0), std::make_pair(2, 3));
  EXPECT_EQ(h.pos(1), std::make_pair(2, 3));
  EXPECT_EQ(h.pos(2), std::make_pair(2, 5));
  // Stacked players move apart again normally.
  h.step({SOUTH, NORTH, N});
  EXPECT_EQ(h.pos(0), std::make_pair(3, 3));
  EXPECT_EQ(h.pos(1), std::make_pair(1, 3));
}

// Move validity ignores other players: moving into a standing player is valid,
// but both claim that cell, so nobody moves.
TEST(LbfMovement, MoveIntoStandingPlayerIsValidButBlocked) {
  LbfConfig c = cfg(8, 2, 1);
  c.action_mask = LbfConfig::ActionMask::kValid;
  Harness h(c);
  h.reset_to("{food: [{pos: [6, 6], level: 1}], players: [{pos: [2, 2], level: 1}, {pos: [2, 3], level: 1}]}");
  EXPECT_TRUE(h.env.valid_action(0, EAST));
  EXPECT_EQ(h.mask[EAST], 1);
  h.step({EAST, N});
  EXPECT_EQ(h.pos(0), std::make_pair(2, 2));
  EXPECT_EQ(h.pos(1), std::make_pair(2, 3));
}

// A move into a food cell or off the grid is invalid and becomes NONE, which
// still claims the player's current cell (quirk 1): B moving into A's cell is blocked.
TEST(LbfMovement, InvalidMoveBecomesNoneAndClaimsCurrentCell) {
  Harness h(cfg(8, 3, 1));
  h.reset_to(
      "{food: [{pos: [4, 4], level: 1}], players: [{pos: [4, 3], level: 1}, {pos: [3, 3], level: 1}, "
      "{pos: [0, 0], level: 1}]}");
  EXPECT_FALSE(h.env.valid_action(0, EAST));
  EXPECT_FALSE(h.env.valid_action(2, NORTH));
  EXPECT_FALSE(h.env.valid_action(2, WEST));
  h.step({EAST, SOUTH, NORTH});
  EXPECT_EQ(h.pos(0), std::make_pair(4, 3));
  EXPECT_EQ(h.pos(1), std::make_pair(3, 3));
  EXPECT_EQ(h.pos(2), std::make_pair(0, 0));
  EXPECT_EQ(h.env.food_at(4, 4), 1);
  EXPECT_EQ(h.reward[0], 0.0f);
}

// A LOAD with no adjacent food is invalid: it becomes NONE (claims the current cell, no reward).
TEST(LbfMovement, LoadWithoutFoodBecomesNone) {
  Harness h(cfg(8, 2, 1));
  h.reset_to("{food: [{pos: [6, 6], level: 1}], players: [{pos: [2, 2], level: 1}, {pos: [2, 3], level: 1}]}");
  EXPECT_FALSE(h.env.valid_action(0, LOAD));
  h.step({LOAD, WEST});
  EXPECT_EQ(h.pos(0), std::make_pair(2, 2));
  EXPECT_EQ(h.pos(1), std::make_pair(2, 3));
  EXPECT_EQ(h.reward[0], 0.0f);
  EXPECT_EQ(h.env.food_at(6, 6), 1);
}

// LOAD validity uses upstream's clamped neighbourhood sum: at the edge the own
// cell is counted (it is empty), so only real neighbours matter.
TEST(LbfMovement, LoadValidityAtTheEdges) {
  Harness h(cfg(8, 2, 2));
  h.reset_to("{food: [{pos: [1, 0], level: 1}, {pos: [6, 6], level: 1}], "
             "players: [{pos: [0, 0], level: 1}, {pos: [7, 7], level: 1}]}");
  EXPECT_TRUE(h.env.valid_action(0, LOAD));   // food south
  EXPECT_FALSE(h.env.valid_action(1, LOAD));  // (6,6) is diagonal
  EXPECT_FALSE(h.env.valid_action(0, SOUTH));
  EXPECT_TRUE(h.env.valid_action(0, EAST));
  EXPECT_FALSE(h.env.valid_action(1, SOUTH));
  EXPECT_FALSE(h.env.valid_action(1, EAST));
  EXPECT_TRUE(h.env.valid_action(1, NORTH));
}

// ---------------------------------------------------------------------------
// Loading (§4.2 step 4)

// Levels 1 and 2 load the only food (level 3) together: rewards 1/3 and 2/3.
TEST(LbfLoading, MixedLevelsShareByLevel) {
  Harness h(cfg(8, 2, 1));
  h.reset_to("{food: [{pos: [4, 4], level: 3}], players: [{pos: [4, 3], level: 1}, {pos: [3, 4], level: 2}]}");
  h.step({LOAD, LOAD});
  EXPECT_EQ(h.reward, Rewards({static_cast<float>(1.0 / 3.0), static_cast<float>(2.0 / 3.0)}));
  EXPECT_EQ(h.terminated, 1);
}

// A level-1 player alone cannot load a level-2 food: reward -penalty, food stays.
TEST(LbfLoading, FailedLoadAppliesPenaltyAndKeepsFood) {
  LbfConfig c = cfg(8, 2, 1);
  c.penalty = 0.25;
  Harness h(c);
  h.reset_to("{food: [{pos: [4, 4], level: 2}], players: [{pos: [4, 3], level: 1}, {pos: [0, 0], level: 1}]}");
  h.step({LOAD, N});
  EXPECT_EQ(h.reward, Rewards({-0.25f, 0.0f}));
  EXPECT_EQ(h.env.food_at(4, 4), 2);
  EXPECT_EQ(h.terminated, 0);
}

// Every member of a failed group gets -penalty (quirk 11): 1 + 1 < 3.
TEST(LbfLoading, FailedGroupPenalisesEveryMember) {
  LbfConfig c = cfg(8, 3, 1);
  c.penalty = 0.5;
  Harness h(c);
  h.reset_to("{food: [{pos: [4, 4], level: 3}], players: [{pos: [4, 3], level: 1}, {pos: [4, 5], level: 1}, "
             "{pos: [5, 4], level: 1}]}");
  h.step({LOAD, LOAD, N});
  EXPECT_EQ(h.reward, Rewards({-0.5f, -0.5f, 0.0f}));
  EXPECT_EQ(h.env.food_at(4, 4), 3);
  // With the third loader the group reaches level 3: 1/3 each.
  h.step({LOAD, LOAD, LOAD});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(h.reward[i], static_cast<float>(1.0 / 3.0));
  EXPECT_EQ(h.terminated, 1);
}

// The normaliser is food_spawned, not the food still on the grid: with foods of
// level 2 and 3 (spawned 5), loading the level-2 food pays 2/5 in total.
TEST(LbfLoading, RewardNormalisedByFoodSpawned) {
  Harness h(cfg(8, 2, 2));
  h.reset_to("{food: [{pos: [2, 2], level: 2}, {pos: [5, 5], level: 3}], "
             "players: [{pos: [2, 1], level: 1}, {pos: [2, 3], level: 1}]}");
  h.step({LOAD, LOAD});
  EXPECT_EQ(h.reward, Rewards({static_cast<float>(1.0 * 2 / (2.0 * 5)), static_cast<float>(1.0 * 2 / (2.0 * 5))}));
  EXPECT_EQ(h.terminated, 0);
  // An explicit food_spawned (as after a partial collection) changes the normaliser.
  h.reset_to("{food: [{pos: [5, 5], level: 3}], food_spawned: 5, "
             "players: [{pos: [5, 4], level: 2}, {pos: [5, 6], level: 1}]}");
  h.step({LOAD, LOAD});
  EXPECT_EQ(h.reward, Rewards({static_cast<float>(2.0 * 3 / (3.0 * 5)), static_cast<float>(1.0 * 3 / (3.0 * 5))}));
}

// normalize_reward = false pays level * F.
TEST(LbfLoading, UnnormalisedRewardIsLevelTimesFood) {
  LbfConfig c = cfg(8, 2, 1);
  c.normalize_reward = false;
  Harness h(c);
  h.reset_to("{food: [{pos: [4, 4], level: 3}], players: [{pos: [4, 3], level: 1}, {pos: [3, 4], level: 2}]}");
  h.step({LOAD, LOAD});
  EXPECT_EQ(h.reward, Rewards({3.0f, 6.0f}));
}

// Two loaders at two different foods form two groups and load separately.
TEST(LbfLoading, SeparateFoodsLoadSeparately) {
  Harness h(cfg(8, 2, 2));
  h.reset_to("{food: [{pos: [2, 2], level: 1}, {pos: [5, 5], level: 1}], "
             "players: [{pos: [2, 1], level: 1}, {pos: [5, 4], level: 1}]}");
  h.step({LOAD, LOAD});
  EXPECT_EQ(h.reward, Rewards({0.5f, 0.5f}));  // each alone: 1*1/(1*2)
  EXPECT_EQ(h.terminated, 1);
}

// Ember's fixed loading order (ascending player index) decides overlapping
// groups: loader 0 touches foods X (2,2) level 2 and Y (2,4) level 1 and picks
// X (W before E). Popped first, 0 and 2 collect X together and 1 takes Y
// alone. (Popping 1 first would give 0 and 1 food Y and leave 2 failing on X.)
TEST(LbfLoading, AscendingPopOrderResolvesOverlappingGroups) {
  Harness h(cfg(8, 3, 2));
  h.reset_to("{food: [{pos: [2, 2], level: 2}, {pos: [2, 4], level: 1}], "
             "players: [{pos: [2, 3], level: 1}, {pos: [1, 4], level: 1}, {pos: [1, 2], level: 1}]}");
  h.step({LOAD, LOAD, LOAD});
  const float third = static_cast<float>(1.0 / 3.0);
  EXPECT_EQ(h.reward[0], third);  // 1*2 / (2*3)
  EXPECT_EQ(h.reward[1], third);  // 1*1 / (1*3)
  EXPECT_EQ(h.reward[2], third);  // 1*2 / (2*3)
  EXPECT_EQ(h.env.state().num_foods, 0);
  EXPECT_EQ(h.terminated, 1);
}

// Food lookup order is N, S, W, E for a player between two foods.
TEST(LbfLoading, LookupOrderNorthFirst) {
  Harness h(cfg(8, 2, 2));
  h.reset_to("{food: [{pos: [2, 3], level: 1}, {pos: [4, 3], level: 1}], "
             "players: [{pos: [3, 3], level: 1}, {pos: [7, 7], level: 1}]}");
  h.step({LOAD, N});
  EXPECT_EQ(h.env.food_at(2, 3), 0);
  EXPECT_EQ(h.env.food_at(4, 3), 1);
}

// Lookup quirk (§6.5): from row 1 / col 1 the N / W lookups are skipped, so a
// food in row 0 / col 0 is never chosen; the player loads the S / E food.
TEST(LbfLoading, NorthWestLookupNeedsRowOrColAboveOne) {
  Harness h(cfg(8, 2, 2));
  h.reset_to("{food: [{pos: [0, 3], level: 1}, {pos: [2, 3], level: 1}], "
             "players: [{pos: [1, 3], level: 1}, {pos: [7, 7], level: 1}]}");
  h.step({LOAD, N});
  EXPECT_EQ(h.env.food_at(0, 3), 1);
  EXPECT_EQ(h.env.food_at(2, 3), 0);
  EXPECT_EQ(h.reward[0], 0.5f);

  h.reset_to("{food: [{pos: [3, 0], level: 1}, {pos: [3, 2], level: 1}], "
             "players: [{pos: [3, 1], level: 1}, {pos: [7, 7], level: 1}]}");
  h.step({LOAD, N});
  EXPECT_EQ(h.env.food_at(3, 0), 1);
  EXPECT_EQ(h.env.food_at(3, 2), 0);

  // With only the row-0 food the LOAD is valid (clamped sum) but finds no food:
  // upstream raises there; ember makes it a no-op (documented).
  h.reset_to("{food: [{pos: [0, 3], level: 1}], players: [{pos: [1, 3], level: 1}, {pos: [7, 7], level: 1}]}");
  EXPECT_TRUE(h.env.valid_action(0, LOAD));
  h.step({LOAD, N});
  EXPECT_EQ(h.env.food_at(0, 3), 1);
  EXPECT_EQ(h.reward[0], 0.0f);
}

// Four players around one food (coop level = 3 lowest levels = 1+1+2 = 4):
// any group reaching 4 loads it; shares follow levels.
TEST(LbfLoading, FourPlayerMultiLoads) {
  Harness h(cfg(8, 4, 1));
  const char* state =
      "{food: [{pos: [3, 3], level: 4}], players: [{pos: [2, 3], level: 1}, {pos: [4, 3], level: 1}, "
      "{pos: [3, 2], level: 2}, {pos: [3, 4], level: 2}]}";
  h.reset_to(state);
  h.step({LOAD, LOAD, LOAD, N});  // L = 4 >= 4
  EXPECT_EQ(h.reward, Rewards({0.25f, 0.25f, 0.5f, 0.0f}));

  h.reset_to(state);
  h.step({LOAD, LOAD, LOAD, LOAD});  // L = 6
  EXPECT_EQ(h.reward[0], static_cast<float>(1.0 * 4 / (6.0 * 4)));
  EXPECT_EQ(h.reward[2], static_cast<float>(2.0 * 4 / (6.0 * 4)));
  float total = 0;
  for (float r : h.reward) total += r;
  EXPECT_FLOAT_EQ(total, 1.0f);

  h.reset_to(state);
  h.step({LOAD, LOAD, N, N});  // L = 2 < 4
  EXPECT_EQ(h.env.food_at(3, 3), 4);
  EXPECT_EQ(h.reward[0], 0.0f);
}

// Three level-1 players and a level-3 food: two fail, three succeed.
TEST(LbfLoading, ThreePlayerMultiLoad) {
  Harness h(cfg(10, 3, 1));
  const char* state =
      "{food: [{pos: [5, 5], level: 3}], players: [{pos: [5, 4], level: 1}, {pos: [6, 5], level: 1}, "
      "{pos: [5, 6], level: 1}]}";
  h.reset_to(state);
  h.step({N, LOAD, LOAD});
  EXPECT_EQ(h.env.food_at(5, 5), 3);
  h.step({LOAD, LOAD, LOAD});
  EXPECT_EQ(h.env.food_at(5, 5), 0);
  EXPECT_EQ(h.reward[0], static_cast<float>(1.0 / 3.0));
  EXPECT_EQ(h.terminated, 1);
}

// Two stacked players that both load count twice towards the level sum.
TEST(LbfLoading, StackedLoadersBothJoinTheGroup) {
  Harness h(cfg(8, 2, 1));
  h.reset_to("{food: [{pos: [4, 4], level: 2}], players: [{pos: [4, 3], level: 1}, {pos: [4, 3], level: 1}]}");
  h.step({LOAD, LOAD});
  EXPECT_EQ(h.reward, Rewards({0.5f, 0.5f}));
}

// ---------------------------------------------------------------------------
// Episode end (§4.4)

const char* kFoodLeft =
    "{food: [{pos: [4, 4], level: 2}], players: [{pos: [0, 0], level: 1}, {pos: [7, 7], level: 1}]}";

// Parity mode: step 50 with food left is reported as terminated by the env.
TEST(LbfEpisodeEnd, ParityModeTerminatesAtTheStepLimit) {
  LbfConfig c = cfg(8, 2, 1);
  c.parity = true;
  Harness h(c);
  h.reset_to(kFoodLeft);
  for (int t = 1; t < 50; ++t) {
    h.step({N, N});
    ASSERT_EQ(h.terminated, 0) << "step " << t;
  }
  h.step({N, N});
  EXPECT_EQ(h.terminated, 1);
  EXPECT_EQ(h.env.state().current_step, 50);

  // Through VectorEnv: terminated, not truncated.
  auto venv = one_env_vector_at(c, kFoodLeft);
  for (int t = 1; t <= 50; ++t) {
    venv->discrete_actions()[0] = N;
    venv->discrete_actions()[1] = N;
    venv->step();
    ASSERT_EQ(venv->done()[0], t == 50 ? 1 : 0) << "step " << t;
  }
  EXPECT_EQ(venv->terminated()[0], 1);
  EXPECT_EQ(venv->truncated()[0], 0);
}

// Parity mode: a start state's `step` counts towards the limit.
TEST(LbfEpisodeEnd, ParityModeLimitCountsFromStartStateStep) {
  LbfConfig c = cfg(8, 2, 1);
  c.parity = true;
  Harness h(c);
  h.reset_to("{food: [{pos: [4, 4], level: 2}], players: [{pos: [0, 0], level: 1}, "
             "{pos: [7, 7], level: 1}], step: 48}");
  h.step({N, N});
  EXPECT_EQ(h.terminated, 0);
  h.step({N, N});
  EXPECT_EQ(h.terminated, 1);
}

// Default mode: the env never ends an episode on time; VectorEnv reports the
// step-50 end as truncated (not terminated).
TEST(LbfEpisodeEnd, DefaultModeTruncatesThroughVectorEnv) {
  const LbfConfig c = cfg(8, 2, 1);
  Harness h(c);
  EXPECT_EQ(h.env.spec().max_episode_steps, 50);
  h.reset_to(kFoodLeft);
  for (int t = 1; t <= 60; ++t) {
    h.step({N, N});
    ASSERT_EQ(h.terminated, 0) << "step " << t;
  }

  auto venv = one_env_vector_at(c, kFoodLeft);
  for (int t = 1; t <= 50; ++t) {
    venv->discrete_actions()[0] = N;
    venv->discrete_actions()[1] = N;
    venv->step();
    ASSERT_EQ(venv->done()[0], t == 50 ? 1 : 0) << "step " << t;
  }
  EXPECT_EQ(venv->terminated()[0], 0);
  EXPECT_EQ(venv->truncated()[0], 1);
  const double* m = venv->episode_metrics(0);
  EXPECT_EQ(m[0], 0.0);  // food_collected
  EXPECT_EQ(m[1], 1.0);  // food_spawned
  EXPECT_EQ(m[2], 0.0);  // success
}

// Collecting the last food terminates (in both modes) and reports success.
TEST(LbfEpisodeEnd, AllFoodCollectedTerminatesWithSuccess) {
  for (bool parity : {false, true}) {
    LbfConfig c = cfg(8, 2, 1);
    c.parity = parity;
    auto venv = one_env_vector_at(c, kSimple2p1f);
    venv->discrete_actions()[0] = LOAD;
    venv->discrete_actions()[1] = LOAD;
    venv->step();
    EXPECT_EQ(venv->terminated()[0], 1);
    EXPECT_EQ(venv->truncated()[0], 0);
    EXPECT_DOUBLE_EQ(venv->episode_return(0), 1.0);
    const double* m = venv->episode_metrics(0);
    EXPECT_EQ(m[0], 1.0);
    EXPECT_EQ(m[1], 1.0);
    EXPECT_EQ(m[2], 1.0);
  }
}

// ---------------------------------------------------------------------------
// Reset (§3)

// Player levels are in {min, max} = {1, 2} and both occur; in coop mode every
// food has level maxL = the sum of the 3 lowest player levels (all levels for
// P <= 3); spawned total = sum of levels.
TEST(LbfReset, CoopFoodLevelIsSumOfThreeLowestLevels) {
  for (int players : {2, 3, 4, 6}) {
    SCOPED_TRACE(players);
    LbfConfig c = cfg(12, players, 3);
    c.coop = true;
    Harness h(c);
    h.env.seed(static_cast<uint64_t>(players));
    std::set<int> levels_seen;
    for (int r = 0; r < 300; ++r) {
      h.reset();
      std::vector<int> levels;
      for (int i = 0; i < players; ++i) levels.push_back(h.env.state().players[i].level);
      for (int l : levels) levels_seen.insert(l);
      std::sort(levels.begin(), levels.end());
      int max_l = 0;
      for (int i = 0; i < std::min(3, players); ++i) max_l += levels[static_cast<size_t>(i)];
      int sum = 0;
      for (int k = 0; k < h.env.state().num_foods; ++k) {
        ASSERT_EQ(h.env.state().foods[k].level, max_l);
        sum += h.env.state().foods[k].level;
      }
      ASSERT_EQ(h.env.state().food_spawned, sum);
      ASSERT_EQ(h.env.state().current_step, 0);
    }
    EXPECT_EQ(levels_seen, std::set<int>({1, 2}));
  }
}

// Non-coop (v3): food levels are drawn from 1..maxL inclusive, so both ends occur.
TEST(LbfReset, NonCoopFoodLevelsSpanOneToMaxL) {
  Harness h(cfg(10, 3, 3));
  h.env.seed(5);
  bool saw_one = false, saw_max = false;
  for (int r = 0; r < 2000; ++r) {
    h.reset();
    std::vector<int> levels;
    for (int i = 0; i < 3; ++i) levels.push_back(h.env.state().players[i].level);
    const int max_l = levels[0] + levels[1] + levels[2];
    for (int k = 0; k < h.env.state().num_foods; ++k) {
      const int l = h.env.state().foods[k].level;
      ASSERT_GE(l, 1);
      ASSERT_LE(l, max_l);
      saw_one = saw_one || l == 1;
      saw_max = saw_max || (l == max_l && max_l == 6);
    }
  }
  EXPECT_TRUE(saw_one);
  EXPECT_TRUE(saw_max);
}

// food_levels=v2 (lbforaging up to v2, numpy's exclusive randint bound): a
// non-coop food is in 1..maxL-1, every value of that range occurs, and coop
// foods are still maxL.
TEST(LbfReset, V2FoodLevelsStopBelowMaxL) {
  LbfConfig c = cfg(10, 3, 3);
  c.food_levels = LbfConfig::FoodLevels::kV2;
  Harness h(c);
  h.env.seed(5);
  std::set<int> seen_at_max_l_6;
  for (int r = 0; r < 2000; ++r) {
    h.reset();
    int max_l = 0;
    for (int i = 0; i < 3; ++i) max_l += h.env.state().players[i].level;
    for (int k = 0; k < h.env.state().num_foods; ++k) {
      const int l = h.env.state().foods[k].level;
      ASSERT_GE(l, 1);
      ASSERT_LE(l, max_l - 1);
      if (max_l == 6) seen_at_max_l_6.insert(l);
    }
  }
  EXPECT_EQ(seen_at_max_l_6, std::set<int>({1, 2, 3, 4, 5}));

  c.coop = true;
  Harness coop(c);
  coop.env.seed(6);
  for (int r = 0; r < 200; ++r) {
    coop.reset();
    int max_l = 0;
    for (int i = 0; i < 3; ++i) max_l += coop.env.state().players[i].level;
    for (int k = 0; k < coop.env.state().num_foods; ++k)
      ASSERT_EQ(coop.env.state().foods[k].level, max_l);
  }
}

// Quirk 6: a player is never spawned on a cell that a later-indexed player
// still holds from the previous episode (or an earlier one holds now); this
// includes positions installed by reset_to_state.
TEST(LbfReset, SpawnAvoidsStalePositions) {
  Harness h(cfg(5, 3, 1));
  h.env.seed(11);
  h.reset();
  for (int r = 0; r < 3000; ++r) {
    std::vector<std::pair<int, int>> old;
    for (int i = 0; i < 3; ++i) old.push_back(h.pos(i));
    h.reset();
    for (int i = 0; i < 3; ++i) {
      for (int j = i; j < 3; ++j) ASSERT_NE(h.pos(i), old[static_cast<size_t>(j)]) << "reset " << r;
      for (int j = 0; j < i; ++j) ASSERT_NE(h.pos(i), h.pos(j));
    }
  }
  h.reset_to("{food: [], players: [{pos: [2, 2], level: 1}, {pos: [0, 0], level: 1}, {pos: [4, 4], level: 1}]}");
  for (int r = 0; r < 200; ++r) {
    h.reset_to("{food: [], players: [{pos: [2, 2], level: 1}, {pos: [0, 0], level: 1}, {pos: [4, 4], level: 1}]}");
    h.reset();
    EXPECT_NE(h.pos(0), std::make_pair(2, 2));
    EXPECT_NE(h.pos(0), std::make_pair(0, 0));
    EXPECT_NE(h.pos(0), std::make_pair(4, 4));
    EXPECT_NE(h.pos(1), std::make_pair(0, 0));
    EXPECT_NE(h.pos(1), std::make_pair(4, 4));
    EXPECT_NE(h.pos(2), std::make_pair(4, 4));
  }
}

// Quirk 7: fewer than f foods can spawn (a 5x5 grid fits at most 2 under the
// distance rules), and the normaliser is the total actually spawned.
TEST(LbfReset, FewerFoodsThanRequestedAndSpawnedNormaliser) {
  Harness h(cfg(5, 2, 9));
  h.env.seed(2);
  int max_seen = 0;
  for (int r = 0; r < 500; ++r) {
    h.reset();
    const LbfState& s = h.env.state();
    ASSERT_GE(s.num_foods, 1);
    ASSERT_LE(s.num_foods, 2);
    max_seen = std::max(max_seen, s.num_foods);
    int sum = 0;
    for (int k = 0; k < s.num_foods; ++k) sum += s.foods[k].level;
    ASSERT_EQ(s.food_spawned, sum);
    ASSERT_EQ(s.foods_at_start, s.num_foods);
    // Unused food slots are padding.
    for (int k = s.num_foods; k < 9; ++k) {
      ASSERT_EQ(h.obs[static_cast<size_t>(3 * k)], -1.0f);
      ASSERT_EQ(h.obs[static_cast<size_t>(3 * k + 2)], 0.0f);
    }
  }
  EXPECT_EQ(max_seen, 2);
}

// Random play stays within the rules' invariants: an episode's return is at
// most 1 and exactly 1 when every food was collected; players stay on the
// grid; in parity mode an episode with food left ends exactly at step 50.
TEST(LbfReset, RandomPlayReturnsAtMostOne) {
  for (const char* id : {"Foraging-5x5-2p-1f-v3", "Foraging-8x8-2p-2f-coop-v3"}) {
    SCOPED_TRACE(id);
    LbfConfig c = LbfConfig::from_upstream_id(id);
    c.parity = true;
    Harness h(c);
    h.env.seed(9);
    uint64_t lcg = 1;
    int episodes = 0, successes = 0, length = 0;
    h.reset();
    double ret = 0;
    while (episodes < 2000) {
      std::vector<int32_t> a(2);
      for (auto& x : a) {
        lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
        x = static_cast<int32_t>((lcg >> 33) % 6);
      }
      h.step(a);
      ++length;
      ret += h.reward[0] + h.reward[1];
      for (int i = 0; i < 2; ++i) {
        ASSERT_GE(h.pos(i).first, 0);
        ASSERT_LT(h.pos(i).first, c.size);
        ASSERT_GE(h.pos(i).second, 0);
        ASSERT_LT(h.pos(i).second, c.size);
      }
      if (!h.terminated) {
        ASSERT_LT(length, 50);
        continue;
      }
      ASSERT_LE(ret, 1.0 + 1e-6);
      if (h.env.state().num_foods == 0) {
        ++successes;
        ASSERT_NEAR(ret, 1.0, 1e-6);
      } else {
        ASSERT_EQ(length, 50);
      }
      ++episodes;
      ret = 0;
      length = 0;
      h.reset();
    }
    if (!c.coop) {
      EXPECT_GT(successes, 100);
    }
  }
}

}  // namespace
}  // namespace ember
