// File: envs/tabletop/workspace.h
//
// The Ravens workspace (reference/lohoravens.md §1): the table plane is z = 0,
// the robot base at the world origin, and the reachable area
//   x in [0.25, 0.75] m, y in [-0.5, 0.5] m, z in [0, 0.3] m.
// The top-down orthographic maps have 0.003125 m pixels: 320 rows along y by
// 160 columns along x (row-major, row 0 at y = -0.5). A downsampling factor f
// gives (320 / f) x (160 / f) maps with f times larger pixels.
//
// Example:
//   PixelGrid grid = PixelGrid::full();           // 320 x 160
//   auto [row, col] = grid.to_pixel(0.5, 0.0);    // (160, 80)
//   auto [x, y] = grid.to_xy(row, col);           // pixel centre
#pragma once

#include <cmath>
#include <utility>

namespace ember::tabletop {

constexpr double kMinX = 0.25, kMaxX = 0.75;
constexpr double kMinY = -0.5, kMaxY = 0.5;
constexpr double kMaxZ = 0.3;
constexpr double kPixelSize = 0.003125;
constexpr int kFullRows = 320;  // along y
constexpr int kFullCols = 160;  // along x

inline bool in_workspace(double x, double y) {
  return x >= kMinX && x <= kMaxX && y >= kMinY && y <= kMaxY;
}

// One of the four named quadrants of the workspace ("top left area", ...),
// as defined by LoHoRavens' area_boundary (reference §7): "top" is x < 0.5,
// "left" is y < 0.
enum class Quadrant { kTopLeft, kTopRight, kBottomLeft, kBottomRight };
constexpr int kNumQuadrants = 4;

struct Area {
  double min_x, max_x, min_y, max_y;
  bool contains(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
  double center_x() const { return 0.5 * (min_x + max_x); }
  double center_y() const { return 0.5 * (min_y + max_y); }
};

inline Area quadrant_area(Quadrant q) {
  const bool top = q == Quadrant::kTopLeft || q == Quadrant::kTopRight;
  const bool left = q == Quadrant::kTopLeft || q == Quadrant::kBottomLeft;
  return {top ? 0.25 : 0.5, top ? 0.5 : 0.75, left ? -0.5 : 0.0, left ? 0.0 : 0.5};
}

inline const char* quadrant_name(Quadrant q) {
  switch (q) {
    case Quadrant::kTopLeft: return "top left area";
    case Quadrant::kTopRight: return "top right area";
    case Quadrant::kBottomLeft: return "bottom left area";
    case Quadrant::kBottomRight: return "bottom right area";
  }
  return "";
}

// The pixel lattice of a top-down map. Pixel (row, col) covers
// x in [kMinX + col * pixel, ...), y in [kMinY + row * pixel, ...).
struct PixelGrid {
  int rows = kFullRows, cols = kFullCols;
  double pixel = kPixelSize;

  static PixelGrid full() { return {}; }
  // Downsampled by an integer factor that divides 160 (1, 2, 4, 5, 8, ...).
  static PixelGrid downsampled(int factor) { return {kFullRows / factor, kFullCols / factor, kPixelSize * factor}; }

  int size() const { return rows * cols; }
  // Centre of a pixel in workspace coordinates.
  std::pair<double, double> to_xy(int row, int col) const {
    return {kMinX + (col + 0.5) * pixel, kMinY + (row + 0.5) * pixel};
  }
  // The pixel containing (x, y); may lie outside [0, rows) x [0, cols).
  std::pair<int, int> to_pixel(double x, double y) const {
    return {static_cast<int>(std::floor((y - kMinY) / pixel)), static_cast<int>(std::floor((x - kMinX) / pixel))};
  }
  bool contains(int row, int col) const { return row >= 0 && row < rows && col >= 0 && col < cols; }
};

}  // namespace ember::tabletop
