// File: envs/navigation/objectnav_env.h
//
// Object-goal navigation (env "objectnav", reference/codebook_objectnav.md §4):
// an agent in a procedurally generated house (house.h) must find an object of
// a target category and call End near it. Built on MuJoCo (nav_sim.h) with
// egocentric RGB from MuJoCo's renderer in an OSMesa context (nav_renderer.h).
// User-facing description and choices: docs/envs/navigation.md.
//
// Observations: "rgb" u8 [H, W, 3] (default 64 x 64), "goal" f32 one-hot
// [num_object_categories()] of the target category; optionally "depth" f32
// [H, W] and "visible" f32 [num_object_categories()] (ObjectNavConfig).
// Actions Discrete(6): 0 MoveAhead 0.25 m, 1 RotateLeft 30, 2 RotateRight 30,
// 3 End, 4 LookUp 30, 5 LookDown 30 (pitch limited to [-30, 60] degrees).
// Reward: -0.01 per step, +10 when End succeeds, plus (switchable) progress
// shaping max(d_closest - d_t, 0) on the straight-line distance to the nearest
// target's bounding-box centre. Success: End with an object of the target
// category within 1.0 m (xy distance from the agent centre to its footprint)
// and visible (in the camera frustum, unoccluded; NavSim::object_visible).
// End always terminates; the 500-step limit is VectorEnv's truncation.
// Metrics: success, spl (S * d_opt / max(d_travel, d_opt), d_opt the
// any-angle geodesic distance on the occupancy grid to the nearest cell
// within 1.0 m of a target with a line of sight to it past the walls),
// episode_length, final_distance (to the nearest target footprint).
//
// Each reset draws a house of the configured split and tier from the env's
// RNG (a new model is loaded only when the house changes), a target category
// present in the house, and a random free start (not already within 1.0 m of
// a target), yaw in 30-degree steps, pitch 30 degrees down.
//
// Example:
//   ObjectNavConfig config;            // train split, tier 0, 64x64
//   ObjectNavEnv env(config);
//   env.seed(1);
//   env.reset(slot);                   // slot.fields[0] -> uint8 rgb, [1] -> float goal
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/rng.h"
#include "envs/navigation/house.h"
#include "envs/navigation/nav_sim.h"

namespace ember {

class Params;
class NavRenderer;
class ObjectNavOracle;

enum NavAction : int32_t {
  kNavMoveAhead = 0,
  kNavRotateLeft = 1,
  kNavRotateRight = 2,
  kNavEnd = 3,
  kNavLookUp = 4,
  kNavLookDown = 5,
};
constexpr int kNavNumActions = 6;

struct ObjectNavConfig {
  HouseSplit split = HouseSplit::kTrain;
  int tier = 0;
  int64_t houses = 0;  // draw from the first `houses` houses of the split; 0 = all
  int width = 64, height = 64;
  bool render = true;   // false: "rgb" stays black (no GL context is created)
  bool depth = false;   // also observe metric depth ("depth", needs render)
  // Also observe "visible": f32 [num_object_categories()], 1 for each
  // category with an object in view (in the frustum, unoccluded). Ground
  // truth for pretraining image encoders (agents/pretrain/); privileged, so
  // no policy under evaluation should read it.
  bool observe_visible = false;
  bool shaping = true;  // progress shaping in the reward
  int max_episode_steps = 500;
  double success_distance = 1.0;
  // Starts whose shortest path to the goal region is shorter than this are
  // redrawn (Habitat's ObjectNav episodes likewise exclude near-trivial
  // starts): with 0.25 m moves and 30-degree turns, an agent's path to a goal
  // a few moves away cannot come close to the straight-line optimum, so SPL
  // would measure the action set, not the agent. 0 keeps every start.
  double min_start_distance = 1.0;
  double move_distance = 0.25;
  double rotate_degrees = 30.0;
  double look_degrees = 30.0;

  static ObjectNavConfig from_params(const Params& params);
  void validate() const;  // throws std::invalid_argument
};

class ObjectNavEnv final : public Env {
 public:
  explicit ObjectNavEnv(const ObjectNavConfig& config);
  ~ObjectNavEnv() override;

