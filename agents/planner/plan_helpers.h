// File: agents/planner/plan_helpers.h
//
// Shared pieces of the symbolic planner's per-family plans
// (symbolic_planner.cpp: bowls, zones, pairs, areas; stack_plans.cpp: the
// stacking families). Internal to agents/planner/.
#pragma once

#include <string>
#include <vector>

#include "agents/planner/planner.h"
#include "agents/planner/scene_text.h"
#include "agents/planner/task_instruction.h"

namespace ember::plan {

// The first of `candidates` with nothing on it, else the first; -1 if empty.
int first_movable(const SceneText& scene, const std::vector<int>& candidates);
// "pick up the {o} and place it on the {place}."
PlannerReply move(const SceneText& scene, int object, const std::string& place);

PlannerReply stack_in_area(const TaskInstruction& task, const SceneText& scene);   // D
PlannerReply same_size(const SceneText& scene);                                     // G
PlannerReply alternate_colors(const SceneText& scene);                              // H
PlannerReply same_color(const SceneText& scene);                                    // K

}  // namespace ember::plan
