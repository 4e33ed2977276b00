#include "envs/tabletop/top_down_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "envs/tabletop/bowl_shape.h"

namespace ember::tabletop {
namespace {

constexpr double kRayOrigin = 1.0;  // rays start 1 m above the table, pointing down

// Pixel rectangle [row0, row1) x [col0, col1) covering an xy bounding box.
struct PixelBox {
  int row0, row1, col0, col1;
};

PixelBox pixels_covering(const PixelGrid& grid, double min_x, double max_x, double min_y, double max_y) {
  const auto [row0, col0] = grid.to_pixel(min_x, min_y);
  const auto [row1, col1] = grid.to_pixel(max_x, max_y);
  return {std::max(row0, 0), std::min(row1 + 1, grid.rows), std::max(col0, 0), std::min(col1 + 1, grid.cols)};
}

class Painter {
 public:
  explicit Painter(TopDownMaps& maps) : maps_(maps) {}

  // Writes a surface point if it is above what the pixel shows so far.
  void paint(int row, int col, double z, const Color& color, double shade, int id) {
    const int i = maps_.index(row, col);
    if (z <= maps_.height[static_cast<size_t>(i)]) return;
    maps_.height[static_cast<size_t>(i)] = static_cast<float>(z);
    maps_.object[static_cast<size_t>(i)] = static_cast<int16_t>(id);
    uint8_t* rgb = &maps_.rgb[static_cast<size_t>(i) * 3];
    rgb[0] = static_cast<uint8_t>(std::lround(color.r * shade));
    rgb[1] = static_cast<uint8_t>(std::lround(color.g * shade));
    rgb[2] = static_cast<uint8_t>(std::lround(color.b * shade));
  }

  const PixelGrid& grid() const { return maps_.grid; }