  const EnvSpec& spec() const override { return spec_; }
  void seed(uint64_t seed) override { rng_.seed(seed); }
  void reset(const EnvSlot& out) override;
  void step(const ActionView& actions, const EnvSlot& out) override;
  // success, spl, episode_length, final_distance.
  void episode_metrics(double* out) const override;
  // "find a <Category> (house tier T seed S)".
  std::string describe() const override;

  // Starts an episode in an explicit house, target and pose (tests, tools,
  // later the oracle's demonstrations). The house need not come from a split.
  void reset_in_house(const House& house, int target_category, const AgentPose& start, const EnvSlot& out);

  // The success rule evaluated at the current pose (what End would get).
  bool success_now() const;
  // Straight-line distance to the nearest target footprint.
  double distance_to_target() const;
  // 8-connected grid geodesic distance from the current pose's cell to the
  // goal region; +inf if unreachable. Never below the any-angle d_opt.
  double grid_geodesic_to_goal();

  const ObjectNavConfig& config() const { return config_; }
  const House& house() const { return house_; }
  int target() const { return target_; }
  NavSim& sim() { return sim_; }
  const OccupancyGrid& grid() const { return grid_; }
  // SPL's d_opt: the any-angle (Euclidean, Lazy Theta*) distance on the
  // occupancy grid from the start cell to the goal region (any_angle.h).
  double optimal_distance() const { return d_opt_; }
  double path_length() const { return path_length_; }

  // The shortest-path oracle's next action for the current state
  // (objectnav_oracle.h). Stateful across one episode (it replans when MuJoCo
  // blocks a move early), so call it once per step, before the step it is for.
  int32_t expert_action();
  // Snapshots (supports_snapshot): the house is kept as its (tier, seed) and
  // regenerated on load; the pose, the episode counters and the RNG are
  // stored exactly, so a resumed run continues bit-identically. The oracle's
  // memory of blocked moves is not part of the env and starts afresh.
  void save_snapshot(std::ostream& out) const override;
  void load_snapshot(std::istream& in) override;

  // Env's expert hook (used by the "oracle" agent).
  bool expert_action(const ActionBuffer& out) override {
    out.discrete[0] = expert_action();
    return true;
  }
  // Increases at every episode start (lets the oracle notice new episodes).
  uint64_t episode_serial() const { return episode_serial_; }
  // The goal region's cells (grid indices): free cells within the success
  // distance of a target that see it past the walls (goal_region_cells).
  const std::vector<int>& goal_cells() const { return goal_cells_; }
  // 8-connected grid geodesic distance of every cell to the goal region,
  // computed on first use in an episode (resets do not need it).
  const std::vector<double>& goal_field();
  ObjectNavOracle* oracle() { return oracle_.get(); }  // null before the first expert_action()

  static EnvSpec make_spec(const ObjectNavConfig& config);

 private:
  void load_house(House house);
  void set_goal_region(int target);
  int pose_cell() const;  // grid index of the agent's cell, -1 outside the grid
  void start_episode(int target, const AgentPose& start, const EnvSlot& out);
  double nearest_target_centre() const;
  void write_observation(const EnvSlot& out);

  ObjectNavConfig config_;
  EnvSpec spec_;
  Rng rng_;
  House house_;
  bool house_loaded_ = false;
  NavSim sim_;
  std::unique_ptr<NavRenderer> renderer_;
  OccupancyGrid grid_;
  std::vector<int> component_;         // connected component of every free cell (-1 blocked)
  std::vector<int> goal_cells_;        // goal region of the current target
  std::vector<uint8_t> goal_cell_;     // 1 on goal cells
  std::vector<uint8_t> goal_component_;  // 1 for components holding a goal cell
  std::vector<double> goal_distance_;  // grid geodesic field of the current target (lazy)
  bool goal_field_ready_ = false;
  std::vector<int> present_;           // categories present in the house

  std::unique_ptr<ObjectNavOracle> oracle_;  // created by the first expert_action()
  uint64_t episode_serial_ = 0;

  // episode state
  int target_ = 0;
  int steps_ = 0;
  bool ended_ = false;
  bool success_ = false;
  double d_opt_ = 0;
  double path_length_ = 0;
  double d_closest_ = 0;  // shaping: best straight-line distance so far
};

}  // namespace ember
