// File: agents/imitation/pick_place_policy.h
//
// Runs a TransporterLearner on rows of a VectorEnv: reads each row's rgb and
// height maps in place and writes its pick-and-place into the action buffer,
// one batched forward pass for all rows. Shared by the transporter agent
// (every row, the env's instruction) and the planner's learned actor (the
// rows that have a step instruction).
#pragma once

#include <string>
#include <vector>

namespace ember {

class TransporterLearner;
class VectorEnv;

// rows[i] gets instructions[i].
void act_pick_place(TransporterLearner& learner, VectorEnv& envs, const std::vector<int>& rows,
                    const std::vector<std::string>& instructions);
// Every row, in order.
void act_pick_place(TransporterLearner& learner, VectorEnv& envs, const std::vector<std::string>& instructions);

}  // namespace ember
