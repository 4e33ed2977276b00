// File: envs/navigation/objectnav_oracle.h
//
// The shortest-path expert ("oracle") of the objectnav env: the expert-action
// hook ObjectNavEnv::expert_action() asks it for the next action of the
// current episode. Torch-free; it reads the env's house, target, pose and goal
// region, and uses the env's MuJoCo model only to test visibility.
//
// Planning is A* over the agent's own motion lattice: from the current pose,
// MoveAhead moves 0.25 m along one of the 12 headings (30-degree steps) and
// rotations cost no length, so a path is a sequence of 0.25 m moves in any of
// the 12 headings. Every reachable position is start + 0.05 m * (a + b w +
// c w^2 + d w^3) with integers a..d and w = exp(i 30deg) (the 12th roots of
// unity span a rank-4 lattice), so states are keyed exactly, never merged
// by rounding. A move is predicted with the env's collision rule: 5 cm
// substeps, stopping before the first substep at which the agent's disc
// (radius 0.18 m + 1 mm margin) overlaps a wall box, a box object's footprint
// or a round object's footprint circle (the primitives MuJoCo collides).
// Cost = path length (plus 1e-5 m per rotation, a tie-break that can never
// outweigh the 5 cm granularity of lengths), heuristic = the any-angle
// distance to the goal region under the 12-heading norm (any_angle.h), a
// tight lower bound. The search ends at the first expanded position from
// which End succeeds: a target within the success distance and visible
// (NavSim::object_visible, the success rule's own test) at some yaw and
// pitch; the plan then turns the shorter way, looks up/down and calls End.
// Minimum path length is what SPL rewards; the number of actions is secondary.
//
// Execution replans whenever the simulator's pose differs from the planned
// one (a MoveAhead that MuJoCo blocked earlier than predicted); the observed
// outcome of such a move is remembered for the episode, so the plan cannot
// repeat it. A new episode (ObjectNavEnv::episode_serial) clears everything.
//
// Example:
//   ObjectNavEnv env(config);
//   env.reset(slot);
//   while (!*slot.terminated) { int32_t a = env.expert_action(); env.step({&a, nullptr}, slot); }
#pragma once

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "envs/navigation/nav_sim.h"

namespace ember {

class ObjectNavEnv;

class ObjectNavOracle {
 public:
  explicit ObjectNavOracle(ObjectNavEnv& env) : env_(env) {}

  // The next action for the env's current state (kNavEnd when no plan exists).
  int32_t next_action();

  // Statistics of the last plan (tests and tools).
  int64_t last_expansions() const { return last_expansions_; }
  bool last_plan_found() const { return last_found_; }
  // Length (m) of the path of MoveAheads in the last plan.
  double last_plan_length() const { return last_length_; }
  int64_t replans() const { return replans_; }

 private:
  struct Step {
    int32_t action;
    AgentPose after;  // predicted pose after the action
  };
  struct RoundObstacle {
    double x, y, radius;
  };
  bool plan();
  // MoveAhead prediction from (x, y) along heading k (0..11): 5 cm substeps
  // done before the first blocked one (the env's rule), or what MuJoCo did.
  int predict_substeps(double x, double y, int heading) const;
  double clearance(double x, double y) const;
  double heuristic(double x, double y) const;
  // A yaw index and pitch from which a target object is visible at (x, y),
  // the fewest turns and looks from (yaw_now, pitch_now); false if none.
  bool find_view(double x, double y, int yaw_now, double pitch_now, int* view_yaw, double* view_pitch);
  void prepare_episode();

  ObjectNavEnv& env_;
  uint64_t episode_ = ~uint64_t{0};
  std::deque<Step> plan_;
  Step last_{};             // the action returned last and its predicted outcome
  AgentPose last_before_;   // the pose it was chosen at
  bool has_last_ = false;
  std::vector<double> rects_;          // box obstacles x0, y0, x1, y1 (walls, box objects)
  std::vector<RoundObstacle> rounds_;  // round objects' footprint circles
  std::vector<double> field_;          // 12-heading any-angle distance to the goal region, per cell
  std::unordered_map<int64_t, int> observed_moves_;  // position + heading key -> substeps MuJoCo allowed
  std::unordered_map<int64_t, int> view_cache_;      // position key -> view yaw (-1 none)
  std::unordered_map<int64_t, double> view_pitch_;
  int64_t last_expansions_ = 0;
  bool last_found_ = false;
  double last_length_ = 0;
  int64_t replans_ = 0;
};

}  // namespace ember
