// File: run/demo_recorder.h
//
// DemoRecorder is the Sink that turns what collect() feeds it into
// demonstration episodes (core/demonstrations.h): per step env 0's
// observation before the action, the action the policy wrote, the expert's
// step instruction and the per-agent rewards; at the episode's end the final
// observation, how it ended and its metrics. It hands each finished episode
// to a callback, which decides whether to go on; stop() tells collect() when
// to end (the callback has had enough, or an interrupt flag was raised).
//
// Example (record the oracle until 10 episodes were kept):
//   envs.reset(seed);
//   DemoRecorder recorder(envs, [&](const DemoEpisode& e) { save(e); return ++n < 10; }, &interrupted);
//   collect(envs, oracle, CollectLimit::steps(kForever), &recorder, nullptr, recorder.stop());
//
// Records env 0 of a one-env VectorEnv; construct it after the reset, since
// it reads the first episode's description then.
#pragma once

#include <atomic>
#include <functional>

#include "core/demonstrations.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

class DemoRecorder : public Sink {
 public:
  // Returns false when no more episodes are wanted.
  using EpisodeCallback = std::function<bool(const DemoEpisode&)>;

  DemoRecorder(VectorEnv& envs, EpisodeCallback on_episode, const std::atomic<bool>* interrupt = nullptr);

  void before_step(const VectorEnv& envs) override;
  void after_step(const VectorEnv& envs) override;

  // The flag collect() polls (its should_stop argument).
  const std::atomic<bool>* stop() const { return &stop_; }

 private:
  void start();
  void append_observation(const VectorEnv& envs, bool final);
  void finish(const VectorEnv& envs);

  VectorEnv& envs_;  // for the env's describe() and expert_instruction()
  EpisodeCallback on_episode_;
  const std::atomic<bool>* interrupt_;
  std::atomic<bool> stop_{false};
  DemoEpisode episode_;
};

}  // namespace ember
