// File: core/random_policy.h
//
// Uniformly random legal actions for every env and agent of a VectorEnv:
// the baseline "learning" is measured against, the driver of `ember
// check-env`, and the load of the env-stepping benchmarks. Discrete actions
// are uniform per component, masked ones uniform over the legal actions,
// continuous ones uniform in the box. No LibTorch, so torch-free binaries
// (benchmarks, plugins) use the very rule the `random` agent does.
#pragma once

#include <cstdint>

#include "core/env_spec.h"
#include "core/rng.h"
#include "core/rollout.h"

namespace ember {

class RandomPolicy : public Policy {
 public:
  RandomPolicy(const EnvSpec& spec, uint64_t seed) : spec_(spec), rng_(seed) {}
  // Throws std::runtime_error when an env masks every action of an agent.
  void act(VectorEnv& envs) override;

 private:
  EnvSpec spec_;
  Rng rng_;
};

}  // namespace ember
