// File: agents/common/learner_policy.h
//
// One mode's Policy of a PPO-style learner (act(const VectorEnv&, PolicyMode,
// const ActionBuffer&), on_step_end(const VectorEnv&, PolicyMode),
// reset_memory(PolicyMode)), for tests and tools that drive a learner
// without an agent around it. It is the agents' adaptor (mode_policies.h)
// over a LearnerActor, so a learner acts the same way in both.
//
// Example:
//   LearnerPolicy<PpoLearner> greedy(learner, PolicyMode::kGreedy);
//   collect(envs, greedy, CollectLimit::episodes(1), nullptr, &log);
#pragma once

#include "agents/common/mode_policies.h"

namespace ember {

template <typename Learner>
class LearnerPolicy : public Policy {
 public:
  LearnerPolicy(Learner& learner, PolicyMode mode) : actor_(learner), policy_(actor_, mode) {}
  void act(VectorEnv& envs) override { policy_.act(envs); }
  void on_step_end(const VectorEnv& envs) override { policy_.on_step_end(envs); }
  void reset_memory(int num_envs) override { policy_.reset_memory(num_envs); }

 private:
  LearnerActor<Learner> actor_;
  ModePolicy policy_;
};

}  // namespace ember
