// File: envs/tabletop/top_down_maps.h
//
// The top-down orthographic view of the workspace (reference/lohoravens.md §1):
// a color map, a height map (m above the table) and an object-id map
// (segmentation: the Scene index of the topmost object at each pixel, -1 for
// the bare table), all on one PixelGrid. Rendered by top_down_renderer.h;
// read by the env's observation, the oracle (which picks a random pixel of an
// object's visible mask, as the reference's oracle does) and the PNG export.
#pragma once

#include <cstdint>
#include <vector>

#include "envs/tabletop/workspace.h"

namespace ember::tabletop {

struct TopDownMaps {
  PixelGrid grid;
  std::vector<uint8_t> rgb;     // [rows, cols, 3]
  std::vector<float> height;    // [rows, cols]
  std::vector<int16_t> object;  // [rows, cols], -1 = table

  void resize(const PixelGrid& g) {
    grid = g;
    rgb.assign(static_cast<size_t>(g.size()) * 3, 0);
    height.assign(static_cast<size_t>(g.size()), 0.0f);
    object.assign(static_cast<size_t>(g.size()), -1);
  }
  int index(int row, int col) const { return row * grid.cols + col; }
};

}  // namespace ember::tabletop
