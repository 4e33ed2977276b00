// File: envs/tabletop/bowl_shape.h
//
// The one description of a bowl's geometry, shared by its Bullet collision
// shape (physics_world.cpp) and its top-down rendering (top_down_renderer.cpp)
// so that what the agent sees is what the blocks collide with. The reference
// bowl is a mesh of about 0.115 m across and 0.035 m tall whose PyBullet
// collision is probably its convex hull — a solid puck on which a block would
// rest on top, not inside (reference/lohoravens.md §3). ember builds the bowl
// as a real container instead: a flat floor plus a ring of wall segments, so a
// placed block comes to rest inside it (the requirement).
#pragma once

#include "envs/tabletop/scene.h"

namespace ember::tabletop::bowl {

constexpr double kOuterRadius = kBowlSize / 2;  // 0.06 m
constexpr double kInnerRadius = 0.05;           // a 0.06 m block (0.085 m diagonal) fits at any yaw
constexpr double kHeight = kBowlHeight;         // rim height, 0.035 m
constexpr double kFloorThickness = 0.004;
constexpr int kWallSegments = 12;

}  // namespace ember::tabletop::bowl
