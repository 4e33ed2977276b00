// File: envs/tabletop/tasks/step_grounding.h
//
// The oracle actor's half of the tabletop env: turns a step instruction in
// the oracle's phrasing,
//   "pick up the {pick} and place it on the {place}."
// into the pick-and-place the scripted oracle (oracle.h) would execute for
// it, using the scene's ground truth. {pick} names a block ("red block",
// "smaller red block"); {place} a block, a bowl or zone ("blue bowl"), an
// area ("top left area") or "center". Matching ignores case, spacing and the
// final period; a name without a size word matches blocks of either size.
//
// How a named step becomes an action (ember choices, docs/agents/planner.md):
//  - Geometry is the oracle's: a random visible pixel of the picked block,
//    placed so that its centre lands on the target (oracle_pick_place).
//  - When the step is one the oracle could take — the picked block is an
//    object of a remaining goal step and the place stands for one of its
//    allowed targets (the target object itself, a block resting over the
//    target point, or the named area) — the goal's frozen target pose and
//    rotation rule are used, exactly as the oracle does. Otherwise the
//    target is the named object's current pose (blocks and bowls: its yaw
//    too; zones, areas and the center: no turn), areas their centre.
//  - Ambiguous names (two "red block"s) are read in the task's favour: the
//    block the oracle would move first among those named (goal steps in
//    order), else one not yet at the named place with nothing on it; for
//    the place, one that stands for an allowed target of
//    the picked block, else the topmost. A perfect actor executes any
//    reading of an instruction that is a correct step, so what remains is a
//    planning error.
//
// Example:
//   Grounding g = ground_step_instruction(text, scene, tracker.remaining_goals(), maps, rng);
//   if (g.step) execute(g.step->action); else log(g.error);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/rng.h"
#include "envs/tabletop/scene.h"
#include "envs/tabletop/tasks/goals.h"
#include "envs/tabletop/tasks/oracle.h"
#include "envs/tabletop/top_down_maps.h"

namespace ember::tabletop {

// The two names of "pick up the X and place it on the Y.", lower-cased,
// without "the"; nullopt when the text is not of that form.
struct StepNames {
  std::string pick, place;
};
std::optional<StepNames> parse_step_instruction(const std::string& text);

// An action (step, with pick_object set and target_index -1 when the target
// is not one of the current goal's) or the reason there is none.
struct Grounding {
  std::optional<OracleStep> step;
  std::string error;
};
Grounding ground_step_instruction(const std::string& instruction, const Scene& scene,
                                  const std::vector<GoalStep>& remaining_goals, const TopDownMaps& maps, Rng& rng);

}  // namespace ember::tabletop
