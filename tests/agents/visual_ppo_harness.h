// File: tests/agents/visual_ppo_harness.h
//
// Test helper shared by the visual PPO tests (visual_ppo_test.cpp,
// encoder_pretrain_test.cpp): one rollout of a VisualPpoLearner's behaviour
// policy through collect(), recorded by the learner, then its update.
//
// Example:
//   Metrics m = collect_and_update(learner, *envs, /*steps_done=*/0);
#pragma once

#include <cstdint>

#include "agents/common/learner_policy.h"
#include "agents/ppo/visual_ppo_learner.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

inline Metrics collect_and_update(VisualPpoLearner& learner, VectorEnv& envs, int64_t steps_done) {
  struct LearnerSink : Sink {
    VisualPpoLearner& l;
    explicit LearnerSink(VisualPpoLearner& l) : l(l) {}
    void before_step(const VectorEnv& e) override { l.before_step(e); }
    void after_step(const VectorEnv& e) override { l.after_step(e); }
  } sink(learner);
  LearnerPolicy<VisualPpoLearner> policy(learner, VisualPpoLearner::Mode::kBehaviour);
  collect(envs, policy, CollectLimit::steps(learner.rollout_length()), &sink, nullptr);
  return learner.update({steps_done + learner.rollout_length() * envs.num_envs(), 1'000'000});
}

}  // namespace ember
