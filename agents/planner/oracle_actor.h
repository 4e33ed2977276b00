// File: agents/planner/oracle_actor.h
//
// The oracle actor: carries a step instruction out with the env's ground
// truth, through the env's InstructionGrounding capability
// (core/instruction_grounding.h; tabletop: envs/tabletop/tasks/step_grounding.h)
// — the pick-and-place the scripted oracle would do for that step. With it,
// whatever a planner-actor agent gets wrong is a planning error: the
// "oracle manipulation" row of the results.
#pragma once

#include "agents/planner/actor.h"

namespace ember {

class OracleActor : public Actor {
 public:
  // Throws std::runtime_error naming the env when it cannot ground steps.
  std::vector<std::string> act(VectorEnv& envs, const std::vector<ActorRequest>& requests) override;
};

}  // namespace ember
