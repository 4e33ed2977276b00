// File: agents/scripted/oracle_agent.h
//
// Agent "oracle": acts with the env's own scripted expert — the shortest-path
// expert of objectnav, the pick-and-place oracle of the tabletop tasks — for
// evaluation, sanity checks and demonstrations. A Policy only sees the
// VectorEnv's buffers, so it asks each env through the Env expert hook
// (Env::expert_action). Works with every env whose spec declares has_expert,
// Discrete or Box actions alike; it does not learn.
//
// Example (configs/navigation/oracle.yaml, configs/tabletop/oracle.yaml):
//   agent: {id: oracle}
#pragma once

#include <memory>

#include "core/agent.h"
#include "core/rollout.h"

namespace ember {

class Registry;

// Fills every env's action with its expert action (throws std::runtime_error
// when an env has no expert).
class OraclePolicy : public Policy {
 public:
  void act(VectorEnv& envs) override;
};

std::unique_ptr<Agent> make_oracle_agent(const AgentContext& context);
void register_oracle_agent(Registry& registry);

}  // namespace ember
