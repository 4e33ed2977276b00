// File: envs/tabletop/tasks/task_common.h
//
// Shared building blocks of the task generators (internal to tasks/): the
// reference's random draws (randint, random.sample, coin flips) written over
// ember's Rng, distractor colors, goal-step constructors that fill target
// names, a retry loop for scenes that do not fit, and the factory of each
// task family (defined in its own .cpp, listed by task_registry.cpp).
//
// Example (inside a generator):
//   const int n = uniform_int_inclusive(rng, 5, 7);
//   std::vector<int> colors = sample_without_replacement(rng, split_colors(split), n);
//   episode.goals.push_back(pose_goal(scene, blocks, targets, base_ids, identity_matches(n), ...));
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "envs/tabletop/scene.h"
#include "envs/tabletop/tasks/goals.h"
#include "envs/tabletop/tasks/task.h"

namespace ember::tabletop {

class SceneSampler;

// Uniform integer in [low, high] (numpy randint(low, high + 1)).
int uniform_int_inclusive(Rng& rng, int low, int high);
// k distinct elements in random order (random.sample).
std::vector<int> sample_without_replacement(Rng& rng, std::vector<int> pool, int k);
// The reference's `np.random.rand() > 0.5`.
bool coin_flip(Rng& rng);
// Colors of all_colors() not in `used`, in all_colors() order (the
// reference's distractor color lists).
std::vector<int> colors_not_in(const std::vector<int>& used);

// A target at `base`'s frozen xy and yaw, at height z (z is informational:
// is_match ignores it; the oracle orders by 3-D distance as the reference).
Pose target_at(const SceneObject& base, double z);

// A 'pose' goal step. target_objects[j] is the Scene id target j stands for
// (-1: a bare place named by place_names[j]).
struct PoseGoalSpec {
  std::vector<int> objects;
  double symmetry = kNoSymmetry;  // the same for every object
  std::vector<Pose> targets;
  std::vector<int> target_objects;
  std::vector<std::string> place_names;  // only read where target_objects[j] == -1
  std::vector<uint8_t> matches;
  double pos_eps = 0.01;
  double max_reward = 1.0;
};
GoalStep pose_goal(const Scene& scene, const PoseGoalSpec& spec, bool sized_names);

// A 'zone' goal step (replace = true, rotations = false, as every zone goal
// of the reference): objects scored in `scored_zone`, the oracle aims at
// `target` (the zone centre), named after `target_object` or `place_name`.
GoalStep zone_goal(const Scene& scene, const std::vector<int>& objects, const ZoneRegion& scored_zone,
                   const Pose& target, int target_object, const std::string& place_name, double max_reward,
                   bool sized_names);

// Places n small blocks, block i in colors[i % colors.size()], appending
// their Scene ids to `blocks`; false when one does not fit.
bool place_blocks_cycling_colors(SceneSampler& sampler, const std::vector<int>& colors, int n,
                                 std::vector<int>& blocks);
// Places one zone per color (drawn as the kZoneSize outline). A zone that
// finds no room is retried 0.01 m smaller (reference), never below the
// outline (ember); the size reached carries over to the next zone, as in the
// reference. Appends the Scene ids to `zones` and each zone's final size to
// `sizes`; false when a zone does not fit at any size.
bool place_shrinking_zones(SceneSampler& sampler, const std::vector<int>& colors, double start_size,
                           std::vector<int>& zones, std::vector<double>& sizes);

// Calls `attempt` on fresh episodes until it returns true (a scene that fit
// on the table). Throws std::runtime_error naming the task after 100 tries.
TaskEpisode generate_with_retries(const std::string& task_name,
                                  const std::function<bool(TaskEpisode&)>& attempt);

// Task families (one .cpp each).
std::unique_ptr<Task> make_primitive_task(const std::string& name);  // the three primitives
std::unique_ptr<Task> make_bowl_task(const std::string& name);       // B, F
std::unique_ptr<Task> make_size_task(const std::string& name);       // C, G, I
std::unique_ptr<Task> make_area_task(const std::string& name, const TaskOptions& options);  // D, J
std::unique_ptr<Task> make_even_zone_task(const TaskOptions& options);                     // E
std::unique_ptr<Task> make_stacking_task(const std::string& name);   // H, K
std::unique_ptr<Task> make_classic_task(const std::string& name);    // place-red-in-green, stack-block-pyramid

}  // namespace ember::tabletop
