// File: agents/qlearning/q_learner.h
//
// The value-based multi-agent learner behind IQL, VDN and QMIX (and the IL
// and CL halves of MANSA): shared per-agent Q networks (MLP or GRU, agent-id
// inputs), an optional mixer (none = IQL, sum = VDN, QMIX hypernetwork),
// target networks with hard updates, double Q-learning, running reward
// standardisation and a masked TD loss over sampled episode batches
// (EPyMARL's q_learner.py semantics). Torch-free header (pimpl).
//
// Example:
//   QLearner learner(config, layout, seed);
//   learner.act(obs, mask, envs, epsilon, rng, actions, QLearner::kBehaviour);
//   Metrics m = learner.train(buffer, buffer.sample(32, rng));
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "agents/qlearning/episode_buffer.h"
#include "agents/qlearning/q_config.h"
#include "core/agent.h"
#include "core/params.h"
#include "core/rng.h"

namespace ember {

// Which loss mask a training step uses (MANSA routes steps by who acted).
struct StepSelection {
  bool use_flag = false;
  float flag_value = 1.0f;  // train only on steps whose flag equals this
};

class QLearner {
 public:
  // Hidden-state sets: one for the training envs, one for evaluation envs.
  enum Slot { kBehaviour = 0, kEval = 1 };

  QLearner(const QLearnerConfig& config, const EpisodeLayout& layout, uint64_t seed);
  ~QLearner();

  // epsilon-greedy actions for `envs` x agents rows; obs [envs, agents, obs_dim],
  // mask [envs, agents, n] (null = all legal). Advances the slot's hidden state.
  void act(const float* obs, const int32_t* mask, int64_t envs, double epsilon, Rng& rng, int32_t* actions,
           Slot slot);
  // Zeroes the hidden state of envs whose episode ended (done null = all, resized to `envs`).
  void reset_hidden(int64_t envs, const uint8_t* done, Slot slot);

  Metrics train(const EpisodeBuffer& buffer, const std::vector<int64_t>& episodes,
                const StepSelection& selection = {});

  int64_t training_steps() const;
  void save(std::ostream& out) const;
  void load(std::istream& in);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ember
