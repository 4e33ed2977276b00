// File: tests/envs/lbf_harness.h
//
// Test helper shared by the LBF tests (lbf_rules_test.cpp,
// lbf_observation_test.cpp, lbf_state_test.cpp): one LbfEnv plus the output
// buffers a VectorEnv would own (observations, global state, action mask,
// rewards, terminated flag), so a test can reset, inject a start state and
// step the env directly and then read what it wrote.
//
// Every buffer starts filled with a sentinel (-99 for floats, -1 for the mask,
// 7 for terminated), so a value the env forgot to write shows up in a test.
//
// Example:
//   Harness h(config);
//   h.reset_to("{food: [{pos: [4, 4], level: 2}], players: [...]}");
//   h.step({kLbfLoad, kLbfLoad});
//   EXPECT_EQ(h.reward[0], 0.5f);
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "envs/lbf/lbf_env.h"

namespace ember {

// A config with the given grid and counts; every other field at its default.
inline LbfConfig cfg(int size, int players, int food, int sight = 0) {
  LbfConfig c;
  c.size = size;
  c.players = players;
  c.food = food;
  c.sight = sight;
  return c;
}

struct Harness {
  explicit Harness(const LbfConfig& c)
      : env(c),
        obs(static_cast<size_t>(c.players * c.obs_dim()), -99.0f),
        state(obs.size(), -99.0f),
        mask(static_cast<size_t>(c.players * kLbfNumActions), -1),
        reward(static_cast<size_t>(c.players), -99.0f) {
    fields[0] = obs.data();
  }

  // The slot pointing at this harness's buffers.
  EnvSlot slot() {
    EnvSlot s;
    s.fields = fields;
    s.state = state.data();
    s.action_mask = mask.data();
    s.reward = reward.data();
    s.terminated = &terminated;
    return s;
  }

  // Installs the start state written as YAML (reset_to_state).
  void reset_to(const std::string& yaml) { env.reset_to_state(YAML::Load(yaml), slot()); }
  // A random reset from the env's own RNG.
  void reset() { env.reset(slot()); }
  // One step with one discrete action per agent.
  void step(const std::vector<int32_t>& actions) { env.step(ActionView{actions.data(), nullptr}, slot()); }

  // Agent i's observation, its action mask, and its (row, col) on the grid.
  std::vector<float> agent_obs(int i) const {
    const int d = env.config().obs_dim();
    return std::vector<float>(obs.begin() + i * d, obs.begin() + (i + 1) * d);
  }
  std::vector<int32_t> agent_mask(int i) const {
    return std::vector<int32_t>(mask.begin() + i * kLbfNumActions, mask.begin() + (i + 1) * kLbfNumActions);
  }
  std::pair<int, int> pos(int i) const {
    return {env.state().players[i].row, env.state().players[i].col};
  }

  LbfEnv env;
  std::vector<float> obs, state;  // [players, obs_dim] each
  std::vector<int32_t> mask;      // [players, kLbfNumActions]
  std::vector<float> reward;      // [players]
  uint8_t terminated = 7;
  void* fields[1];
};

}  // namespace ember
