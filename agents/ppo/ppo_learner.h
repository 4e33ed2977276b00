// File: agents/ppo/ppo_learner.h
//
// One PPO learner over the rows of a VectorEnv — every (env, agent) pair,
// with parameter sharing — that acts into an action buffer, records its own
// rollout and updates from it. PpoAgent (ppo_agent.h) is this learner as an
// Agent (agents/common/learner_agent.h); MANSA's policy-gradient pair (agents/mansa/) holds two of them and
// tells each, step by step, whether its actions were the ones executed.
//
// Steps where a learner's actions were not executed still train its critic
// (which so learns the value of the behaviour actually followed) but are
// masked out of its policy loss, whose ratio would otherwise refer to actions
// the env never saw.
//
// This header is torch-free; the implementation lives in ppo_learner.cpp.
//
// Example (what PpoAgent does):
//   PpoLearner learner(config, spec, num_envs, seed);
//   learner.act(envs, PolicyMode::kBehaviour, {envs.discrete_actions(), envs.continuous_actions()});
//   learner.before_step(envs);   // all rows' actions are executed
//   envs.step();
//   learner.after_step(envs);
//   if (rollout full) learner.update(progress);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>

#include "core/agent.h"
#include "core/env.h"

namespace ember {

class VectorEnv;
struct PpoConfig;

class PpoLearner {
 public:
  // kBehaviour samples with the training RNG and remembers the step for
  // learning; kGreedy (argmax / Gaussian mean) and kSample (the evaluation
  // RNG) record nothing. The shared PolicyMode (core/agent.h).
  using Mode = PolicyMode;

  // `seed` derives the learner's RNG streams and network initialisation.
  PpoLearner(const PpoConfig& config, const EnvSpec& spec, int num_envs, uint64_t seed);
  ~PpoLearner();
  PpoLearner(const PpoLearner&) = delete;
  PpoLearner& operator=(const PpoLearner&) = delete;

  // Actions for every row of `envs`, written into `out` in the VectorEnv's
  // action layout.
  void act(const VectorEnv& envs, Mode mode, const ActionBuffer& out);
  // A recurrent actor's memory (config.recurrent; no-ops otherwise): each
  // mode keeps its own hidden state per row, zeroed for the envs whose
  // episode ended in the last step, or entirely.
  void on_step_end(const VectorEnv& envs, Mode mode);
  void reset_memory(Mode mode);
  // Records the step about to be taken with the last kBehaviour actions.
  // `executed` (one 0/1 per env; null = every env) says whether the env
  // receives this learner's actions.
  void before_step(const uint8_t* executed);
  // As above with every env receiving this learner's actions (a PPO agent).
  void before_step(const VectorEnv&) { before_step(static_cast<const uint8_t*>(nullptr)); }
  void after_step(const VectorEnv& envs);
  // One PPO update over the recorded steps (GAE, clipped epochs).
  Metrics update(const TrainProgress& progress);
  int64_t rollout_length() const;

  void save(std::ostream& out) const;
  void load(std::istream& in);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The observation field PPO reads ("obs" when present, else the first f32
// Box field), or -1.
int ppo_policy_field(const EnvSpec& spec);

}  // namespace ember
