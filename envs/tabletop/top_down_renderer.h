// File: envs/tabletop/top_down_renderer.h
//
// Renders a Scene into top-down orthographic maps (top_down_maps.h): color,
// height above the table and object ids, sampled at pixel centres. The scene
// is made of simple solids — cubes in any orientation, upright bowls and flat
// zone outlines — so each pixel's view ray is intersected with them exactly
// (a slab test per cube, a circle test per bowl) instead of going through a
// GL pipeline or Bullet ray casts: a full 320 x 160 render costs well under a
// millisecond (benchmarks/results/tabletop.md) where casting 51,200 rays
// through Bullet costs about 20 ms.
//
// Shading is flat per face, darkened by the face's tilt, so a toppled block
// shows its sides. Bowls are drawn from bowl_shape.h, the same geometry the
// physics collides with; zones as their 6 mm outline, 1 mm high.
//
// Example:
//   TopDownMaps maps;
//   maps.resize(PixelGrid::downsampled(2));   // 160 x 80
//   render_top_down(scene, maps);
#pragma once

#include "envs/tabletop/scene.h"
#include "envs/tabletop/top_down_maps.h"

namespace ember::tabletop {

constexpr unsigned char kTableColor[3] = {70, 70, 70};
constexpr double kZoneBorder = 0.006;
constexpr double kZoneHeight = 0.001;

// Overwrites `maps` (keeping its grid) with the view of `scene`.
void render_top_down(const Scene& scene, TopDownMaps& maps);

// Box-filters `full` into the coarser grid of `out` (whose rows and columns
// divide full's): each pixel's color and height are the means of the
// full-resolution pixels it covers, as a camera pixel integrates its area, so
// a block's edges and yaw show as partial coverage; its object id is the one
// nearest its centre. Where point samples alias a 4 cm cube at 12.5 mm pixels
// to a 3 x 3 square whatever its yaw, the averages keep the turn.
void average_down(const TopDownMaps& full, TopDownMaps& out);

}  // namespace ember::tabletop
