// File: agents/planner/symbolic_planner.h
//
// A planner that reads the task instruction (task_instruction.h) and plans
// from the caption text alone (scene_text.h) — no env state beyond what the
// caption says. Every step it re-reads the caption and emits the first step
// still missing, so a step that failed (a dropped block, a toppled stack) is
// simply planned again, and Done means the caption shows the task finished.
// Its one memory (per env, reset at step 0): for J, the names of the blocks
// the first caption places in the source area, so a block that fell off the
// target pile into a third area is carried again.
//
// Per family (ember's rules; docs/agents/planner.md has the reasons):
//  B each block whose color has a bowl into that bowl.
//  F a one-to-one assignment of blocks to bowls of the block colors, never the
//    block's own color, keeping as many blocks where they already are as
//    possible (exhaustive over the at most 7! assignments).
//  C / I each smaller block onto the bigger block of its color; I first puts
//    every bigger block into the zone of its color.
//  E every block of a color with an even count into that color's zone.
//  J every block in the source area to the target area, bigger ones first.
//  D / G / H / K build one stack per group (D: the blocks in the area; G: per
//    size; H: all, in alternating colors; K: per color) on the group's
//    tallest stack, or on a base chosen by a fixed rule when nothing is
//    stacked yet: D a bigger block first, G and K the first listed, H a block
//    of the color with more blocks. The caption does not say which block the
//    reward takes as the base (the first one generated), so a guessed base can
//    be wrong; that is a planning error the results count.
//  primitives: the instruction itself, until the caption shows it done.
// Blocks with something on them are moved last (a pick from above lifts the
// top block).
//
// Example:
//   SymbolicPlanner planner;
//   PlannerReply r = planner.next_step({instruction, caption, step});
#pragma once

#include <map>
#include <string>
#include <vector>

#include "agents/planner/planner.h"
#include "agents/planner/scene_text.h"
#include "agents/planner/task_instruction.h"

namespace ember {

class SymbolicPlanner : public Planner {
 public:
  // std::invalid_argument for an instruction or caption it cannot read.
  PlannerReply next_step(const PlannerRequest& request) override;

 private:
  std::map<int, std::vector<std::string>> initial_source_;  // per env (J)
};

// The plan step for a parsed task and scene (the planner without parsing);
// `initial_source`: J's block names from the episode's first caption.
PlannerReply plan_step(const TaskInstruction& task, const SceneText& scene, int step,
                       const std::vector<std::string>& initial_source = {});

}  // namespace ember
