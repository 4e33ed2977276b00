// File: envs/tabletop/tabletop_image.h
//
// Pictures of tabletop observations for people: the color map and the height
// map (gray, black = table, white = 0.1 m and above) side by side, written as
// PNG (envs/common/png.h). Works for the maps of any resolution, so any
// observation an agent saw can be exported.
//
// Example:
//   write_maps_png("obs.png", env.observation_maps());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "envs/tabletop/top_down_maps.h"

namespace ember::tabletop {

struct MapsPicture {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // rows top to bottom
};

// Color map | 4-pixel white gap | height map, rows along y as in the maps.
MapsPicture maps_picture(const TopDownMaps& maps);
// Throws std::runtime_error naming the path when it cannot be written.
void write_maps_png(const std::string& path, const TopDownMaps& maps);

}  // namespace ember::tabletop
