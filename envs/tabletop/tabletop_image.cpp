#include "envs/tabletop/tabletop_image.h"

#include <algorithm>
#include <cmath>

#include "envs/common/png.h"

namespace ember::tabletop {

namespace {
constexpr int kGap = 4;
constexpr double kWhiteHeight = 0.1;  // m: two big blocks; taller stacks saturate
}  // namespace

MapsPicture maps_picture(const TopDownMaps& maps) {
  const int rows = maps.grid.rows, cols = maps.grid.cols;
  MapsPicture picture;
  picture.width = 2 * cols + kGap;
  picture.height = rows;
  picture.rgb.assign(static_cast<size_t>(picture.width) * rows * 3, 255);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const size_t i = static_cast<size_t>(maps.index(r, c));
      uint8_t* color = &picture.rgb[(static_cast<size_t>(r) * picture.width + c) * 3];
      std::copy(&maps.rgb[i * 3], &maps.rgb[i * 3] + 3, color);
      const double level = std::min(1.0, std::max(0.0, maps.height[i] / kWhiteHeight));
      uint8_t* height = &picture.rgb[(static_cast<size_t>(r) * picture.width + cols + kGap + c) * 3];
      std::fill(height, height + 3, static_cast<uint8_t>(std::lround(255 * level)));
    }
  return picture;
}

void write_maps_png(const std::string& path, const TopDownMaps& maps) {
  const MapsPicture picture = maps_picture(maps);
  write_png_file(path, picture.width, picture.height, 3, picture.rgb.data());
}

}  // namespace ember::tabletop