 private:
  TopDownMaps& maps_;
};

void draw_zone(const SceneObject& zone, int id, Painter& painter) {
  const double yaw = zone.pose.yaw(), c = std::cos(yaw), s = std::sin(yaw);
  const double half = zone.size / 2, inner = half - kZoneBorder;
  const double reach = half * std::sqrt(2.0);
  const Color& color = all_colors()[static_cast<size_t>(zone.color)];
  const PixelBox box = pixels_covering(painter.grid(), zone.pose.x - reach, zone.pose.x + reach,
                                       zone.pose.y - reach, zone.pose.y + reach);
  for (int row = box.row0; row < box.row1; ++row)
    for (int col = box.col0; col < box.col1; ++col) {
      const auto [x, y] = painter.grid().to_xy(row, col);
      const double dx = x - zone.pose.x, dy = y - zone.pose.y;
      const double u = std::abs(c * dx + s * dy), v = std::abs(-s * dx + c * dy);
      if (u <= half && v <= half && (u >= inner || v >= inner)) painter.paint(row, col, kZoneHeight, color, 1.0, id);
    }
}

void draw_bowl(const SceneObject& bowl_object, int id, Painter& painter) {
  const double cx = bowl_object.pose.x, cy = bowl_object.pose.y;
  const Color& color = all_colors()[static_cast<size_t>(bowl_object.color)];
  const double outer2 = bowl::kOuterRadius * bowl::kOuterRadius, inner2 = bowl::kInnerRadius * bowl::kInnerRadius;
  const PixelBox box = pixels_covering(painter.grid(), cx - bowl::kOuterRadius, cx + bowl::kOuterRadius,
                                       cy - bowl::kOuterRadius, cy + bowl::kOuterRadius);
  for (int row = box.row0; row < box.row1; ++row)
    for (int col = box.col0; col < box.col1; ++col) {
      const auto [x, y] = painter.grid().to_xy(row, col);
      const double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
      if (r2 > outer2) continue;
      if (r2 >= inner2)
        painter.paint(row, col, bowl::kHeight, color, 1.0, id);  // rim
      else
        painter.paint(row, col, bowl::kFloorThickness, color, 0.7, id);  // inside, in its shadow
    }
}

// A cube of edge `size` at any orientation: each pixel's vertical ray is
// intersected with the cube in the cube's frame (slab method).
void draw_block(const SceneObject& block, int id, Painter& painter) {
  const Pose& p = block.pose;
  const double half = block.size / 2;
  // Columns of the rotation matrix = the cube's axes in the world.
  double axes[3][3];
  for (int a = 0; a < 3; ++a) {
    const double unit[3] = {a == 0 ? 1.0 : 0.0, a == 1 ? 1.0 : 0.0, a == 2 ? 1.0 : 0.0};
    p.rotate(unit, axes[a]);
  }
  // xy extent of the rotated cube.
  double ex = 0, ey = 0;
  for (int a = 0; a < 3; ++a) {
    ex += half * std::abs(axes[a][0]);
    ey += half * std::abs(axes[a][1]);
  }
  const Color& color = all_colors()[static_cast<size_t>(block.color)];
  const PixelBox box = pixels_covering(painter.grid(), p.x - ex, p.x + ex, p.y - ey, p.y + ey);
  // The ray direction (0, 0, -1) in the cube's frame: minus each axis' z.
  const double dir[3] = {-axes[0][2], -axes[1][2], -axes[2][2]};
  for (int row = box.row0; row < box.row1; ++row)
    for (int col = box.col0; col < box.col1; ++col) {
      const auto [x, y] = painter.grid().to_xy(row, col);
      const double rel[3] = {x - p.x, y - p.y, kRayOrigin - p.z};
      double t_near = -1e9, t_far = 1e9;
      int hit_axis = 2;
      bool miss = false;
      for (int a = 0; a < 3 && !miss; ++a) {
        const double origin = rel[0] * axes[a][0] + rel[1] * axes[a][1] + rel[2] * axes[a][2];
        if (std::abs(dir[a]) < 1e-12) {
          miss = std::abs(origin) > half;
          continue;
        }
        double t0 = (-half - origin) / dir[a], t1 = (half - origin) / dir[a];
        if (t0 > t1) std::swap(t0, t1);
        if (t0 > t_near) {
          t_near = t0;
          hit_axis = a;
        }
        t_far = std::min(t_far, t1);
        miss = t_near > t_far;
      }
      if (miss || t_far < 0) continue;
      const double shade = 0.55 + 0.45 * std::abs(axes[hit_axis][2]);  // top faces full, sides darker
      painter.paint(row, col, kRayOrigin - t_near, color, shade, id);
    }
}

}  // namespace

void render_top_down(const Scene& scene, TopDownMaps& maps) {
  const size_t pixels = static_cast<size_t>(maps.grid.size());
  for (size_t i = 0; i < pixels; ++i) std::memcpy(&maps.rgb[i * 3], kTableColor, 3);
  std::fill(maps.height.begin(), maps.height.end(), 0.0f);
  std::fill(maps.object.begin(), maps.object.end(), int16_t{-1});
  Painter painter(maps);
  for (int id = 0; id < scene.size(); ++id) {
    const SceneObject& object = scene.objects[static_cast<size_t>(id)];
    switch (object.kind) {
      case ObjectKind::kZone: draw_zone(object, id, painter); break;
      case ObjectKind::kBowl: draw_bowl(object, id, painter); break;
      case ObjectKind::kBlock: draw_block(object, id, painter); break;
    }
  }
}

void average_down(const TopDownMaps& full, TopDownMaps& out) {
  const int f = full.grid.rows / out.grid.rows;
  const double area = static_cast<double>(f) * f;
  for (int row = 0; row < out.grid.rows; ++row)
    for (int col = 0; col < out.grid.cols; ++col) {
      double rgb[3] = {0, 0, 0}, height = 0;
      for (int r = row * f; r < row * f + f; ++r)
        for (int c = col * f; c < col * f + f; ++c) {
          const auto i = static_cast<size_t>(full.index(r, c));
          for (int k = 0; k < 3; ++k) rgb[k] += full.rgb[i * 3 + static_cast<size_t>(k)];
          height += full.height[i];
        }
      const auto o = static_cast<size_t>(out.index(row, col));
      for (int k = 0; k < 3; ++k) out.rgb[o * 3 + static_cast<size_t>(k)] = static_cast<uint8_t>(std::lround(rgb[k] / area));
      out.height[o] = static_cast<float>(height / area);
      out.object[o] = full.object[static_cast<size_t>(full.index(row * f + f / 2, col * f + f / 2))];
    }
}

}  // namespace ember::tabletop
