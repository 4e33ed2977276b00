// File: envs/tabletop/tasks/oracle.h
//
// The scripted expert of reference/lohoravens.md §6: one pick-and-place per
// call, chosen from the first remaining goal step and the current scene.
//   1. Drop object/target pairs that are already satisfied (pose goals
//      without replacement: is_match; zone goals: the object's sample points
//      are all inside the zone — an ember reading, the reference re-picks
//      objects already in the zone when they happen to be the farthest).
//   2. For each remaining object, its nearest allowed target (3-D distance);
//      move the object farthest from its nearest target first.
//   3. Pick a uniformly random pixel of the object's visible mask in the
//      top-down object map (the object centre when it has no visible pixel
//      or no map is given); the pick yaw is 0.
//   4. Place pose = target pose ∘ (object → pick offset), so the object's
//      centre lands on the target and, with `rotations` and a target that
//      is not a bowl (oracle_turns_to_target), its yaw on the target's yaw
//      (a block by the smallest such turn, within ±45°: a cube is the same
//      after a quarter turn); otherwise the place yaw is 0.
// Zone targets are the zone centre. Targets are the goals' frozen poses, so
// the oracle needs nothing beyond the remaining goals, the scene and a map.
//
// Each step also has its language form, "pick up the {pick} and place it on
// the {place}." Stacking targets are named after the block currently on top
// of the target (read from the object map) so the instruction can be
// followed literally; bowls, zones and areas by their own names.
//
// Example:
//   std::optional<OracleStep> step = oracle_step(scene, tracker, maps, episode.sized_names, rng);
//   if (step) execute(step->action);   // else: nothing left to do
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/rng.h"
#include "envs/tabletop/scene.h"
#include "envs/tabletop/tasks/goals.h"
#include "envs/tabletop/top_down_maps.h"

namespace ember::tabletop {

struct OracleStep {
  PickPlace action;        // scene.h; the held object moves rigidly by place ∘ pick⁻¹
  int pick_object = -1;    // Scene id of the object to move
  int target_index = -1;   // into remaining_goals.front().targets
  std::string instruction; // "pick up the red block and place it on the blue bowl."
};

// The next expert action, or nullopt when no goal remains or every object of
// the current goal step is already satisfied or has no allowed target left.
// `maps` may be empty (no object map): picks then use object centres.
std::optional<OracleStep> oracle_step(const std::vector<GoalStep>& remaining_goals, const Scene& scene,
                                      const TopDownMaps& maps, bool sized_names, Rng& rng);

// The same for the tracker's current goals (the env's usual call).
std::optional<OracleStep> oracle_step(const Scene& scene, const RewardTracker& tracker, const TopDownMaps& maps,
                                      bool sized_names, Rng& rng);

// The pieces oracle_step() is made of, for actors that ground a step
// instruction the way the oracle would (step_grounding.h).
//
// Steps 1-2 for one goal step: every object that still needs moving, with
// its allowed targets (indices into goal.targets, nearest first), farthest
// object first. Empty when nothing needs moving.
struct OracleMove {
  int goal_object = -1;      // index into goal.objects
  int object = -1;           // Scene id
  std::vector<int> targets;  // allowed targets, nearest first
  double distance = 0.0;     // to the nearest one
};
std::vector<OracleMove> oracle_moves(const GoalStep& goal, const Scene& scene);
// Steps 3-4: a random visible pixel of `pick_id` (its centre without a map)
// and the place pose that puts the object's centre on `target`, turned by
// the target's yaw when `rotations`.
PickPlace oracle_pick_place(const Scene& scene, const TopDownMaps& maps, int pick_id, const Pose& target,
                            bool rotations, Rng& rng);
// Whether the oracle turns the object to target `target_j`'s yaw: when the
// goal says so (`rotations`) and the target is not a bowl. A bowl is round:
// its yaw is invisible and no goal checks it, so the reference's turn to it
// would be a label no imitator can read off the maps (an ember reading; the
// scores are the same either way).
bool oracle_turns_to_target(const GoalStep& goal, int target_j, const Scene& scene);
// The name a step instruction gives target `target_j` of `goal`.
std::string oracle_place_name(const GoalStep& goal, int target_j, const Scene& scene, const TopDownMaps& maps,
                              int pick_id, bool sized_names);

// "pick up the {pick} and place it on the {place}."
std::string step_instruction(const std::string& pick_name, const std::string& place_name);

}  // namespace ember::tabletop
