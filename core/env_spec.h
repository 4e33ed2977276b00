// File: core/env_spec.h
//
// EnvSpec is an environment's declaration of everything outside code needs to
// know: how many agents act, the named observation fields each agent sees,
// each agent's action space, the optional global state and action mask, the
// time limit, and the episode metrics the env reports.
//
// An env declares its spec once at construction; batching, threading and
// buffers live outside the env (VectorEnv), shaped from this spec.
//
// Example (CartPole):
//   EnvSpec spec;
//   spec.id = "CartPole-v1";
//   spec.observation = {{"obs", Space::box({4}, low, high)}};
//   spec.action = Space::discrete(2);
//   spec.max_episode_steps = 500;
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/space.h"

namespace ember {

struct ObservationField {
  std::string name;  // e.g. "obs", "rgb", "heightmap", "instruction"
  Space space;       // shape of one agent's value
};

// How the per-agent rewards of one step add up to the episode's return.
enum class TeamReward {
  kSum,     // agents are rewarded individually; the team return is the sum (LBF)
  kShared,  // every agent receives the same team reward; the return counts it once
};

struct EnvSpec {
  std::string id;
  int num_agents = 1;
  // Per-agent observation fields, in a fixed order. Buffers are [envs, agents, ...].
  std::vector<ObservationField> observation;
  // Per-agent action space (every agent has the same space).
  Space action;
  // Global state for centralised learners, [envs, ...] (not per agent).
  std::optional<Space> state;
  // When true the env writes a 0/1 mask of legal actions, [envs, agents, n].
  // Only meaningful for a Discrete action space.
  bool has_action_mask = false;
  // Episodes are truncated (not terminated) after this many steps; 0 = never.
  int max_episode_steps = 0;
  TeamReward team_reward = TeamReward::kSum;
  // Names of the scalar episode metrics the env reports (success, spl, ...).
  std::vector<std::string> episode_metrics;
  // Optional capabilities, so tools can tell what an env supports.
  bool supports_snapshot = false;     // save/load of the full mid-episode state
  bool supports_start_state = false;  // reset into an explicit state (ember rollout --state)
  bool has_expert = false;            // Env::expert_action gives a scripted expert's action

  // Index of the observation field called `name`, or -1.
  int field_index(const std::string& name) const;
  // Number of elements per agent in the action buffer (1 for Discrete).
  int64_t action_numel() const { return action.kind == SpaceKind::kDiscrete ? 1 : action.numel(); }
  // Throws std::invalid_argument naming the problem when the spec is inconsistent.
  void validate() const;
  // Multi-line human-readable summary, used by `ember describe` and check-env.
  std::string to_string() const;
};

}  // namespace ember
