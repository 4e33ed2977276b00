#include "envs/tabletop/tasks/scene_sampler.h"

#include <algorithm>
#include <cmath>

#include "envs/tabletop/workspace.h"

namespace ember::tabletop {

namespace {
constexpr double kTwoPi = 6.28318530717958647692;

struct Corners {
  double x[4], y[4];
};

Corners corners_of(const Footprint& f, double grow) {
  const double c = std::cos(f.yaw), s = std::sin(f.yaw);
  const double hx = f.half_x + grow, hy = f.half_y + grow;
  const double local[4][2] = {{hx, hy}, {-hx, hy}, {-hx, -hy}, {hx, -hy}};
  Corners out{};
  for (int i = 0; i < 4; ++i) {
    out.x[i] = f.x + c * local[i][0] - s * local[i][1];
    out.y[i] = f.y + s * local[i][0] + c * local[i][1];
  }
  return out;
}

// True when the projections of a and b on axis (ax, ay) do not overlap.
bool separated_on(const Corners& a, const Corners& b, double ax, double ay) {
  double a_min = 1e9, a_max = -1e9, b_min = 1e9, b_max = -1e9;
  for (int i = 0; i < 4; ++i) {
    const double pa = a.x[i] * ax + a.y[i] * ay, pb = b.x[i] * ax + b.y[i] * ay;
    a_min = std::min(a_min, pa), a_max = std::max(a_max, pa);
    b_min = std::min(b_min, pb), b_max = std::max(b_max, pb);
  }
  return a_max <= b_min || b_max <= a_min;
}
}  // namespace

Footprint footprint_of(const SceneObject& object) {
  return {object.pose.x, object.pose.y, object.pose.yaw(), object.size / 2, object.size / 2};
}

bool footprints_overlap(const Footprint& a, const Footprint& b, double clearance) {
  // Cheap reject on bounding circles first.
  const double ra = std::hypot(a.half_x, a.half_y) + clearance, rb = std::hypot(b.half_x, b.half_y) + clearance;
  if (std::hypot(a.x - b.x, a.y - b.y) >= ra + rb) return false;
  const Corners ca = corners_of(a, clearance), cb = corners_of(b, clearance);
  const double axes[4][2] = {{std::cos(a.yaw), std::sin(a.yaw)},
                             {-std::sin(a.yaw), std::cos(a.yaw)},
                             {std::cos(b.yaw), std::sin(b.yaw)},
                             {-std::sin(b.yaw), std::cos(b.yaw)}};
  for (const auto& axis : axes)
    if (separated_on(ca, cb, axis[0], axis[1])) return false;
  return true;
}

bool footprint_inside_workspace(const Footprint& f) {
  const Corners c = corners_of(f, 0.0);
  for (int i = 0; i < 4; ++i)
    if (!in_workspace(c.x[i], c.y[i])) return false;
  return true;
}

bool footprint_contains(const Footprint& f, double x, double y) {
  const double c = std::cos(f.yaw), s = std::sin(f.yaw);
  const double dx = x - f.x, dy = y - f.y;
  const double lx = c * dx + s * dy, ly = -s * dx + c * dy;
  return std::fabs(lx) <= f.half_x && std::fabs(ly) <= f.half_y;
}

SceneSampler::SceneSampler(Scene& scene, Rng& rng) : scene_(scene), rng_(rng) {
  for (const SceneObject& object : scene.objects) occupied_.push_back(footprint_of(object));
}

std::optional<Pose> SceneSampler::sample_free_pose(double footprint_x, double footprint_y, double z) {
  for (int attempt = 0; attempt < kSamplerAttempts; ++attempt) {
    const double x = rng_.uniform(kMinX, kMaxX);
    const double y = rng_.uniform(kMinY, kMaxY);
    const double yaw = rng_.uniform(0.0, kTwoPi);
    const Footprint candidate{x, y, yaw, footprint_x / 2, footprint_y / 2};
    if (!footprint_inside_workspace(candidate)) continue;
    bool free = true;
    for (const Footprint& other : occupied_)
      if (footprints_overlap(candidate, other, kSamplerClearance)) {
        free = false;
        break;
      }
    if (free) return Pose::on_table(x, y, yaw, z);
  }
  return std::nullopt;
}

int SceneSampler::place(ObjectKind kind, int color, double size, double footprint) {
  const double side = footprint > 0.0 ? footprint : size;
  const double z = kind == ObjectKind::kBlock ? size / 2 : 0.0;
  const std::optional<Pose> pose = sample_free_pose(side, side, z);
  if (!pose) return -1;
  occupied_.push_back({pose->x, pose->y, pose->yaw(), side / 2, side / 2});
  return scene_.add(kind, color, size, *pose);
}

void SceneSampler::clear() {
  scene_.objects.clear();
  occupied_.clear();
}

}  // namespace ember::tabletop
