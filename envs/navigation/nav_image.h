// File: envs/navigation/nav_image.h
//
// Pictures of navigation houses for people: a top-down map of a house (room
// floors, walls, objects in their category colours, the target's goal region,
// an agent path), written as PNG with envs/common/png.h. Used by the
// documentation's pictures (docs/images/, produced by the
// NavigationPictures.Optional test) and handy when debugging.
//
// Example:
//   Image map = top_down_map(env.house(), env.grid(), env.target(), poses);
//   write_png_file("map.png", map.width, map.height, 3, map.rgb.data());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "envs/navigation/house.h"
#include "envs/navigation/nav_sim.h"

namespace ember {

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // rows top to bottom, 3 bytes per pixel
  uint8_t* at(int x, int y) { return &rgb[(static_cast<size_t>(y) * width + x) * 3]; }
  const uint8_t* at(int x, int y) const { return &rgb[(static_cast<size_t>(y) * width + x) * 3]; }
};

// Map colours (tests look for them).
constexpr uint8_t kMapWall[3] = {20, 20, 20};
constexpr uint8_t kMapPath[3] = {230, 30, 30};
constexpr uint8_t kMapStart[3] = {30, 200, 60};

// Top-down map, +y up, `pixels_per_metre` scale with a 0.25 m margin. Floors
// in their room colours (lightened), cells where the agent centre cannot be
// (occupancy grid) shaded, the goal region of `target_category` (free cells
// within `reach` of a target footprint; -1: none) tinted gold, objects as
// footprint rectangles in their category colour (targets outlined white),
// walls dark, the path as a red polyline with a green start disc and a red
// arrow for the final heading.
Image top_down_map(const House& house, const OccupancyGrid& grid, int target_category, double reach,
                   const std::vector<AgentPose>& path, double pixels_per_metre = 40.0);

}  // namespace ember
