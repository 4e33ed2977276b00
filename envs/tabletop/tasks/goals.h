// File: envs/tabletop/tasks/goals.h
//
// What counts as done on the table: goal steps and the partial-credit reward
// of reference/lohoravens.md §5, computed from a Scene alone (no physics).
//
// A task lists its goal steps in order. Only the first remaining step is
// scored; when its reward is within 0.01 of its weight it is popped and its
// weight becomes banked progress. The reward of an env step is the change of
// (progress + reward of the current step), so an episode's rewards sum to the
// final score in [0, 1].
//
// Two metrics:
//  - kPose: each object scores weight/|objects| if its xy is within pos_eps
//    of ANY target its `matches` row allows (z is ignored, so "stacked" means
//    "above the target's xy"), and — when the object's symmetry is > 0 — its
//    yaw matches the target's modulo the symmetry within 15 degrees.
//  - kZone: the fraction of the objects' sample points (a 0.02 m grid over
//    each cube: 8 points for 0.04 m, 27 for 0.06 m) lying strictly inside the
//    zone rectangle, in the zone's frame, below the workspace ceiling.
//
// Targets are poses frozen when the episode is generated: a block that must
// go onto another block's start position still counts there if that block
// has since moved.
//
// Example:
//   RewardTracker tracker(episode.goals);
//   double r = tracker.step(scene_after_action);   // delta reward
//   if (tracker.done()) ...                         // total() is the score
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "envs/tabletop/scene.h"

namespace ember::tabletop {

constexpr double kRotationEps = 15.0 * 3.14159265358979323846 / 180.0;  // reference §5: 15 degrees
constexpr double kNoSymmetry = 0.0;                                       // yaw never checked
constexpr double kBlockSymmetry = 3.14159265358979323846 / 2.0;           // cubes: yaw mod 90 degrees
constexpr double kZonePointSpacing = 0.02;                                // sample-point grid of the zone metric

enum class GoalMetric { kPose, kZone };

// A rectangle on the table that the zone metric counts points in.
struct ZoneRegion {
  Pose pose;             // centre and orientation
  double size_x = 0.0;   // extent along the zone's own x axis (m)
  double size_y = 0.0;
};

struct GoalStep {
  std::vector<int> objects;        // Scene ids of the objects to be moved
  std::vector<double> symmetries;  // per object (rad); kNoSymmetry skips the yaw check
  std::vector<Pose> targets;       // frozen at generation
  // Allowed object -> target pairings, row-major [objects x targets].
  std::vector<uint8_t> matches;
  // With replace == false the oracle matches objects to targets one to one
  // (already satisfied pairs are skipped); true lets targets be reused.
  bool replace = false;
  // Whether the oracle's place pose carries the target's yaw (else identity).
  bool rotations = true;
  GoalMetric metric = GoalMetric::kPose;
  std::vector<ZoneRegion> zones;   // kZone only
  double pos_eps = 0.01;           // kPose only: xy tolerance (m)
  double max_reward = 1.0;         // this step's weight in the episode score
  // For step instructions: the Scene id each target stands for (the bowl,
  // zone or base block), or -1 for a bare place (an area, a point), and the
  // name used for it.
  std::vector<int> target_objects;
  std::vector<std::string> target_names;

  int num_objects() const { return static_cast<int>(objects.size()); }
  int num_targets() const { return static_cast<int>(targets.size()); }
  bool allowed(int object, int target) const {
    return matches[static_cast<size_t>(object) * targets.size() + static_cast<size_t>(target)] != 0;
  }
};

// Match matrices of the reference's tasks.
std::vector<uint8_t> identity_matches(int n);                 // eye(n)
std::vector<uint8_t> all_matches(int rows, int cols);         // ones
std::vector<uint8_t> all_but_identity_matches(int n);         // 1 - eye(n)

// The reference's is_match: xy distance < pos_eps and, when symmetry > 0,
// |yaw0 - yaw1| mod symmetry (folded to [0, symmetry/2]) < 15 degrees.
bool is_match(const Pose& object, const Pose& target, double symmetry, double pos_eps);

// Body-frame sample points of a cube of edge `edge`: every combination of
// arange(-edge/2, edge/2, 0.02) per axis (8 points for 0.04, 27 for 0.06).
// Only the two block sizes exist (std::invalid_argument otherwise).
const std::vector<std::array<double, 3>>& zone_sample_points(double edge);

// Number of an object's sample points strictly inside `zone` (in the zone's
// frame: |x| < size_x/2, |y| < size_y/2, z below the workspace ceiling).
int points_inside_zone(const SceneObject& object, const ZoneRegion& zone);
bool fully_inside_zone(const SceneObject& object, const ZoneRegion& zone);

// The reward a goal step earns in `scene` (0 .. max_reward), before banking.
double goal_step_reward(const GoalStep& goal, const Scene& scene);

// Per-episode bookkeeping of §5: delta rewards, banked progress, popping.
class RewardTracker {
 public:
  RewardTracker() = default;
  explicit RewardTracker(std::vector<GoalStep> goals) { reset(std::move(goals)); }

  void reset(std::vector<GoalStep> goals);
  // Scores the current goal step in `now` and returns the change of
  // (progress + step reward) since the last call. 0 once no goal remains.
  double step(const Scene& now);
  double total() const { return total_; }          // sum of returned rewards
  double progress() const { return progress_; }    // weight of popped steps
  bool done() const { return goals_.empty() || total_ > 0.99; }
  // Remaining goal steps; front() is the one being scored (the oracle reads it).
  const std::vector<GoalStep>& remaining_goals() const { return goals_; }
  // For snapshots: how many goal steps were popped, and putting a tracker
  // back in that state (after reset() with the episode's goals).
  int popped() const { return popped_; }
  void restore(int popped, double progress, double total);

 private:
  std::vector<GoalStep> goals_;
  double progress_ = 0.0;
  double total_ = 0.0;
  int popped_ = 0;
};

}  // namespace ember::tabletop
