// File: agents/scripted/random_agent.h
//
// The uniform random agent: a baseline for every env (respecting action masks
// when the env declares them) and the reference point "learning" is measured
// against. It does not learn; update() is a no-op.
#pragma once

#include <memory>

#include "core/agent.h"
#include "core/rollout.h"
#include "core/rng.h"

namespace ember {

class Registry;

// Uniformly random legal actions for every env and agent.
class RandomPolicy : public Policy {
 public:
  RandomPolicy(const EnvSpec& spec, uint64_t seed) : spec_(spec), rng_(seed) {}
  void act(VectorEnv& envs) override;

 private:
  EnvSpec spec_;
  Rng rng_;
};

std::unique_ptr<Agent> make_random_agent(const AgentContext& context);
void register_random_agent(Registry& registry);

}  // namespace ember
