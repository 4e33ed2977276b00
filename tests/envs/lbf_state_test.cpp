// Tests for LBF configuration, registration, start states, snapshots and
// errors (envs/lbf/lbf_env.h, lbf_start_state.cpp, register.cpp).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/params.h"
#include "core/registry.h"
#include "core/vector_env.h"
#include "envs/lbf/lbf_env.h"
#include "envs/lbf/register.h"
#include "lbf_harness.h"

namespace ember {
namespace {

template <typename F>
void expect_invalid(F&& f, const std::vector<std::string>& needles) {
  try {
    f();
    ADD_FAILURE() << "no exception; expected one mentioning " << needles[0];
  } catch (const std::invalid_argument& e) {
    for (const auto& n : needles)
      EXPECT_NE(std::string(e.what()).find(n), std::string::npos) << "'" << n << "' not in: " << e.what();
  }
}

const char* kSimple2p1f =
    "{food: [{pos: [4, 4], level: 2}], players: [{pos: [4, 3], level: 2}, "
    "{pos: [4, 5], level: 2}], food_spawned: 2}";

// ---------------------------------------------------------------------------
// Configuration and ids

// Every parameter is range-checked with an error naming it and its value.
TEST(LbfConfig, ValidationNamesTheParameter) {
  auto bad = [](auto mutate, const std::vector<std::string>& needles) {
    LbfConfig c;
    mutate(c);
    expect_invalid([&] { LbfEnv env(c); }, needles);
  };
  bad([](LbfConfig& c) { c.size = 4; }, {"size", "4"});
  bad([](LbfConfig& c) { c.size = 20; }, {"size", "20"});
  bad([](LbfConfig& c) { c.players = 1; }, {"players", "1"});
  bad([](LbfConfig& c) { c.players = 10; }, {"players", "10"});
  bad([](LbfConfig& c) { c.food = 0; }, {"food", "0"});
  bad([](LbfConfig& c) { c.food = 10; }, {"food", "10"});
  bad([](LbfConfig& c) { c.sight = -1; }, {"sight", "-1"});
  bad([](LbfConfig& c) { c.sight = 9; }, {"sight", "9"});  // > size 8
  bad([](LbfConfig& c) { c.min_player_level = 0; }, {"min_player_level", "0"});
  bad([](LbfConfig& c) { c.min_player_level = 3; }, {"max_player_level", "2"});
  bad([](LbfConfig& c) { c.max_player_level = 10; }, {"max_player_level", "10"});
  bad([](LbfConfig& c) { c.penalty = -0.1; }, {"penalty", "-0.1"});
  bad([](LbfConfig& c) { c.max_episode_steps = 0; }, {"max_episode_steps", "0"});
  LbfConfig ok;
  ok.sight = 8;
  EXPECT_NO_THROW(LbfEnv env(ok));
}

// Upstream ids map to params: -Ks -> sight K, {s}x{s} -> size, {p}p, {f}f, -coop.
TEST(LbfConfig, UpstreamIdMapping) {
  const LbfConfig a = LbfConfig::from_upstream_id("Foraging-2s-10x10-3p-3f-v3");
  EXPECT_EQ(a.size, 10);
  EXPECT_EQ(a.players, 3);
  EXPECT_EQ(a.food, 3);
  EXPECT_EQ(a.sight, 2);
  EXPECT_FALSE(a.coop);
  const LbfConfig b = LbfConfig::from_upstream_id("Foraging-8x8-2p-2f-coop-v3");
  EXPECT_EQ(b.size, 8);
  EXPECT_EQ(b.sight, 0);
  EXPECT_EQ(b.effective_sight(), 8);
  EXPECT_TRUE(b.coop);
  // Defaults that upstream registers: levels 1..2, 50 steps, no penalty, normalised.
  EXPECT_EQ(b.min_player_level, 1);
  EXPECT_EQ(b.max_player_level, 2);
  EXPECT_EQ(b.max_episode_steps, 50);
  EXPECT_EQ(b.penalty, 0.0);
  EXPECT_TRUE(b.normalize_reward);
  EXPECT_TRUE(b.observe_agent_levels);
  const LbfConfig c = LbfConfig::from_upstream_id("15x15-4p-5f");  // prefix and suffix optional
  EXPECT_EQ(c.size, 15);
  EXPECT_EQ(c.players, 4);
  EXPECT_EQ(c.food, 5);
  EXPECT_EQ(c.food_levels, LbfConfig::FoodLevels::kV3);
  // -v2 ids differ from -v3 in the food levels only (docs/envs/lbf.md)
  const LbfConfig v2 = LbfConfig::from_upstream_id("Foraging-10x10-3p-3f-v2");
  EXPECT_EQ(v2.size, 10);
  EXPECT_EQ(v2.food_levels, LbfConfig::FoodLevels::kV2);
  expect_invalid([] { LbfConfig::from_upstream_id("Foraging-8x8-2p-2f-v1"); }, {"v2", "v3"});
  expect_invalid([] { LbfConfig::from_upstream_id("Foraging-8x9-2p-2f-v3"); }, {"square"});
  expect_invalid([] { LbfConfig::from_upstream_id("Foraging-grid-8x8-2p-2f-v3"); }, {"grid"});
  expect_invalid([] { LbfConfig::from_upstream_id("Foraging-8x8-2p-v3"); }, {"8x8-2p"});
  expect_invalid([] { LbfConfig::from_upstream_id("Foraging-8x8-1p-2f-v3"); }, {"players", "1"});
  expect_invalid([] { LbfConfig::from_upstream_id("Foraging-20x20-2p-2f-v3"); }, {"size", "20"});
  expect_invalid([] { LbfConfig::from_upstream_id("Foraging-8x8-2p-2f-coop-ind-v3"); }, {"ind"});
}

// register_lbf_envs adds "lbf" with its declared params; the factory applies
// them, ignores common params such as num_envs, and rejects bad values.
TEST(LbfRegistry, RegisteredWithDeclaredParams) {
  Registry registry;
  register_lbf_envs(registry);
  const EnvRegistration* reg = registry.find_env("lbf");
  ASSERT_NE(reg, nullptr);
  EXPECT_FALSE(reg->doc.empty());
  std::vector<std::string> names;
  for (const auto& p : reg->params) names.push_back(p.name);
  EXPECT_EQ(names, std::vector<std::string>({"size", "players", "food", "sight", "coop", "min_player_level",
                                             "max_player_level", "penalty", "normalize_reward",
                                             "observe_agent_levels", "max_episode_steps", "parity",
                                             "action_mask", "food_levels"}));
  const ParamSpec* size = find_param(reg->params, "size");
  EXPECT_EQ(std::get<int64_t>(size->default_value), 8);
  EXPECT_EQ(size->min, 5);
  EXPECT_EQ(size->max, 19);
  EXPECT_EQ(find_param(reg->params, "action_mask")->choices, std::vector<std::string>({"all", "valid"}));

  Params params = Params::defaults(reg->params);
  params.set("num_envs", int64_t{8});
  params.set("players", int64_t{3});
  params.set("food", int64_t{4});
  params.set("sight", int64_t{2});
  params.set("coop", true);
  params.set("parity", true);
  params.set("action_mask", std::string("valid"));
  params.set("food_levels", std::string("v2"));
  std::unique_ptr<Env> env = reg->make(params);
  auto* lbf = dynamic_cast<LbfEnv*>(env.get());
  ASSERT_NE(lbf, nullptr);
  EXPECT_EQ(lbf->config().players, 3);
  EXPECT_EQ(lbf->config().food, 4);
  EXPECT_EQ(lbf->config().sight, 2);
  EXPECT_TRUE(lbf->config().coop);
  EXPECT_TRUE(lbf->config().parity);
  EXPECT_EQ(lbf->config().action_mask, LbfConfig::ActionMask::kValid);
  EXPECT_EQ(lbf->config().food_levels, LbfConfig::FoodLevels::kV2);
  EXPECT_EQ(env->spec().num_agents, 3);
  EXPECT_EQ(env->spec().observation[0].space.numel(), 3 * 4 + 3 * 3);

  params.set("sight", int64_t{9});
  params.set("size", int64_t{8});
  expect_invalid([&] { reg->make(params); }, {"sight", "9"});
  params.set("sight", int64_t{0});
  params.set("action_mask", std::string("some"));
  expect_invalid([&] { reg->make(params); }, {"action_mask", "some"});
  params.set("action_mask", std::string("all"));
  params.set("food_levels", std::string("v1"));
  expect_invalid([&] { reg->make(params); }, {"food_levels", "v1"});
}

// ---------------------------------------------------------------------------
// Errors

// An action id outside [0, 6) throws, naming the agent and the value, and
// leaves the state untouched.
TEST(LbfErrors, IllegalActionIdThrows) {
  Harness h(cfg(8, 2, 1));
  h.reset_to(kSimple2p1f);
  for (int32_t bad : {6, -1, 1000}) {
    expect_invalid([&] { h.step({kLbfLoad, bad}); }, {"agent 1", std::to_string(bad)});
    expect_invalid([&] { h.step({bad, kLbfLoad}); }, {"agent 0", std::to_string(bad)});
  }
  EXPECT_EQ(h.env.state().current_step, 0);
  EXPECT_EQ(h.env.food_at(4, 4), 2);
  h.step({kLbfLoad, kLbfLoad});
  EXPECT_EQ(h.reward[0], 0.5f);
}

// reset_to_state rejects malformed states with an error naming the key and value.
TEST(LbfErrors, ResetToStateValidation) {
  Harness h(cfg(8, 2, 2));
  auto bad = [&](const std::string& yaml, const std::vector<std::string>& needles) {
    SCOPED_TRACE(yaml);
    expect_invalid([&] { h.reset_to(yaml); }, needles);
  };
  const std::string players = "players: [{pos: [4, 3], level: 2}, {pos: [4, 5], level: 2}]";
  bad("[1, 2]", {"map"});
  bad("{" + players + ", food: [], foo: 1}", {"'foo'"});
  bad("{food: []}", {"'players'"});
  bad("{" + players + "}", {"'food'"});
  bad("{food: [], players: [{pos: [4, 3], level: 2}]}", {"'players'", "1 entries", "2 players"});
  bad("{food: [], players: [{pos: [4, 3], level: 2}, {pos: [4, 5], level: 2}, {pos: [1, 1], level: 1}]}",
      {"3 entries"});
  bad("{food: [], players: [{pos: [8, 3], level: 2}, {pos: [4, 5], level: 2}]}",
      {"players[0].pos", "[8, 3]", "8x8"});
  bad("{food: [], players: [{pos: [4, 3], level: 2}, {pos: [4, -1], level: 2}]}", {"players[1].pos", "[4, -1]"});
  bad("{food: [], players: [{pos: [4], level: 2}, {pos: [4, 5], level: 2}]}", {"players[0].pos", "[4]"});
  bad("{food: [], players: [{pos: [4, x], level: 2}, {pos: [4, 5], level: 2}]}", {"players[0].pos[1]", "x"});
  bad("{food: [], players: [{pos: [4, 3], level: 0}, {pos: [4, 5], level: 2}]}", {"players[0].level", "0"});
  bad("{food: [], players: [{pos: [4, 3], level: 3}, {pos: [4, 5], level: 2}]}",
      {"players[0].level", "3", "max_player_level"});
  bad("{food: [], players: [{pos: [4, 3], level: 1.5}, {pos: [4, 5], level: 2}]}", {"players[0].level", "1.5"});
  bad("{food: [], players: [{pos: [4, 3]}, {pos: [4, 5], level: 2}]}", {"players[0]", "'level'"});
  bad("{food: [], players: [{pos: [4, 3], level: 1, color: red}, {pos: [4, 5], level: 2}]}",
      {"'players[0].color'"});
  bad("{food: [{pos: [4, 3], level: 2}], " + players + "}", {"food[0].pos", "[4, 3]", "players[0]"});
  bad("{food: [{pos: [2, 2], level: 2}, {pos: [2, 2], level: 1}], " + players + "}",
      {"food[1].pos", "food[0]"});
  bad("{food: [{pos: [2, 2], level: 0}], " + players + "}", {"food[0].level", "0"});
  bad("{food: [{pos: [2, 2], level: 5}], " + players + "}", {"food[0].level", "5", "[1, 4]"});
  bad("{food: [{pos: [2, 2], level: 1}, {pos: [6, 6], level: 1}, {pos: [0, 6], level: 1}], " + players + "}",
      {"'food'", "3 entries", "2 food"});
  bad("{food: [{pos: [2, 2], level: 2, extra: 1}], " + players + "}", {"'food[0].extra'"});
  bad("{food: [{pos: [2, 2], level: 2}], food_spawned: 1, " + players + "}", {"food_spawned", "1"});
  bad("{food: [{pos: [2, 2], level: 2}], food_spawned: two, " + players + "}", {"food_spawned", "two"});
  bad("{food: [{pos: [2, 2], level: 2}], step: 50, " + players + "}", {"step", "50", "49"});
  bad("{food: [{pos: [2, 2], level: 2}], step: -1, " + players + "}", {"step", "-1"});
  bad("{food: {pos: [2, 2], level: 2}, " + players + "}", {"'food'", "list"});

  // A failed reset_to_state leaves the previous state alone.
  h.reset_to("{food: [{pos: [2, 2], level: 1}], " + players + "}");
  bad("{food: [{pos: [6, 6], level: 1}], players: [{pos: [9, 9], level: 1}, {pos: [0, 0], level: 1}]}",
      {"players[0].pos"});
  EXPECT_EQ(h.env.food_at(2, 2), 1);
  EXPECT_EQ(h.env.food_at(6, 6), 0);
  EXPECT_EQ(h.env.state().players[0].row, 4);
}

// A valid start state is installed exactly: positions, levels, foods, the
// normaliser (default: the sum of food levels), the step; outputs written.
TEST(LbfStartState, InstallsTheState) {
  Harness h(cfg(8, 2, 2));
  h.reset_to("{players: [{pos: [4, 3], level: 2}, {pos: [1, 1], level: 1}], "
             "food: [{pos: [5, 5], level: 3}, {pos: [2, 2], level: 1}], step: 7}");
  const LbfState& s = h.env.state();
  EXPECT_EQ(s.players[0].row, 4);
  EXPECT_EQ(s.players[0].col, 3);
  EXPECT_EQ(s.players[0].level, 2);
  EXPECT_EQ(s.players[1].level, 1);
  ASSERT_EQ(s.num_foods, 2);
  EXPECT_EQ(s.foods[0].row, 2);  // row-major
  EXPECT_EQ(s.foods[1].row, 5);
  EXPECT_EQ(h.env.food_at(5, 5), 3);
  EXPECT_EQ(s.food_spawned, 4);
  EXPECT_EQ(s.foods_at_start, 2);
  EXPECT_EQ(s.current_step, 7);
  EXPECT_EQ(h.terminated, 0);
  EXPECT_EQ(h.reward[0], 0.0f);
  EXPECT_EQ(h.obs[0], 2.0f);
  EXPECT_EQ(h.state, h.obs);
  EXPECT_EQ(h.mask, std::vector<int32_t>(12, 1));
  // Border food is allowed (upstream's tests inject arbitrary fields).
  EXPECT_NO_THROW(h.reset_to("{food: [{pos: [0, 0], level: 1}], players: [{pos: [4, 3], level: 2}, "
                             "{pos: [4, 5], level: 2}]}"));
}

// ---------------------------------------------------------------------------
// Snapshots

// A snapshot taken mid-episode restores the state and the RNG: the restored env
// reproduces the future steps and resets exactly.
TEST(LbfSnapshot, RoundTripReproducesFuture) {
  LbfConfig c = LbfConfig::from_upstream_id("Foraging-2s-10x10-3p-3f-v3");
  c.action_mask = LbfConfig::ActionMask::kValid;
  Harness a(c), b(c);
  a.env.seed(21);
  a.env.reset(a.slot());
  uint64_t lcg = 3;
  auto actions = [&] {
    std::vector<int32_t> v(3);
    for (auto& x : v) {
      lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
      x = static_cast<int32_t>((lcg >> 33) % 6);
    }
    return v;
  };
  for (int t = 0; t < 23; ++t) a.step(actions());
  std::stringstream snap;
  a.env.save_snapshot(snap);
  b.env.seed(999);
  b.env.reset(b.slot());
  b.env.load_snapshot(snap);
  EXPECT_EQ(b.env.state().current_step, a.env.state().current_step);
  EXPECT_EQ(b.env.state().food_spawned, a.env.state().food_spawned);
  int resets = 0;
  for (int t = 0; t < 2000; ++t) {
    const auto act = actions();
    a.step(act);
    b.step(act);
    ASSERT_EQ(a.obs, b.obs) << "step " << t;
    ASSERT_EQ(a.reward, b.reward);
    ASSERT_EQ(a.mask, b.mask);
    ASSERT_EQ(a.terminated, b.terminated);
    if (a.terminated || t % 50 == 0) {
      double ma[3], mb[3];
      a.env.episode_metrics(ma);
      b.env.episode_metrics(mb);
      ASSERT_EQ(std::vector<double>(ma, ma + 3), std::vector<double>(mb, mb + 3));
      a.env.reset(a.slot());
      b.env.reset(b.slot());
      ++resets;
      ASSERT_EQ(a.obs, b.obs);
    }
  }
  EXPECT_GT(resets, 10);

  // A snapshot of another configuration or garbage is refused.
  std::stringstream snap2;
  a.env.save_snapshot(snap2);
  Harness other(cfg(10, 3, 2, 2));
  EXPECT_THROW(other.env.load_snapshot(snap2), std::runtime_error);
  std::stringstream garbage("not a snapshot");
  EXPECT_THROW(b.env.load_snapshot(garbage), std::runtime_error);
}

// VectorEnv checkpoints (every env's snapshot) continue identically.
TEST(LbfSnapshot, VectorEnvSaveLoad) {
  const LbfConfig c = LbfConfig::from_upstream_id("Foraging-8x8-2p-2f-coop-v3");
  auto make = [&] {
    std::vector<std::unique_ptr<Env>> envs;
    for (int i = 0; i < 3; ++i) envs.push_back(std::make_unique<LbfEnv>(c));
    return std::make_unique<VectorEnv>(std::move(envs));
  };
  auto a = make();
  a->reset(5);
  uint64_t lcg = 9;
  auto fill = [&](VectorEnv& v) {
    for (int k = 0; k < 6; ++k) {
      lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
      v.discrete_actions()[k] = static_cast<int32_t>((lcg >> 33) % 6);
    }
  };
  for (int t = 0; t < 40; ++t) {
    fill(*a);
    a->step();
  }
  std::stringstream snap;
  a->save(snap);
  auto b = make();
  b->load(snap);
  const int d = c.obs_dim();
  for (int t = 0; t < 300; ++t) {
    fill(*a);
    for (int k = 0; k < 6; ++k) b->discrete_actions()[k] = a->discrete_actions()[k];
    a->step();
    b->step();
    const float* oa = a->field_as<float>(0);
    const float* ob = b->field_as<float>(0);
    ASSERT_EQ(std::vector<float>(oa, oa + 3 * 2 * d), std::vector<float>(ob, ob + 3 * 2 * d)) << t;
    ASSERT_EQ(std::vector<float>(a->rewards(), a->rewards() + 6), std::vector<float>(b->rewards(), b->rewards() + 6));
    ASSERT_EQ(std::vector<uint8_t>(a->done(), a->done() + 3), std::vector<uint8_t>(b->done(), b->done() + 3));
  }
}

}  // namespace
}  // namespace ember
