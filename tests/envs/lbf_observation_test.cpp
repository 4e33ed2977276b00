// Golden tests for LBF observations, global state, action masks and spaces
// (envs/lbf/lbf_observation.cpp; reference/lbf.md §5). Expected vectors are
// worked out by hand from the §5.1 layout: food slots (y, x, level) of the
// window's foods in row-major order, then player slots with self first,
// coordinates relative to the window's top-left corner, (-1, -1, 0) padding.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "envs/lbf/lbf_env.h"
#include "lbf_harness.h"

namespace ember {
namespace {

using V = std::vector<float>;
constexpr int N = kLbfNone, NORTH = kLbfNorth, SOUTH = kLbfSouth, WEST = kLbfWest, EAST = kLbfEast,
              LOAD = kLbfLoad;

const char* kSimple2p1f =
    "{food: [{pos: [4, 4], level: 2}], players: [{pos: [4, 3], level: 2}, "
    "{pos: [4, 5], level: 2}], food_spawned: 2}";

// Fixture, full sight: absolute coordinates, self first.
TEST(LbfObservation, FixtureFullSight) {
  Harness h(cfg(8, 2, 1));
  h.reset_to(kSimple2p1f);
  EXPECT_EQ(h.agent_obs(0), V({4, 4, 2, 4, 3, 2, 4, 5, 2}));
  EXPECT_EQ(h.agent_obs(1), V({4, 4, 2, 4, 5, 2, 4, 3, 2}));
}

// Fixture, sight 1: 3x3 windows, relative coordinates, the other player hidden.
TEST(LbfObservation, FixtureSight1) {
  Harness h(cfg(8, 2, 1, 1));
  h.reset_to(kSimple2p1f);
  EXPECT_EQ(h.agent_obs(0), V({1, 2, 2, 1, 1, 2, -1, -1, 0}));
  EXPECT_EQ(h.agent_obs(1), V({1, 0, 2, 1, 1, 2, -1, -1, 0}));
}

// An interior agent with sight 2 sees itself at (2, 2) of its 5x5 window.
TEST(LbfObservation, InteriorAgentRelativeCoordinates) {
  Harness h(cfg(10, 2, 2, 2));
  h.reset_to("{food: [{pos: [4, 6], level: 1}, {pos: [8, 8], level: 3}], "
             "players: [{pos: [5, 5], level: 1}, {pos: [7, 3], level: 2}]}");
  // Agent 0: window rows 3..7, cols 3..7: food (4,6) -> (1,3); (8,8) outside;
  // player 1 (7,3) -> (4,0).
  EXPECT_EQ(h.agent_obs(0), V({1, 3, 1, -1, -1, 0, 2, 2, 1, 4, 0, 2}));
  // Agent 1: window rows 5..9, cols 1..5: no food inside; player 0 (5,5) -> (0,4).
  EXPECT_EQ(h.agent_obs(1), V({-1, -1, 0, -1, -1, 0, 2, 2, 2, 0, 4, 1}));
}

// Top-border quirk: at r = 0 with S = 2 the window is rows 0..2, but players in
// rows 3-4 pass upstream's visibility test (y <= 2S); foods there do not.
TEST(LbfObservation, TopBorderShowsPlayersOutsideTheWindow) {
  Harness h(cfg(10, 4, 2, 2));
  h.reset_to("{food: [{pos: [1, 4], level: 1}, {pos: [3, 5], level: 2}], "
             "players: [{pos: [0, 3], level: 1}, {pos: [3, 3], level: 2}, {pos: [4, 5], level: 1}, "
             "{pos: [5, 3], level: 2}]}");
  // Window rows 0..2, cols 1..5 (top-left (0, 1)).
  EXPECT_EQ(h.agent_obs(0), V({1, 3, 1, -1, -1, 0,  // food (1,4); (3,5) is outside the window
                               0, 2, 1,              // self
                               3, 2, 2,              // player 1 in row 3
                               4, 4, 1,              // player 2 in row 4
                               -1, -1, 0}));         // player 3 in row 5: y = 5 > 4
}

// Left-border quirk: at c = 0 with S = 2, players in cols 3-4 are visible.
TEST(LbfObservation, LeftBorderShowsPlayersOutsideTheWindow) {
  Harness h(cfg(10, 3, 1, 2));
  h.reset_to("{food: [{pos: [5, 3], level: 1}], "
             "players: [{pos: [5, 0], level: 1}, {pos: [6, 4], level: 2}, {pos: [5, 5], level: 1}]}");
  // Window rows 3..7, cols 0..2: food (5,3) outside; player 1 (6,4) -> (3, 4) visible.
  EXPECT_EQ(h.agent_obs(0), V({-1, -1, 0, 2, 0, 1, 3, 4, 2, -1, -1, 0}));
}

// No quirk at the bottom/right border: players beyond the window are hidden.
TEST(LbfObservation, BottomRightBorderHasNoQuirk) {
  Harness h(cfg(10, 3, 1, 2));
  h.reset_to("{food: [{pos: [8, 8], level: 1}], "
             "players: [{pos: [9, 9], level: 1}, {pos: [6, 9], level: 2}, {pos: [7, 9], level: 1}]}");
  // Window rows 7..9, cols 7..9 (top-left (7, 7)).
  EXPECT_EQ(h.agent_obs(0), V({1, 1, 1, 2, 2, 1, 0, 2, 1, -1, -1, 0}));
}

// Food slots are row-major (whatever the start-state order) and compacted:
// collecting the first food shifts the others down.
TEST(LbfObservation, FoodSlotsRowMajorAndCompactedAfterCollection) {
  Harness h(cfg(10, 2, 3));
  h.reset_to("{food: [{pos: [6, 4], level: 2}, {pos: [2, 6], level: 3}, {pos: [2, 2], level: 1}], "
             "players: [{pos: [2, 1], level: 1}, {pos: [9, 9], level: 1}]}");
  EXPECT_EQ(h.agent_obs(0), V({2, 2, 1, 2, 6, 3, 6, 4, 2, 2, 1, 1, 9, 9, 1}));
  h.step({LOAD, N});
  EXPECT_EQ(h.env.food_at(2, 2), 0);
  EXPECT_EQ(h.agent_obs(0), V({2, 6, 3, 6, 4, 2, -1, -1, 0, 2, 1, 1, 9, 9, 1}));
  EXPECT_EQ(h.agent_obs(1), V({2, 6, 3, 6, 4, 2, -1, -1, 0, 9, 9, 1, 2, 1, 1}));
}

// Player slots are compacted too: when player 1 leaves agent 0's view,
// player 2 moves up into the first "other" slot.
TEST(LbfObservation, PlayerSlotsCompactedWhenAPlayerLeavesView) {
  Harness h(cfg(10, 3, 1, 1));
  h.reset_to("{food: [{pos: [8, 8], level: 1}], "
             "players: [{pos: [5, 5], level: 1}, {pos: [4, 5], level: 2}, {pos: [6, 6], level: 1}]}");
  EXPECT_EQ(h.agent_obs(0), V({-1, -1, 0, 1, 1, 1, 0, 1, 2, 2, 2, 1}));
  h.step({N, NORTH, N});
  EXPECT_EQ(h.agent_obs(0), V({-1, -1, 0, 1, 1, 1, 2, 2, 1, -1, -1, 0}));
}

// The global state is all agents' observations concatenated.
TEST(LbfObservation, StateIsConcatenatedObservations) {
  LbfConfig c = LbfConfig::from_upstream_id("Foraging-2s-10x10-3p-3f-v3");
  Harness h(c);
  h.env.seed(4);
  h.env.reset(h.slot());
  EXPECT_EQ(h.state, h.obs);
  for (int t = 0; t < 30; ++t) {
    h.step({static_cast<int32_t>(t % 6), static_cast<int32_t>((t + 2) % 6), static_cast<int32_t>((t + 4) % 6)});
    ASSERT_EQ(h.state, h.obs);
  }
}

// action_mask = "all" writes all ones (EPyMARL); "valid" writes §4.1's valid set.
TEST(LbfObservation, ActionMaskModes) {
  Harness all(cfg(8, 2, 1));
  all.reset_to(kSimple2p1f);
  EXPECT_EQ(all.mask, std::vector<int32_t>(12, 1));

  LbfConfig c = cfg(8, 2, 1);
  c.action_mask = LbfConfig::ActionMask::kValid;
  Harness h(c);
  h.reset_to(kSimple2p1f);
  // Player 0 at (4,3): food east, so EAST is invalid and LOAD valid.
  EXPECT_EQ(h.agent_mask(0), std::vector<int32_t>({1, 1, 1, 1, 0, 1}));
  // Player 1 at (4,5): food west.
  EXPECT_EQ(h.agent_mask(1), std::vector<int32_t>({1, 1, 1, 0, 1, 1}));
  // After the food is gone and at a corner.
  h.reset_to("{food: [{pos: [4, 4], level: 2}], players: [{pos: [0, 0], level: 1}, {pos: [7, 7], level: 1}]}");
  EXPECT_EQ(h.agent_mask(0), std::vector<int32_t>({1, 0, 1, 0, 1, 0}));
  EXPECT_EQ(h.agent_mask(1), std::vector<int32_t>({1, 1, 0, 1, 0, 0}));
  h.step({SOUTH, WEST});
  EXPECT_EQ(h.agent_mask(0), std::vector<int32_t>({1, 1, 1, 0, 1, 0}));
}

// observe_agent_levels = false: player slots are (y, x); dimension 3f + 2P.
TEST(LbfObservation, WithoutAgentLevels) {
  LbfConfig c = cfg(8, 2, 1);
  c.observe_agent_levels = false;
  Harness h(c);
  EXPECT_EQ(c.obs_dim(), 7);
  h.reset_to(kSimple2p1f);
  EXPECT_EQ(h.agent_obs(0), V({4, 4, 2, 4, 3, 4, 5}));
  const Space& space = h.env.spec().observation[0].space;
  EXPECT_EQ(space.high, V({7, 7, 4, 7, 7, 7, 7}));
  EXPECT_EQ(space.low, V({-1, -1, 0, -1, -1, -1, -1}));
}

// The spec of every EPyMARL task: obs 3f + 3P, state P * obs, Discrete(6),
// action mask, summed team reward, 50 steps, snapshots and start states.
TEST(LbfSpec, EpymarlTaskDimensions) {
  struct Task {
    const char* id;
    int obs, state;
  };
  const Task tasks[] = {
      {"Foraging-8x8-2p-2f-coop-v3", 12, 24},    {"Foraging-2s-8x8-2p-2f-coop-v3", 12, 24},
      {"Foraging-10x10-3p-3f-v3", 18, 54},       {"Foraging-2s-10x10-3p-3f-v3", 18, 54},
      {"Foraging-15x15-3p-5f-v3", 24, 72},       {"Foraging-15x15-4p-3f-v3", 21, 84},
      {"Foraging-15x15-4p-5f-v3", 27, 108},
  };
  for (const Task& t : tasks) {
    SCOPED_TRACE(t.id);
    LbfEnv env(LbfConfig::from_upstream_id(t.id));
    const EnvSpec& s = env.spec();
    EXPECT_NO_THROW(s.validate());
    EXPECT_EQ(s.id, "lbf");
    EXPECT_EQ(s.observation.size(), 1u);
    EXPECT_EQ(s.observation[0].name, "obs");
    EXPECT_EQ(s.observation[0].space.shape, std::vector<int64_t>({t.obs}));
    ASSERT_TRUE(s.state.has_value());
    EXPECT_EQ(s.state->shape, std::vector<int64_t>({t.state}));
    EXPECT_EQ(s.action, Space::discrete(6));
    EXPECT_TRUE(s.has_action_mask);
    EXPECT_EQ(s.max_episode_steps, 50);
    EXPECT_EQ(s.team_reward, TeamReward::kSum);
    EXPECT_EQ(s.episode_metrics, std::vector<std::string>({"food_collected", "food_spawned", "success"}));
    EXPECT_TRUE(s.supports_snapshot);
    EXPECT_TRUE(s.supports_start_state);
  }
}

// Bounds (§5.1): low (-1,-1,0) per slot; high (s-1, s-1, maxFoodLvl) per food
// slot with maxFoodLvl 4 for P = 2 and 6 for P >= 3; (s-1, s-1, 2) per player slot.
TEST(LbfSpec, ObservationBounds) {
  LbfEnv two(LbfConfig::from_upstream_id("Foraging-8x8-2p-2f-coop-v3"));
  const Space& a = two.spec().observation[0].space;
  EXPECT_EQ(a.low, V({-1, -1, 0, -1, -1, 0, -1, -1, 0, -1, -1, 0}));
  EXPECT_EQ(a.high, V({7, 7, 4, 7, 7, 4, 7, 7, 2, 7, 7, 2}));
  LbfEnv four(LbfConfig::from_upstream_id("Foraging-15x15-4p-3f-v3"));
  const Space& b = four.spec().observation[0].space;
  EXPECT_EQ(b.high, V({14, 14, 6, 14, 14, 6, 14, 14, 6, 14, 14, 2, 14, 14, 2, 14, 14, 2, 14, 14, 2}));
  // The state bounds repeat the observation bounds once per agent.
  const Space& st = *four.spec().state;
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 21; ++k) {
      EXPECT_EQ(st.high[static_cast<size_t>(i * 21 + k)], b.high[static_cast<size_t>(k)]);
      EXPECT_EQ(st.low[static_cast<size_t>(i * 21 + k)], b.low[static_cast<size_t>(k)]);
    }
}

// Over random play (with resets) every observation and state lies in its space,
// for full and partial sight, with and without levels.
TEST(LbfSpec, RandomPlayStaysInsideTheSpaces) {
  const char* ids[] = {"Foraging-8x8-2p-2f-coop-v3", "Foraging-2s-8x8-2p-2f-coop-v3",
                       "Foraging-2s-10x10-3p-3f-v3", "Foraging-15x15-4p-5f-v3",
                       "Foraging-1s-5x5-9p-9f-v3", "Foraging-3s-19x19-9p-9f-coop-v3"};
  for (const char* id : ids) {
    for (bool levels : {true, false}) {
      SCOPED_TRACE(std::string(id) + (levels ? "" : " (no levels)"));
      LbfConfig c = LbfConfig::from_upstream_id(id);
      c.observe_agent_levels = levels;
      c.action_mask = LbfConfig::ActionMask::kValid;
      Harness h(c);
      h.env.seed(17);
      h.env.reset(h.slot());
      const Space& os = h.env.spec().observation[0].space;
      const Space& ss = *h.env.spec().state;
      uint64_t lcg = 5;
      for (int t = 0; t < 3000; ++t) {
        std::vector<int32_t> a(static_cast<size_t>(c.players));
        for (auto& x : a) {
          lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
          x = static_cast<int32_t>((lcg >> 33) % 6);
        }
        h.step(a);
        for (int i = 0; i < c.players; ++i) {
          int64_t bad = -1;
          ASSERT_TRUE(os.contains(h.obs.data() + i * c.obs_dim(), &bad)) << "agent " << i << " element " << bad;
          ASSERT_EQ(h.agent_mask(i)[0], 1);
        }
        ASSERT_TRUE(ss.contains(h.state.data()));
        if (h.terminated || t % 50 == 49) h.env.reset(h.slot());
      }
    }
  }
}

// describe() draws the grid: food levels, player letters, lower case when stacked.
TEST(LbfObservation, DescribeDrawsTheGrid) {
  Harness h(cfg(5, 3, 1));
  h.reset_to("{food: [{pos: [2, 2], level: 3}], players: [{pos: [0, 0], level: 1}, {pos: [4, 4], level: 2}, "
             "{pos: [4, 4], level: 1}]}");
  EXPECT_EQ(h.env.describe(), "A....\n.....\n..3..\n.....\n....b\nstep 0; levels A=1 B=2 C=1\n");
}

}  // namespace
}  // namespace ember
