// File: agents/scripted/objectnav_oracle.h
//
// Agent "objectnav_oracle": the shortest-path expert of the objectnav env
// (envs/navigation/objectnav_oracle.h), as a torch-free scripted agent for
// evaluation and demonstrations. A Policy only sees the VectorEnv's buffers,
// so it reaches each env's state through the env's expert-action hook:
// envs.env(i).expert_action(...) (the Env expert hook). It works only on
// "objectnav" (construction throws otherwise) and does not learn.
//
// Example (configs/navigation/oracle.yaml):
//   agent: {id: objectnav_oracle}
#pragma once

#include <memory>

#include "core/agent.h"
#include "core/rollout.h"

namespace ember {

class Registry;

// Fills every env's action with its expert action (throws std::runtime_error
// when an env has no expert).
class ObjectNavOraclePolicy : public Policy {
 public:
  void act(VectorEnv& envs) override;
};

std::unique_ptr<Agent> make_objectnav_oracle_agent(const AgentContext& context);
void register_objectnav_oracle_agent(Registry& registry);

}  // namespace ember
