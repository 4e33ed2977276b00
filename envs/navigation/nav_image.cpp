#include "envs/navigation/nav_image.h"

#include <algorithm>
#include <cmath>


namespace ember {

namespace {

constexpr double kMargin = 0.25;

struct Canvas {
  Image* image;
  double scale;
  int px(double x) const { return static_cast<int>(std::floor((x + kMargin) * scale)); }
  int py(double y) const { return image->height - 1 - static_cast<int>(std::floor((y + kMargin) * scale)); }
  void put(int x, int y, const uint8_t c[3]) {
    if (x < 0 || y < 0 || x >= image->width || y >= image->height) return;
    uint8_t* p = image->at(x, y);
    p[0] = c[0];
    p[1] = c[1];
    p[2] = c[2];
  }
  void blend(int x, int y, const uint8_t c[3], double a) {
    if (x < 0 || y < 0 || x >= image->width || y >= image->height) return;
    uint8_t* p = image->at(x, y);
    for (int k = 0; k < 3; ++k) p[k] = static_cast<uint8_t>(std::lround(p[k] * (1 - a) + c[k] * a));
  }
  // Filled world rectangle.
  void rect(double x0, double y0, double x1, double y1, const uint8_t c[3]) {
    for (int y = py(y1); y <= py(y0); ++y)
      for (int x = px(x0); x <= px(x1); ++x) put(x, y, c);
  }
  void outline(double x0, double y0, double x1, double y1, const uint8_t c[3]) {
    const int a = px(x0), b = px(x1), top = py(y1), bottom = py(y0);
    for (int x = a; x <= b; ++x) put(x, top, c), put(x, bottom, c);
    for (int y = top; y <= bottom; ++y) put(a, y, c), put(b, y, c);
  }
  void disc(double x, double y, double r, const uint8_t c[3]) {
    const int cx = px(x), cy = py(y), rp = std::max(1, static_cast<int>(r * scale));
    for (int dy = -rp; dy <= rp; ++dy)
      for (int dx = -rp; dx <= rp; ++dx)
        if (dx * dx + dy * dy <= rp * rp) put(cx + dx, cy + dy, c);
  }
  // Thick line between world points.
  void line(double x0, double y0, double x1, double y1, const uint8_t c[3], int thickness = 2) {
    const double len = std::hypot(x1 - x0, y1 - y0) * scale;
    const int n = std::max(1, static_cast<int>(std::ceil(len * 2)));
    for (int k = 0; k <= n; ++k) {
      const double t = static_cast<double>(k) / n;
      const int x = px(x0 + t * (x1 - x0)), y = py(y0 + t * (y1 - y0));
      for (int dy = -thickness / 2; dy <= (thickness - 1) / 2; ++dy)
        for (int dx = -thickness / 2; dx <= (thickness - 1) / 2; ++dx) put(x + dx, y + dy, c);
    }
  }
};

}  // namespace

Image top_down_map(const House& house, const OccupancyGrid& grid, int target_category, double reach,
                   const std::vector<AgentPose>& path, double pixels_per_metre) {
  Image image;
  image.width = static_cast<int>(std::ceil((house.width + 2 * kMargin) * pixels_per_metre));
  image.height = static_cast<int>(std::ceil((house.depth + 2 * kMargin) * pixels_per_metre));
  image.rgb.assign(static_cast<size_t>(image.width) * image.height * 3, 90);
  Canvas c{&image, pixels_per_metre};
  for (const Room& room : house.rooms) {
    uint8_t col[3];
    for (int k = 0; k < 3; ++k) col[k] = static_cast<uint8_t>(std::lround(255 * (0.45 + 0.55 * room.floor_rgb[k])));
    c.rect(room.rect.x0, room.rect.y0, room.rect.x1, room.rect.y1, col);
  }
  // where the agent centre cannot be, and the goal region (per pixel centre)
  const uint8_t shade[3] = {0, 0, 0}, gold[3] = {255, 200, 0};
  for (int py = 0; py < image.height; ++py)
    for (int px = 0; px < image.width; ++px) {
      const double x = (px + 0.5) / pixels_per_metre - kMargin;
      const double y = (image.height - 1 - py + 0.5) / pixels_per_metre - kMargin;
      int i, j;
      grid.cell_of(x, y, &i, &j);
      if (!grid.in_bounds(i, j)) continue;
      const double cx = grid.cell_x(i), cy = grid.cell_y(j);
      if (!grid.free[grid.index(i, j)]) {
        c.blend(px, py, shade, 0.18);
        continue;
      }
      for (const HouseObject& o : house.objects)
        if (o.category == target_category && distance_to_footprint(o, cx, cy) <= reach) {
          c.blend(px, py, gold, 0.35);
          break;
        }
    }
  const uint8_t white[3] = {255, 255, 255};
  for (const HouseObject& o : house.objects) {
    const auto& rgb = object_categories()[o.category].rgb;
    const uint8_t col[3] = {static_cast<uint8_t>(255 * rgb[0]), static_cast<uint8_t>(255 * rgb[1]),
                            static_cast<uint8_t>(255 * rgb[2])};
    c.rect(o.x - o.hx, o.y - o.hy, o.x + o.hx, o.y + o.hy, col);
    if (o.category == target_category) c.outline(o.x - o.hx, o.y - o.hy, o.x + o.hx, o.y + o.hy, white);
  }
  for (const Wall& w : house.walls) c.rect(w.cx - w.hx, w.cy - w.hy, w.cx + w.hx, w.cy + w.hy, kMapWall);
  if (!path.empty()) {
    for (size_t k = 1; k < path.size(); ++k) c.line(path[k - 1].x, path[k - 1].y, path[k].x, path[k].y, kMapPath);
    c.disc(path.front().x, path.front().y, 0.1, kMapStart);
    const AgentPose& e = path.back();
    c.disc(e.x, e.y, 0.07, kMapPath);
    c.line(e.x, e.y, e.x + 0.35 * std::cos(e.yaw), e.y + 0.35 * std::sin(e.yaw), kMapPath, 3);
  }
  return image;
}

}  // namespace ember
