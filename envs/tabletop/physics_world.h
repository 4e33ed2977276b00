// File: envs/tabletop/physics_world.h
//
// The Bullet rigid-body world of one tabletop env and its pick-and-place
// primitive (reference/lohoravens.md §2, §4). Built from a Scene at every
// reset; after each primitive the settled poses are written back into the
// Scene, which the renderer, goal checks and oracle read.
//
// The primitive, in physics:
//   1. the suction tip comes down at the pick (x, y) until it touches
//      something (a Bullet ray test from above finds the first surface);
//   2. a touched block is attached: it becomes kinematic and follows the tip
//      rigidly (an infinitely stiff fixed attachment), keeping its pose
//      relative to the tip; touching the table or a bowl is a failed grasp —
//      a normal outcome, nothing moves;
//   3. the block is lifted `lift_height` over `lift_steps` physics steps, so
//      anything resting on or against it reacts;
//   4. it is carried above the place (x, y), turned by place yaw - pick yaw
//      about the tip, and lowered until it touches something (a Bullet convex
//      sweep of its own shape finds the contact height);
//   5. it is released (dynamic again, at rest) and the world is stepped until
//      every block's speed is below `settle_speed` or `max_settle_steps` pass.
// Every phase has a fixed step budget, so a primitive never runs unbounded.
// The UR5 arm is not simulated: its joint-space motion only decides how long
// a primitive takes in the reference, not where objects end up.
//
// Example:
//   PhysicsWorld world(PhysicsConfig{});
//   world.build(scene);
//   PrimitiveResult r = world.pick_and_place({0.4, -0.1, 0.0, 0.6, 0.2, 1.57});
//   world.read_poses(scene);
#pragma once

#include <memory>

#include "envs/tabletop/scene.h"

namespace ember::tabletop {

struct PhysicsConfig {
  int hz = 240;                   // physics steps per simulated second
  int lift_steps = 12;            // steps to lift a grasped block
  double lift_height = 0.05;      // m
  int max_settle_steps = 480;     // step budget after release
  double settle_speed = 5e-3;     // m/s: "still" (reference: |v| < 5e-3 for every body)
  double release_clearance = 5e-4;  // m left between the held block and what it touches
  void validate() const;          // throws std::invalid_argument
};

struct PrimitiveResult {
  bool grasped = false;
  int picked = -1;          // Scene index of the carried block, or -1
  int physics_steps = 0;    // lift + settle steps taken
  bool settled = true;      // false when the settle budget ran out
};

class PhysicsWorld {
 public:
  explicit PhysicsWorld(const PhysicsConfig& config);
  ~PhysicsWorld();
  PhysicsWorld(const PhysicsWorld&) = delete;
  PhysicsWorld& operator=(const PhysicsWorld&) = delete;

  // Replaces the world with the scene's objects (blocks dynamic, bowls
  // static, zones absent: they are visual only). Rebuilding everything makes
  // an episode independent of the previous one, hence reproducible.
  void build(const Scene& scene);
  PrimitiveResult pick_and_place(const PickPlace& action);
  // Steps until still (or the budget ends); returns the steps taken.
  int settle();
  // Writes every block's current pose into `scene` (same objects as built).
  void read_poses(Scene& scene) const;
  // The Scene index of the first object under (x, y) seen from above, -1 for
  // the table.
  int object_below(double x, double y) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ember::tabletop
