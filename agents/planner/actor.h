// File: agents/planner/actor.h
//
// The actor half of a planner-actor agent: turns (observation, step
// instruction) into one pick-and-place action per env. Batched, so a learned
// actor (a language-conditioned Transporter) can run one forward pass for
// every env that has a step; the oracle actor (oracle_actor.h) grounds each
// step with the env's ground truth instead.
//
// Example:
//   std::vector<ActorRequest> requests = {{0, "pick up the red block and place it on the red bowl."}};
//   std::vector<std::string> why = actor.act(envs, requests);   // "" where an action was written
#pragma once

#include <string>
#include <vector>

namespace ember {

class VectorEnv;

struct ActorRequest {
  int env_index = 0;
  std::string step_instruction;
};

class Actor {
 public:
  virtual ~Actor() = default;
  // Writes env r.env_index's row of envs' action buffer for every request r,
  // reading the observation there. Returns one string per request: empty when
  // an action was written, else why the step cannot be carried out (the row
  // is then left for the caller to fill with an idle action).
  virtual std::vector<std::string> act(VectorEnv& envs, const std::vector<ActorRequest>& requests) = 0;
};

}  // namespace ember
