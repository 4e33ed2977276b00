// File: agents/common/learner_agent.h
//
// An Agent that is one learner whose actions are always executed: PPO,
// IPPO, MAPPO (PpoLearner) and visual PPO (VisualPpoLearner). The learner
// acts in a PolicyMode (mode_policies.h) and is its own rollout store:
//   Learner(const Config&, const EnvSpec&, int num_envs, uint64_t seed)
//   act(const VectorEnv&, PolicyMode, const ActionBuffer&), on_step_end, reset_memory(PolicyMode)
//   before_step(const VectorEnv&), after_step(const VectorEnv&)
//   update(const TrainProgress&), rollout_length(), save(ostream&), load(istream&)
//
// Example:
//   return std::make_unique<LearnerAgent<PpoLearner>>(PpoConfig::from_params(ctx.params), ctx);
#pragma once

#include <istream>
#include <ostream>

#include "agents/common/mode_policies.h"

namespace ember {

// LearnerActor is the first base so that it exists when ModeAgent takes it;
// it only keeps a reference to learner_ until acting starts.
template <typename Learner>
class LearnerAgent : public LearnerActor<Learner>, public ModeAgent, public Sink {
 public:
  template <typename Config>
  LearnerAgent(const Config& config, const AgentContext& ctx)
      : LearnerActor<Learner>(learner_),
        ModeAgent(static_cast<ModeActor&>(*this)),
        learner_(config, ctx.spec, ctx.num_envs, ctx.seed) {}

  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return learner_.rollout_length(); }

  void before_step(const VectorEnv& envs) override { learner_.before_step(envs); }
  void after_step(const VectorEnv& envs) override { learner_.after_step(envs); }
  Metrics update(const TrainProgress& progress) override { return learner_.update(progress); }

  void save(std::ostream& out) const override { learner_.save(out); }
  void load(std::istream& in) override { learner_.load(in); }

 private:
  Learner learner_;
};

}  // namespace ember
