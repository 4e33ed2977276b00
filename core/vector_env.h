// File: core/vector_env.h
//
// VectorEnv steps N envs of the same spec as one batch. It owns one
// contiguous buffer per observation field, shaped [N, agents, ...], plus
// rewards [N, agents], terminated/truncated/done flags [N], the global state
// [N, ...] and action masks [N, agents, n]. Policies read these buffers in
// place (torch::from_blob, no copies) and write actions into actions().
//
// Autoreset (SAME_STEP, as in gym <= 0.26 and SB3): an env whose episode ends
// in step() is reset inside that same step. Its observation buffer then holds
// the first observation of the new episode, and final_field()/final_state()
// hold the last observation of the finished one, so a learner can bootstrap
// V(final obs) on truncation. Rewards and flags describe the finished step.
//
// Seeding: reset(seed) seeds env i with derive_seed(seed, i) once; later
// autoresets continue each env's own stream, so results depend only on the
// seed and N, never on the thread count.
//
// Example:
//   VectorEnv envs(make_envs(8), /*num_threads=*/1);
//   envs.reset(/*seed=*/1);
//   for (...) { fill envs.discrete_actions(); envs.step(); read envs.rewards(); }
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <vector>

#include "core/env.h"
#include "core/env_spec.h"

namespace ember {

class ThreadPool;

// How closely two specs must agree in same_layout().
enum class LayoutMatch {
  // Everything a batch buffer or a learner relies on: id, agents, action
  // space, observation fields and state with their bounds, action mask,
  // episode metrics. The envs of one VectorEnv must match exactly.
  kExact,
  // Only what a trained agent's networks depend on: agents, action space,
  // observation field names, shapes and dtypes, state shape. Bounds, ids and
  // metrics may differ (a suite's tasks are other envs of the same layout).
  kShapes,
};

// True when envs of spec `a` and spec `b` can share buffers (kExact) or one
// agent (kShapes).
//   if (!same_layout(trained_spec, task_spec, LayoutMatch::kShapes)) skip(task);
bool same_layout(const EnvSpec& a, const EnvSpec& b, LayoutMatch match = LayoutMatch::kExact);

class VectorEnv {
 public:
  // All envs must share one spec (same id, spaces and agent count).
  // num_threads <= 1 steps envs on the calling thread.
  VectorEnv(std::vector<std::unique_ptr<Env>> envs, int num_threads = 1);
  ~VectorEnv();
  VectorEnv(const VectorEnv&) = delete;
  VectorEnv& operator=(const VectorEnv&) = delete;

  const EnvSpec& spec() const { return spec_; }
  int num_envs() const { return num_envs_; }
  int num_agents() const { return spec_.num_agents; }
  int num_threads() const { return num_threads_; }
  Env& env(int i) { return *envs_[i]; }

  // Seeds and resets every env.
  void reset(uint64_t seed);
  // Resets env i into an explicit start state (spec().supports_start_state).
  void reset_env_to_state(int i, const YAML::Node& state);
  // Steps every env with the actions in actions(); validates them first
  // (std::invalid_argument naming env, agent and value on a bad action).
  void step();

  // ---- batch buffers ----
  void* field(int index) { return fields_[index].data(); }
  const void* field(int index) const { return fields_[index].data(); }
  template <typename T> const T* field_as(int index) const { return static_cast<const T*>(field(index)); }
  // Last observation of the episode that ended in the latest step (valid where done()).
  const void* final_field(int index) const { return final_fields_[index].data(); }
  const float* state() const { return state_.data(); }
  const float* final_state() const { return final_state_.data(); }
  const int32_t* action_mask() const { return action_mask_.data(); }
  const float* rewards() const { return rewards_.data(); }
  const uint8_t* terminated() const { return terminated_.data(); }
  const uint8_t* truncated() const { return truncated_.data(); }
  const uint8_t* done() const { return done_.data(); }
  int32_t* discrete_actions() { return discrete_actions_.data(); }
  float* continuous_actions() { return continuous_actions_.data(); }
  const int32_t* discrete_actions() const { return discrete_actions_.data(); }
  const float* continuous_actions() const { return continuous_actions_.data(); }

  // Bytes of one env's slice of observation field `index`.
  size_t field_stride(int index) const { return field_strides_[index]; }

  // ---- finished episodes (valid for env i where done()[i]) ----
  double episode_return(int i) const { return finished_return_[i]; }
  int64_t episode_length(int i) const { return finished_length_[i]; }
  const double* episode_metrics(int i) const {
    return finished_metrics_.data() + static_cast<size_t>(i) * spec_.episode_metrics.size();
  }
  // Steps taken so far in env i's current episode.
  int64_t elapsed(int i) const { return elapsed_[i]; }

  // Full state (every env's snapshot plus episode counters), for checkpoints.
  // Requires spec().supports_snapshot.
  void save(std::ostream& out) const;
  void load(std::istream& in);

 private:
  EnvSlot slot(int i);
  void step_range(int begin, int end);
  void step_one(int i);
  void validate_actions() const;

  std::vector<std::unique_ptr<Env>> envs_;
  EnvSpec spec_;
  int num_envs_ = 0;
  int num_threads_ = 1;
  std::unique_ptr<ThreadPool> pool_;

  std::vector<std::vector<unsigned char>> fields_, final_fields_;
  std::vector<size_t> field_strides_;
  std::vector<std::vector<void*>> slot_fields_;  // per env: pointers into fields_
  std::vector<float> state_, final_state_;
  std::vector<int32_t> action_mask_;
  std::vector<float> rewards_;
  std::vector<uint8_t> terminated_, truncated_, done_;
  std::vector<int32_t> discrete_actions_;
  std::vector<float> continuous_actions_;

  std::vector<double> running_return_, finished_return_;
  std::vector<int64_t> elapsed_, finished_length_;
  std::vector<double> finished_metrics_;
};

}  // namespace ember
