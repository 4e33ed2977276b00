// File: agents/planner/planner.h
//
// The planner half of a planner-actor agent (reference/lohoravens.md §9):
// closed loop, one call per env step, a planner reads the task instruction
// and the scene caption of the current state (explicit feedback: the env's
// describe() after every step) and answers with the next step instruction,
// in the env oracle's phrasing ("pick up the red block and place it on the
// blue bowl."), or Done. An actor (actor.h) carries the step out.
//
// Planners: symbolic_planner.h (parses the LoHoRavens instruction families
// and plans from the caption text alone), oracle_planner.h (the env's own
// scripted step instructions), external_planner.h (any program speaking JSON
// lines on stdin/stdout). docs/agents/planner.md.
//
// Example:
//   PlannerRequest request{instruction, caption, step, env_index, &env};
//   PlannerReply reply = planner.next_step(request);
//   if (!reply.done) actor_requests.push_back({env_index, reply.step_instruction});
#pragma once

#include <memory>
#include <string>

namespace ember {

class Env;

struct PlannerRequest {
  std::string instruction;  // the task, e.g. "put the blocks in the bowls with matching colors."
  std::string caption;      // what is on the table now and where (the env's describe() minus the instruction)
  int step = 0;             // env steps taken in this episode so far
  int env_index = 0;        // which env of the batch (planners with a dialogue per episode key it by this)
  // Read by the oracle planner only (it is the env's own expert); every other
  // planner plans from the text above and must not touch it.
  Env* env = nullptr;
};

struct PlannerReply {
  bool done = false;
  std::string step_instruction;  // when !done

  static PlannerReply finished() { return {true, {}}; }
  static PlannerReply step(std::string text) { return {false, std::move(text)}; }
};

class Planner {
 public:
  virtual ~Planner() = default;
  // The next step for one env. Throws std::runtime_error (or
  // std::invalid_argument for an instruction the planner cannot read) with a
  // message that names the offending input.
  virtual PlannerReply next_step(const PlannerRequest& request) = 0;
};

}  // namespace ember
