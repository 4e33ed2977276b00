// File: envs/navigation/objectnav_oracle.h
//
// The shortest-path expert ("oracle") of the objectnav env: the expert-action
// hook ObjectNavEnv::expert_action() asks it for the next action of the
// current episode. Torch-free; it reads the env's house, target, pose and
// geodesic field, and uses the env's MuJoCo model only to test visibility.
//
// Planning: A* over the agent's reachable poses (x, y, yaw in 30-degree
// steps) under the env's own action model (MoveAhead 0.25 m in 5 cm substeps
// that stop before an obstacle, RotateLeft/Right 30 degrees). Cost = distance
// moved (plus 1 mm per rotation to break ties), heuristic = the env's
// geodesic distance field to the goal region (8-connected 5 cm grid). A
// MoveAhead substep is blocked when the agent disc comes within 2 mm of a
// wall box or an object's footprint rectangle (conservative against MuJoCo's
// primitives). A pose is a goal when a target object is within the success
// distance (less 5 mm) and visible (NavSim::object_visible) for some yaw and
// pitch; the plan then rotates to that yaw, looks up/down to that pitch and
// calls End. Search states are merged on a 5 cm position lattice (per yaw).
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
  int64_t replans() const { return replans_; }

 private:
  struct Step {
    int32_t action;
    AgentPose after;  // predicted pose after the action
  };
  bool plan();
  // Clearance-checked MoveAhead prediction from pose p; returns the moved distance.
  double predict_move(const AgentPose& p, AgentPose* out) const;
  double clearance(double x, double y) const;
  // A yaw index and pitch from which a target object is visible at (x, y); false if none.
  bool find_view(double x, double y, int yaw_index, double pitch, int* view_yaw, double* view_pitch);
  void prepare_episode();

  ObjectNavEnv& env_;
  uint64_t episode_ = ~uint64_t{0};
  std::deque<Step> plan_;
  Step last_{};             // the action returned last and its predicted outcome
  AgentPose last_before_;   // the pose it was chosen at
  bool has_last_ = false;
  std::vector<double> rects_;  // obstacle rectangles x0, y0, x1, y1
  std::unordered_map<int64_t, double> observed_moves_;  // pose key -> distance MuJoCo allowed
  std::unordered_map<int64_t, int> view_cache_;         // position key -> view code (-1 none)
  std::unordered_map<int64_t, double> view_pitch_;
  int64_t last_expansions_ = 0;
  bool last_found_ = false;
  int64_t replans_ = 0;
};

}  // namespace ember
