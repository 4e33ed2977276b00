// File: agents/common/learner_policy.h
//
// A Policy that acts with a learner in one of its modes (behaviour, greedy,
// sampled evaluation): the adaptor every PPO-style agent hands to
// collect(), written once. The learner provides
//   act(const VectorEnv&, Mode, const ActionBuffer&),
//   on_step_end(const VectorEnv&, Mode), reset_memory(Mode).
//
// Example:
//   LearnerPolicy<PpoLearner> greedy(learner, PpoLearner::Mode::kGreedy);
//   collect(envs, greedy, CollectLimit::episodes(1), nullptr, &log);
#pragma once

#include "core/env.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

template <typename Learner>
class LearnerPolicy : public Policy {
 public:
  using Mode = typename Learner::Mode;
  LearnerPolicy(Learner& learner, Mode mode) : learner_(learner), mode_(mode) {}
  void act(VectorEnv& envs) override {
    learner_.act(envs, mode_, ActionBuffer{envs.discrete_actions(), envs.continuous_actions()});
  }
  void on_step_end(const VectorEnv& envs) override { learner_.on_step_end(envs, mode_); }
  void reset_memory(int) override { learner_.reset_memory(mode_); }

 private:
  Learner& learner_;
  Mode mode_;
};

}  // namespace ember
