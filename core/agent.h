// File: core/agent.h
//
// Agent is what the Trainer drives: a behaviour policy that explores, a
// greedy policy for evaluation, a sink that stores what collect() produces,
// and an update step. Implementations (PPO, QMIX, ...) live in agents/ and may
// use LibTorch; this interface does not, so the trainer and the CLI stay
// torch-free.
//
// Training loop (run/trainer.cpp):
//   collect(envs, agent.behaviour_policy(), steps(agent.rollout_length()), agent.sink(), log)
//   metrics = agent.update(progress)
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/env_spec.h"
#include "core/params.h"

namespace ember {

class Policy;
class Sink;

// The three ways a learning agent's policy acts, one notion for every agent
// (agents/common/mode_policies.h turns an agent that acts in a mode into the
// three policies below):
//   kBehaviour  training: explores (samples, epsilon-greedy) and the step is learnt from;
//   kGreedy     evaluation: the most likely action, nothing recorded;
//   kSample     evaluation with eval.deterministic false: the agent's
//               stochastic policy drawing from an evaluation RNG.
// Each mode keeps its own recurrent memory. The values index per-mode state.
enum class PolicyMode { kBehaviour = 0, kGreedy = 1, kSample = 2 };
constexpr int kPolicyModes = 3;

// Named scalars an update reports (CleanRL-style names, e.g. "losses/value_loss").
using Metrics = std::vector<std::pair<std::string, double>>;

struct TrainProgress {
  int64_t env_steps = 0;    // environment steps so far (vector steps x envs)
  int64_t total_env_steps = 0;
};

class Agent {
 public:
  virtual ~Agent() = default;

  virtual Policy& behaviour_policy() = 0;  // PolicyMode::kBehaviour
  virtual Policy& greedy_policy() = 0;     // PolicyMode::kGreedy
  // The policy evaluation uses: greedy when `deterministic` (the default of
  // `eval.deterministic`), else the agent's stochastic policy drawing from an
  // evaluation RNG. Agents without a stochastic evaluation mode return the
  // greedy policy either way.
  virtual Policy& evaluation_policy(bool deterministic) { return greedy_policy(); }
  // Null for agents that do not learn (scripted, random).
  virtual Sink* sink() = 0;
  // Vector steps to collect between two updates.
  virtual int64_t rollout_length() const = 0;
  virtual Metrics update(const TrainProgress& progress) = 0;

  // Agent-specific statistics of the greedy policy since its last
  // reset_memory() (e.g. MANSA's share of steps where the centralised learner
  // acted); the trainer logs them beside each evaluation as "eval/<name>".
  virtual Metrics evaluation_metrics() const { return {}; }

  // Complete learner state (weights, optimiser, normalisers, RNGs).
  virtual void save(std::ostream& out) const = 0;
  virtual void load(std::istream& in) = 0;
};

// What an agent factory receives.
struct AgentContext {
  const Params& params;
  const EnvSpec& spec;
  int num_envs = 1;
  uint64_t seed = 0;
  int64_t total_env_steps = 0;
};

}  // namespace ember
