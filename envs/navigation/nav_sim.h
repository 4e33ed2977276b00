// File: envs/navigation/nav_sim.h
//
// The MuJoCo side of a navigation house: loads a House's MJCF from memory
// (MuJoCo 2.2.2: a heap-allocated mjVFS holding the text), places the agent,
// moves it with MuJoCo's collision detection deciding what blocks it, and
// answers "is object i visible from the camera".
//
// Motion is kinematic: MoveAhead advances the agent's planar joints in
// substeps of at most 5 cm; after each substep mj_fwdPosition runs MuJoCo's
// collision pipeline, and the first substep at which the agent's cylinder
// penetrates a wall or object is undone and the move stops there (the agent
// ends just short of the obstacle). No dynamics are integrated: a discrete
// action has no velocity to carry over, and a kinematic sweep cannot tunnel
// (substep 5 cm < wall thickness 10 cm + agent radius) or bounce.
//
// Example:
//   NavSim sim;
//   sim.load(house, MjcfOptions{64, 64});
//   sim.set_pose({2.0, 1.5, 0.0, kPi / 6});     // x, y, yaw, pitch (down)
//   double moved = sim.move_ahead(0.25);         // < 0.25 when blocked
//   bool seen = sim.object_visible(0, 1.0);
#pragma once

#include <array>
#include <string>
#include <vector>

#include "envs/navigation/house.h"

struct mjModel_;
struct mjData_;

namespace ember {

struct AgentPose {
  double x = 0, y = 0;
  double yaw = 0;    // radians, 0 = facing +x, counter-clockwise
  double pitch = 0;  // radians, positive = looking down (AI2-THOR "horizon")
};

class NavSim {
 public:
  NavSim();
  ~NavSim();
  NavSim(const NavSim&) = delete;
  NavSim& operator=(const NavSim&) = delete;

  // Builds the model of `house` (replacing any previous one). Throws
  // std::runtime_error with MuJoCo's message when the MJCF does not load.
  void load(const House& house, const MjcfOptions& options);
  bool loaded() const { return model_ != nullptr; }

  // Places the agent without a collision check and updates positions.
  void set_pose(const AgentPose& pose);
  const AgentPose& pose() const { return pose_; }
  // True when the agent's collider penetrates a wall or object at the current pose.
  bool in_collision();
  // Moves `distance` along the heading in substeps of at most `substep`,
  // stopping before the first substep that collides. Returns the distance moved.
  double move_ahead(double distance, double substep = 0.05);

  // Object i (House::objects order) is in the camera's view frustum (aspect =
  // width / height) and a ray from the camera reaches it before any other geom,
  // for at least one of 7 sample points (centre, +-70% of each half extent).
  bool object_visible(int object_index, double aspect) const;

  const mjModel_* model() const { return model_; }
  mjData_* data() { return data_; }
  int camera_id() const { return camera_id_; }

 private:
  void write_qpos();
  void free_model();

  mjModel_* model_ = nullptr;
  mjData_* data_ = nullptr;
  int camera_id_ = -1;
  int agent_body_ = -1;
  int agent_geom_ = -1;
  std::array<int, 4> qpos_adr_{};  // x, y, yaw, pitch
  std::vector<int> object_geom_;   // geom id per House object
  std::vector<HouseObject> objects_;
  AgentPose pose_;
};

}  // namespace ember
