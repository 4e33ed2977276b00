// File: agents/ppo/visual_ppo_learner.h
//
// PPO for a recurrent actor-critic that sees images: the network of
// models/visual_actor_critic.h (CNN, goal fusion, previous action, optional
// codebook bottleneck, GRU, actor and critic heads) over an env's "rgb" (u8
// [H, W, 3]) and "goal" (one-hot) fields, Discrete actions.
//
// Acting reads the VectorEnv's image buffer in place (torch::from_blob; the
// only per-step work on the batch is the u8 -> float conversion) and keeps a
// GRU state and a previous action per row and policy mode, reset where an
// episode ended. The rollout keeps the frames as u8 and each step's GRU
// state; the update cuts it into sequences of `bptt_length` steps, each
// replayed from the state it had when acting (truncated BPTT), with resets at
// episode starts inside a sequence, and optimises PPO's clipped loss
// (ppo_core.h, shared with the MLP PPO) over shuffled minibatches of
// sequences.
//
// This header is torch-free; the implementation lives in visual_ppo_learner.cpp.
//
// Example (what the visual_ppo agent does through collect()):
//   VisualPpoLearner learner(config, spec, num_envs, seed);
//   learner.act(envs, PolicyMode::kBehaviour, {envs.discrete_actions(), nullptr});
//   learner.before_step(envs);  envs.step();  learner.after_step(envs);
//   learner.on_step_end(envs, PolicyMode::kBehaviour);
//   if (rollout full) learner.update(progress);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "core/agent.h"
#include "core/env.h"

namespace ember {

class VectorEnv;
struct VisualPpoConfig;

// Wall-clock seconds an update spends in each phase, summed over updates;
// filled only when a benchmark hands one to set_profile().
struct VisualPpoProfile {
  double forward_seconds = 0;    // replaying the sequences: CNN, codebook, GRU, heads, loss
  double backward_seconds = 0;   // autograd
  double optimizer_seconds = 0;  // gradient clipping and the Adam step
};

class VisualPpoLearner {
 public:
  // kBehaviour samples with the training RNG (codebook dropout on) and
  // records the step; kGreedy (argmax) and kSample (the evaluation RNG)
  // record nothing. The shared PolicyMode (core/agent.h).
  using Mode = PolicyMode;

  VisualPpoLearner(const VisualPpoConfig& config, const EnvSpec& spec, int num_envs, uint64_t seed);
  ~VisualPpoLearner();
  VisualPpoLearner(const VisualPpoLearner&) = delete;
  VisualPpoLearner& operator=(const VisualPpoLearner&) = delete;

  // Writes one action per row into out.discrete (the VectorEnv's layout).
  void act(const VectorEnv& envs, Mode mode, const ActionBuffer& out);
  void on_step_end(const VectorEnv& envs, Mode mode);
  void reset_memory(Mode mode);
  void before_step(const VectorEnv& envs);
  void after_step(const VectorEnv& envs);
  Metrics update(const TrainProgress& progress);
  int64_t rollout_length() const;

  void save(std::ostream& out) const;
  void load(std::istream& in);

  // The codebook's code probabilities (before dropout) that the next act()
  // in `mode` would use on the envs' current observations, row-major
  // [rows, codebook_size] (rows = envs x agents); needs config.codebook. For
  // tools that show which codes the goal selects (ember_codebook_probe).
  std::vector<float> code_probabilities(const VectorEnv& envs, Mode mode);

  // Trainable parameters of the network (for tests and docs).
  int64_t parameter_count() const;
  // Times the update's phases into `profile` (null: stop timing).
  void set_profile(VisualPpoProfile* profile);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Empty when the visual PPO agent can drive envs of `spec`, else the reason
// (it needs a u8 [H, W, 3] "rgb" field, an f32 one-hot "goal" field and
// Discrete actions).
std::string visual_ppo_compatibility(const EnvSpec& spec);

}  // namespace ember
