// File: agents/imitation/pick_place_maps.h
//
// What a top-down pick-and-place learner needs of an env, read from its spec
// alone: a u8 "rgb" map [H, W, 3], an f32 "height" map [H, W], one agent,
// and a Box(6) action (pick x, y, yaw, place x, y, yaw) whose pick x and y
// bounds are the area the maps cover — columns along x, rows along y, as the
// tabletop env lays them out (docs/envs/tabletop.md). MapGeometry turns
// action coordinates into map pixels and back.
//
// Example:
//   MapGeometry g = MapGeometry::from_spec(envs.spec());   // throws if the env does not fit
//   auto [row, col] = g.to_pixel(0.5, 0.0);
//   auto [x, y] = g.to_xy(row, col);                        // the pixel's centre
#pragma once

#include <string>
#include <utility>

namespace ember {

struct EnvSpec;

// Empty when a pick-and-place learner can act in envs of `spec`, else why not.
std::string pick_place_compatibility(const EnvSpec& spec);

struct MapGeometry {
  int rows = 0, cols = 0;
  double min_x = 0, min_y = 0;
  double pixel_x = 0, pixel_y = 0;  // metres per column / per row

  // Throws std::invalid_argument with pick_place_compatibility's reason.
  static MapGeometry from_spec(const EnvSpec& spec);
  // The pixel containing (x, y); may lie outside the map.
  std::pair<int, int> to_pixel(double x, double y) const;
  std::pair<double, double> to_xy(int row, int col) const;
  bool contains(int row, int col) const { return row >= 0 && row < rows && col >= 0 && col < cols; }
};

}  // namespace ember
