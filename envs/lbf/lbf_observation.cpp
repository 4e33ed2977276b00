// LBF spaces and observations (reference/lbf.md §5.1, §5.3): the per-agent
// vector observation, the global state (all observations concatenated) and
// the action mask.
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "envs/lbf/lbf_env.h"

namespace ember {

EnvSpec LbfEnv::make_spec(const LbfConfig& config) {
  const int n = config.size;
  const int D = config.obs_dim();
  std::vector<float> low, high;
  low.reserve(static_cast<size_t>(D));
  high.reserve(static_cast<size_t>(D));
  // Upstream: low (-1, -1, 0) per slot; high (cols-1, rows-1, maxFoodLvl) per
  // food slot and (cols-1, rows-1, max_player_level) per player slot.
  for (int k = 0; k < config.food; ++k) {
    low.insert(low.end(), {-1.0f, -1.0f, 0.0f});
    high.insert(high.end(), {static_cast<float>(n - 1), static_cast<float>(n - 1),
                             static_cast<float>(config.max_food_level())});
  }
  for (int k = 0; k < config.players; ++k) {
    low.insert(low.end(), {-1.0f, -1.0f});
    high.insert(high.end(), {static_cast<float>(n - 1), static_cast<float>(n - 1)});
    if (config.observe_agent_levels) {
      low.push_back(0.0f);
      high.push_back(static_cast<float>(config.max_player_level));
    }
  }
  std::vector<float> state_low, state_high;
  for (int i = 0; i < config.players; ++i) {
    state_low.insert(state_low.end(), low.begin(), low.end());
    state_high.insert(state_high.end(), high.begin(), high.end());
  }

  EnvSpec spec;
  spec.id = "lbf";
  spec.num_agents = config.players;
  spec.observation = {{"obs", Space::box({D}, std::move(low), std::move(high))}};
  spec.action = Space::discrete(kLbfNumActions);
  spec.state = Space::box({static_cast<int64_t>(config.players) * D}, std::move(state_low),
                          std::move(state_high));
  spec.has_action_mask = true;
  // Declared in both modes: in parity mode the env itself terminates at the
  // limit first, so VectorEnv's truncation never fires; buffers that size
  // whole episodes still read the limit here.
  spec.max_episode_steps = config.max_episode_steps;
  spec.team_reward = TeamReward::kSum;
  spec.episode_metrics = {"food_collected", "food_spawned", "success"};
  spec.supports_snapshot = true;
  spec.supports_start_state = true;
  return spec;
}

void LbfEnv::write_observations(float* obs) const {
  const int P = config_.players;
  const int F = config_.food;
  const int n = config_.size;
  const int S = sight_;
  const int D = config_.obs_dim();
  const bool levels = config_.observe_agent_levels;
  for (int i = 0; i < P; ++i) {
    float* o = obs + i * D;
    const LbfPlayer& me = state_.players[i];
    // Window field[max(r-S,0) : min(r+S+1,rows), max(c-S,0) : min(c+S+1,cols)];
    // coordinates are relative to its top-left corner (r0, c0), which is also
    // upstream's `p - r + min(S, r)` transform.
    const int r0 = std::max(me.row - S, 0), r1 = std::min(me.row + S + 1, n);
    const int c0 = std::max(me.col - S, 0), c1 = std::min(me.col + S + 1, n);

    // Food slots: the window's foods in row-major order (state_.foods is
    // row-major, and a rectangle keeps that order), compacted, then padding.
    int k = 0;
    for (int q = 0; q < state_.num_foods; ++q) {
      const LbfFood& f = state_.foods[q];
      if (f.row >= r1) break;
      if (f.row < r0 || f.col < c0 || f.col >= c1) continue;
      o[3 * k] = static_cast<float>(f.row - r0);
      o[3 * k + 1] = static_cast<float>(f.col - c0);
      o[3 * k + 2] = static_cast<float>(f.level);
      ++k;
    }
    for (; k < F; ++k) {
      o[3 * k] = -1.0f;
      o[3 * k + 1] = -1.0f;
      o[3 * k + 2] = 0.0f;
    }

    // Player slots: self first, then the visible others in index order. The
    // visibility test is upstream's min(y, x) >= 0 and max(y, x) <= 2S, which
    // near the top/left border admits players outside the window (quirk).
    float* p = o + 3 * F;
    *p++ = static_cast<float>(me.row - r0);
    *p++ = static_cast<float>(me.col - c0);
    if (levels) *p++ = static_cast<float>(me.level);
    int seen = 1;
    for (int j = 0; j < P; ++j) {
      if (j == i) continue;
      const int y = state_.players[j].row - r0;
      const int x = state_.players[j].col - c0;
      if (y < 0 || x < 0 || y > 2 * S || x > 2 * S) continue;
      *p++ = static_cast<float>(y);
      *p++ = static_cast<float>(x);
      if (levels) *p++ = static_cast<float>(state_.players[j].level);
      ++seen;
    }
    for (; seen < P; ++seen) {
      *p++ = -1.0f;
      *p++ = -1.0f;
      if (levels) *p++ = 0.0f;
    }
  }
}

void LbfEnv::write_action_mask(int32_t* mask) const {
  const int P = config_.players;
  if (config_.action_mask == LbfConfig::ActionMask::kAll) {
    // EPyMARL's get_avail_actions(): all ones; invalid actions become NONE.
    for (int k = 0; k < P * kLbfNumActions; ++k) mask[k] = 1;
    return;
  }
  for (int i = 0; i < P; ++i)
    for (int a = 0; a < kLbfNumActions; ++a)
      mask[i * kLbfNumActions + a] = valid_action(i, a) ? 1 : 0;
}

void LbfEnv::check_observation_bounds(const float* obs) const {
  // Upstream asserts observation_space.contains(obs) on every step; ember
  // checks it in debug builds only.
  const Space& space = spec_.observation[0].space;
  for (int i = 0; i < config_.players; ++i) {
    int64_t bad = -1;
    if (!space.contains(obs + i * config_.obs_dim(), &bad))
      throw std::logic_error("lbf: observation of agent " + std::to_string(i) + " element " +
                             std::to_string(bad) + " lies outside " + space.to_string());
  }
}

void LbfEnv::write_outputs(const EnvSlot& out) const {
  float* obs = out.field<float>(0);
  write_observations(obs);
#ifndef NDEBUG
  check_observation_bounds(obs);
#endif
  if (out.state)
    std::memcpy(out.state, obs,
                sizeof(float) * static_cast<size_t>(config_.players * config_.obs_dim()));
  if (out.action_mask) write_action_mask(out.action_mask);
}

}  // namespace ember
