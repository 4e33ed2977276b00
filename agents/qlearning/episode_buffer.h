// File: agents/qlearning/episode_buffer.h
//
// Episode replay for multi-agent value learners (IQL, VDN, QMIX) and MANSA:
// a ring of whole episodes, each stored padded to the env's time limit, so a
// sampled batch is a dense [batch, T(+1), ...] block that a recurrent agent
// network can unroll. It is also the Sink that collect() feeds: every env
// has a staging episode that is committed to the ring when it ends (the final
// observation and state come from VectorEnv's final_field, so truncated
// episodes bootstrap correctly).
//
// Per episode, with T = max_len and A agents:
//   obs      [T+1, A, obs_dim]   state [T+1, state_dim]   avail [T+1, A, n_actions]
//   actions  [T, A]              reward [T] (team reward) terminated [T]
//   filled   [T] (1 for steps that happened)              flag [T] (MANSA: 1 = CL acted)
//
// Torch-free: the learner wraps the arrays with from_blob.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <vector>

#include "core/env_spec.h"
#include "core/rng.h"
#include "core/rollout.h"

namespace ember {

struct EpisodeLayout {
  int64_t max_len = 0;  // T
  int64_t agents = 0;
  int64_t obs_dim = 0;
  int64_t state_dim = 0;
  int64_t actions = 0;  // n (Discrete)

  // From an env spec: obs = the "obs" f32 field; the state is the env's
  // global state or, without one, the agents' observations concatenated.
  static EpisodeLayout from_spec(const EnvSpec& spec, int64_t max_len);
};

// Flat storage of `capacity` episodes.
struct EpisodeArrays {
  std::vector<float> obs, state, avail, reward, terminated, filled, flag;
  std::vector<int64_t> actions;
  void resize(const EpisodeLayout& l, int64_t capacity);
};

class EpisodeBuffer : public Sink {
 public:
  EpisodeBuffer(const EnvSpec& spec, EpisodeLayout layout, int64_t capacity, int num_envs);

  const EpisodeLayout& layout() const { return layout_; }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  // Episodes committed since construction (monotonic).
  int64_t episodes_added() const { return added_; }
  const EpisodeArrays& storage() const { return ring_; }

  // The flag stored with the next step of every env (MANSA's g_t); default 1.
  void set_step_flags(const std::vector<float>& flags) { step_flags_ = flags; }

  // Sink interface.
  void before_step(const VectorEnv& envs) override;
  void after_step(const VectorEnv& envs) override;

  // `batch` distinct-if-possible episode indices into storage(), uniformly.
  std::vector<int64_t> sample(int64_t batch, Rng& rng) const;

  // Full contents (ring and staging) for exact resume.
  void save(std::ostream& out) const;
  void load(std::istream& in);

 private:
  void write_observation(const VectorEnv& envs, int env, int64_t t, bool final);
  void commit(int env);

  EpisodeLayout layout_;
  int64_t capacity_ = 0, size_ = 0, next_ = 0, added_ = 0;
  int obs_field_ = 0;
  bool env_has_state_ = false, env_has_mask_ = false, shared_reward_ = false;
  EpisodeArrays ring_, staging_;  // staging holds one episode per env
  std::vector<int64_t> staging_t_;
  std::vector<float> step_flags_;
};

}  // namespace ember
