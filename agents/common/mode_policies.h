// File: agents/common/mode_policies.h
//
// The one adaptor between a learner that acts in a PolicyMode (core/agent.h)
// and the three Policy objects the Agent interface hands out: behaviour
// (training), greedy evaluation and sampled evaluation. Every learning agent
// (PPO, visual PPO, the Q agents, MANSA) acts as
//   act(envs, mode), on_step_end(envs, mode), reset_memory(num_envs, mode)
// and inherits the policies from ModeAgent, so no agent writes its own
// per-mode Policy classes.
//
// Example:
//   class MyAgent : public ModeActor, public ModeAgent, public Sink {   // ModeActor first:
//    public:                                                           // it is built before
//     MyAgent() : ModeAgent(static_cast<ModeActor&>(*this)) {}         // ModeAgent takes it
//     void act(VectorEnv& envs, PolicyMode mode) override { ... write envs' actions ... }
//     ...
//   };
//   collect(envs, agent.behaviour_policy(), ...);   // acts with PolicyMode::kBehaviour
#pragma once

#include "core/agent.h"
#include "core/env.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

// Something that acts in a mode, each mode keeping its own memory.
class ModeActor {
 public:
  virtual ~ModeActor() = default;
  // Writes the actions of every row of `envs` into the envs' action buffers.
  virtual void act(VectorEnv& envs, PolicyMode mode) = 0;
  // After envs.step(): recurrent state of the envs that finished is reset.
  virtual void on_step_end(const VectorEnv& envs, PolicyMode mode) = 0;
  // A new run of episodes on `num_envs` envs starts in `mode`.
  virtual void reset_memory(int num_envs, PolicyMode mode) = 0;
};

// The Policy of one mode of a ModeActor.
class ModePolicy : public Policy {
 public:
  ModePolicy(ModeActor& actor, PolicyMode mode) : actor_(actor), mode_(mode) {}
  void act(VectorEnv& envs) override { actor_.act(envs, mode_); }
  void on_step_end(const VectorEnv& envs) override { actor_.on_step_end(envs, mode_); }
  void reset_memory(int num_envs) override { actor_.reset_memory(num_envs, mode_); }

 private:
  ModeActor& actor_;
  PolicyMode mode_;
};

// An Agent whose three policies are one ModeActor's modes: behaviour ->
// kBehaviour, greedy -> kGreedy, evaluation(false) -> kSample.
class ModeAgent : public Agent {
 public:
  Policy& behaviour_policy() final { return behaviour_; }
  Policy& greedy_policy() final { return greedy_; }
  Policy& evaluation_policy(bool deterministic) final { return deterministic ? greedy_ : sample_; }

 protected:
  // `actor` acts for every mode; often the derived agent itself, which then
  // lists ModeActor before ModeAgent among its bases (so that base exists
  // when this one is built). It is not called during construction.
  explicit ModeAgent(ModeActor& actor)
      : behaviour_(actor, PolicyMode::kBehaviour), greedy_(actor, PolicyMode::kGreedy),
        sample_(actor, PolicyMode::kSample) {}

 private:
  ModePolicy behaviour_, greedy_, sample_;
};

// A learner with the PPO-style acting interface
//   act(const VectorEnv&, PolicyMode, const ActionBuffer&),
//   on_step_end(const VectorEnv&, PolicyMode), reset_memory(PolicyMode)
// as a ModeActor that acts into the envs' own action buffers.
template <typename Learner>
class LearnerActor : public ModeActor {
 public:
  explicit LearnerActor(Learner& learner) : learner_(learner) {}
  void act(VectorEnv& envs, PolicyMode mode) override {
    learner_.act(envs, mode, ActionBuffer{envs.discrete_actions(), envs.continuous_actions()});
  }
  void on_step_end(const VectorEnv& envs, PolicyMode mode) override { learner_.on_step_end(envs, mode); }
  void reset_memory(int, PolicyMode mode) override { learner_.reset_memory(mode); }

 private:
  Learner& learner_;
};

}  // namespace ember
