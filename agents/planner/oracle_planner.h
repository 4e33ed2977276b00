// File: agents/planner/oracle_planner.h
//
// The oracle planner: the env's own scripted step instructions
// (Env::expert_instruction, tabletop: "pick up the smaller red block and
// place it on the bigger red block."), Done when the expert has nothing left
// to move. Paired with a learned actor it measures manipulation errors alone;
// paired with the oracle actor it reproduces the scripted oracle.
#pragma once

#include "agents/planner/planner.h"

namespace ember {

class OraclePlanner : public Planner {
 public:
  // Throws std::runtime_error when the request carries no env.
  PlannerReply next_step(const PlannerRequest& request) override;
};

}  // namespace ember
