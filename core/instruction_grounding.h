// File: core/instruction_grounding.h
//
// An optional capability of an env, beside Env: carrying out a step
// instruction in words ("pick up the red block and place it on the blue
// bowl.") with the env's ground truth. It is the "oracle actor" of a
// planner-actor agent (agents/planner/): given the planner's step, the env
// writes the action its scripted expert would take for that step, so an
// evaluation can tell planning errors (a wrong step) from manipulation errors
// (a right step done badly by a learned actor).
//
// It is a separate interface, not part of Env, so that envs without language
// steps are untouched and agents never depend on a concrete env type: an agent
// asks `dynamic_cast<InstructionGrounding*>(&envs.env(i))`.
//
// Example:
//   auto* grounding = dynamic_cast<InstructionGrounding*>(&envs.env(i));
//   std::string why = grounding->ground_instruction("pick up the red block and place it on the red bowl.", out);
//   if (!why.empty()) grounding->idle_action(out);   // the step names nothing on the table
#pragma once

#include <string>

#include "core/env.h"

namespace ember {

class InstructionGrounding {
 public:
  virtual ~InstructionGrounding() = default;
  // Writes one env's action (as Env::expert_action does) that carries out
  // `instruction` in the current state and returns an empty string, or
  // leaves `out` untouched and returns why the instruction cannot be carried
  // out (it does not parse, or names nothing on the table).
  virtual std::string ground_instruction(const std::string& instruction, const ActionBuffer& out) = 0;
  // An action that changes nothing: what an agent does on a step where it
  // has nothing to carry out (the planner is done, or the step is unusable).
  virtual void idle_action(const ActionBuffer& out) = 0;
};

}  // namespace ember
