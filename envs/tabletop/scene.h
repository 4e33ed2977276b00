// File: envs/tabletop/scene.h
//
// What is on the table, as plain data: every block, bowl and zone with its
// kind, size, color and pose. Tasks generate a Scene, the physics world
// (physics_world.h) is built from it and writes the settled poses back into
// it, the renderer draws it, and goal checks and the oracle read it. Nothing
// here knows about Bullet.
//
// Sizes follow reference/lohoravens.md §3: blocks are 0.04 m or 0.06 m cubes,
// bowls have a 0.12 m footprint and are 0.035 m tall, zones are flat 0.12 m
// square outlines (visual only; the area a task scores against is part of the
// task's goal, not of the zone object).
//
// Example:
//   Scene scene;
//   int red = scene.add(ObjectKind::kBlock, color_index("red"), kSmallBlock,
//                       Pose::on_table(0.4, -0.1, 0.3, kSmallBlock / 2));
//   double yaw = scene.objects[red].pose.yaw();
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace ember::tabletop {

constexpr double kSmallBlock = 0.04;  // edge length (m)
constexpr double kBigBlock = 0.06;
constexpr double kBowlSize = 0.12;    // footprint used for placement
constexpr double kBowlHeight = 0.035;
constexpr double kZoneSize = 0.12;    // the drawn outline
constexpr double kBlockMass = 0.01;   // kg (Ravens stacking/block.urdf)

// ---- colors ---------------------------------------------------------------
// The 11 Ravens colors (utils.COLORS). TRAIN_COLORS and EVAL_COLORS share
// blue, red and green; the primitive tasks use all eleven.
struct Color {
  const char* name;
  unsigned char r, g, b;
};
enum class ColorSplit { kTrain, kEval, kAll };

const std::vector<Color>& all_colors();
// Indices into all_colors() of the colors a split may use.
const std::vector<int>& split_colors(ColorSplit split);
// Index of a color by name; throws std::invalid_argument for an unknown name.
int color_index(const std::string& name);
inline const char* color_name(int index) { return all_colors()[static_cast<size_t>(index)].name; }

// ---- poses ----------------------------------------------------------------
// Position (m) and orientation (unit quaternion x, y, z, w).
struct Pose {
  double x = 0, y = 0, z = 0;
  double qx = 0, qy = 0, qz = 0, qw = 1;

  // An upright pose rotated by `yaw` about +z.
  static Pose on_table(double x, double y, double yaw, double z = 0.0) {
    return {x, y, z, 0.0, 0.0, std::sin(yaw / 2), std::cos(yaw / 2)};
  }
  // Rotation about +z of the body's x axis projected on the table, in (-pi, pi].
  double yaw() const {
    return std::atan2(2.0 * (qw * qz + qx * qy), 1.0 - 2.0 * (qy * qy + qz * qz));
  }
  // Rotates a body-frame vector into the world frame.
  void rotate(const double in[3], double out[3]) const;
  // Maps a body-frame point into the world frame.
  void transform(const double in[3], double out[3]) const;
};

// ---- objects ----------------------------------------------------------------
enum class ObjectKind { kBlock, kBowl, kZone };
const char* kind_name(ObjectKind kind);

struct SceneObject {
  ObjectKind kind = ObjectKind::kBlock;
  int color = 0;       // index into all_colors()
  double size = kSmallBlock;  // block edge, bowl footprint or zone side (m)
  Pose pose;           // blocks: the cube centre; bowls and zones: the base centre at table height
  bool is_big() const { return kind == ObjectKind::kBlock && size > 0.05; }
  // "smaller red block", "bigger red block", "red bowl", "red zone" — the
  // names the reference's step instructions use. `sized` adds the size word
  // to blocks (tasks that mix two block sizes).
  std::string name(bool sized) const;
};

struct Scene {
  std::vector<SceneObject> objects;  // indices are object ids everywhere

  int add(ObjectKind kind, int color, double size, const Pose& pose) {
    objects.push_back({kind, color, size, pose});
    return static_cast<int>(objects.size()) - 1;
  }
  int size() const { return static_cast<int>(objects.size()); }
};

// The action of one tabletop step (reference §4, SE(2)): where the suction
// tip picks and where it places, on the table (m, rad). Executed in physics by
// PhysicsWorld::pick_and_place; produced by the oracle and by agents.
struct PickPlace {
  double pick_x = 0, pick_y = 0, pick_yaw = 0;
  double place_x = 0, place_y = 0, place_yaw = 0;
};

}  // namespace ember::tabletop
