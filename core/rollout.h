// File: core/rollout.h
//
// The one rollout loop. Every learner, evaluator and demo writer gathers
// experience through collect(); nothing else steps a VectorEnv.
//
//   loop:
//     policy.act(envs)            reads envs' observations, writes envs.actions()
//     sink.before_step(envs)      e.g. a rollout buffer copies obs and actions
//     envs.step()
//     sink.after_step(envs)       rewards, terminated/truncated, final observations
//     policy.on_step_end(envs)    recurrent policies reset memory where done
//     episodes.add(...)           finished episodes' returns, lengths, metrics
//
// Example (random actions for 1000 vector steps):
//   RandomPolicy policy(spec, rng_seed);
//   EpisodeLog log;
//   collect(envs, policy, CollectLimit::steps(1000), nullptr, &log);
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace ember {

class VectorEnv;

// Decides actions for every env of a VectorEnv at once.
class Policy {
 public:
  virtual ~Policy() = default;
  // Reads envs' current observations (and state, masks); writes one action
  // per env and agent into envs.actions().
  virtual void act(VectorEnv& envs) = 0;
  // Called after each step; envs.done() tells which envs started a new
  // episode, so recurrent policies reset those rows of their memory.
  virtual void on_step_end(const VectorEnv& /*envs*/) {}
  // Forget all memory (new batch of envs, evaluation start).
  virtual void reset_memory(int /*num_envs*/) {}
};

// Receives the transitions collect() produces.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void before_step(const VectorEnv& /*envs*/) {}
  virtual void after_step(const VectorEnv& /*envs*/) {}
};

struct EpisodeResult {
  int env_index = 0;
  double ret = 0.0;     // team return (see TeamReward)
  int64_t length = 0;
  bool truncated = false;
  std::vector<double> metrics;  // one per EnvSpec::episode_metrics
};

// Finished episodes, in the order they ended (env index breaks ties).
struct EpisodeLog {
  std::vector<EpisodeResult> episodes;
  void clear() { episodes.clear(); }
};

struct CollectLimit {
  // Stop after this many vector steps (each steps every env once) ...
  int64_t vector_steps = 0;
  // ... or once every env has finished this many episodes; episodes beyond
  // the quota are not logged, which keeps evaluation free of the bias
  // towards short episodes that "first K episodes overall" would have.
  int64_t episodes_per_env = 0;

  static CollectLimit steps(int64_t n) { return {n, 0}; }
  static CollectLimit episodes(int64_t per_env) { return {0, per_env}; }
};

// Runs the loop. `sink` and `log` may be null. Returns the vector steps taken.
// `should_stop` (optional) is polled every step; a true value ends the loop
// early (used for Ctrl-C).
int64_t collect(VectorEnv& envs, Policy& policy, const CollectLimit& limit, Sink* sink,
                EpisodeLog* log, const std::atomic<bool>* should_stop = nullptr);

}  // namespace ember
