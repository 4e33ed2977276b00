#include "envs/tabletop/tasks/goals.h"

#include <cmath>
#include <stdexcept>

#include "envs/tabletop/workspace.h"

namespace ember::tabletop {

std::vector<uint8_t> identity_matches(int n) {
  std::vector<uint8_t> m(static_cast<size_t>(n) * n, 0);
  for (int i = 0; i < n; ++i) m[static_cast<size_t>(i) * n + i] = 1;
  return m;
}

std::vector<uint8_t> all_matches(int rows, int cols) {
  return std::vector<uint8_t>(static_cast<size_t>(rows) * cols, 1);
}

std::vector<uint8_t> all_but_identity_matches(int n) {
  std::vector<uint8_t> m(static_cast<size_t>(n) * n, 1);
  for (int i = 0; i < n; ++i) m[static_cast<size_t>(i) * n + i] = 0;
  return m;
}

bool is_match(const Pose& object, const Pose& target, double symmetry, double pos_eps) {
  const double dist = std::hypot(object.x - target.x, object.y - target.y);
  double diff_rot = 0.0;
  if (symmetry > 0.0) {
    diff_rot = std::fmod(std::fabs(object.yaw() - target.yaw()), symmetry);
    if (diff_rot > symmetry / 2) diff_rot = symmetry - diff_rot;
  }
  return dist < pos_eps && diff_rot < kRotationEps;
}

namespace {
std::vector<std::array<double, 3>> make_zone_sample_points(double edge) {
  // numpy's arange length is ceil((stop - start) / step); the epsilon keeps
  // 0.06 / 0.02 = 2.9999999999999996 at 3 as in the reference.
  const int n = static_cast<int>(std::ceil(edge / kZonePointSpacing - 1e-9));
  std::vector<std::array<double, 3>> points;
  points.reserve(static_cast<size_t>(n) * n * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        points.push_back({-edge / 2 + i * kZonePointSpacing, -edge / 2 + j * kZonePointSpacing,
                          -edge / 2 + k * kZonePointSpacing});
  return points;
}
}  // namespace

const std::vector<std::array<double, 3>>& zone_sample_points(double edge) {
  // the two block sizes are computed once (scoring runs in every env step);
  // function statics are initialised thread-safely for VectorEnv's threads
  static const std::vector<std::array<double, 3>> small = make_zone_sample_points(kSmallBlock);
  static const std::vector<std::array<double, 3>> big = make_zone_sample_points(kBigBlock);
  if (edge == kSmallBlock) return small;
  if (edge == kBigBlock) return big;
  throw std::invalid_argument("zone sample points: no block of edge " + std::to_string(edge) + " m");
}

namespace {
// World point -> the zone's frame (inverse rotation = conjugate quaternion).
void world_to_zone(const Pose& zone, const double world[3], double out[3]) {
  const Pose inverse{0, 0, 0, -zone.qx, -zone.qy, -zone.qz, zone.qw};
  const double rel[3] = {world[0] - zone.x, world[1] - zone.y, world[2] - zone.z};
  inverse.rotate(rel, out);
}
}  // namespace

int points_inside_zone(const SceneObject& object, const ZoneRegion& zone) {
  int inside = 0;
  for (const auto& p : zone_sample_points(object.size)) {
    double world[3], local[3];
    object.pose.transform(p.data(), world);
    world_to_zone(zone.pose, world, local);
    if (local[0] > -zone.size_x / 2 && local[0] < zone.size_x / 2 && local[1] > -zone.size_y / 2 &&
        local[1] < zone.size_y / 2 && local[2] < kMaxZ)
      ++inside;
  }
  return inside;
}

bool fully_inside_zone(const SceneObject& object, const ZoneRegion& zone) {
  return points_inside_zone(object, zone) == static_cast<int>(zone_sample_points(object.size).size());
}

double goal_step_reward(const GoalStep& goal, const Scene& scene) {
  const auto object_at = [&](int id) -> const SceneObject& {
    if (id < 0 || id >= scene.size())
      throw std::invalid_argument("goal refers to object " + std::to_string(id) + " but the scene has " +
                                  std::to_string(scene.size()));
    return scene.objects[static_cast<size_t>(id)];
  };
  if (goal.metric == GoalMetric::kPose) {
    double reward = 0.0;
    for (int i = 0; i < goal.num_objects(); ++i) {
      const Pose& pose = object_at(goal.objects[static_cast<size_t>(i)]).pose;
      for (int j = 0; j < goal.num_targets(); ++j) {
        if (goal.allowed(i, j) &&
            is_match(pose, goal.targets[static_cast<size_t>(j)], goal.symmetries[static_cast<size_t>(i)],
                     goal.pos_eps)) {
          reward += goal.max_reward / goal.num_objects();
          break;
        }
      }
    }
    return reward;
  }
  // Zone metric: as the reference, points are counted per (zone, object)
  // pair and the total includes every pair, so each zone divides the credit.
  long inside = 0, total = 0;
  for (const ZoneRegion& zone : goal.zones) {
    for (int id : goal.objects) {
      const SceneObject& object = object_at(id);
      inside += points_inside_zone(object, zone);
      total += static_cast<long>(zone_sample_points(object.size).size());
    }
  }
  return total == 0 ? 0.0 : goal.max_reward * static_cast<double>(inside) / static_cast<double>(total);
}

void RewardTracker::reset(std::vector<GoalStep> goals) {
  for (const GoalStep& g : goals) {
    if (g.matches.size() != g.objects.size() * g.targets.size() || g.symmetries.size() != g.objects.size())
      throw std::invalid_argument("goal step with " + std::to_string(g.objects.size()) + " objects and " +
                                  std::to_string(g.targets.size()) + " targets has a malformed match matrix or symmetry list");
  }
  goals_ = std::move(goals);
  progress_ = 0.0;
  total_ = 0.0;
  popped_ = 0;
}

void RewardTracker::restore(int popped, double progress, double total) {
  if (popped < 0 || popped > static_cast<int>(goals_.size()))
    throw std::invalid_argument("reward tracker: cannot pop " + std::to_string(popped) + " of " +
                                std::to_string(goals_.size()) + " goal steps");
  goals_.erase(goals_.begin(), goals_.begin() + popped);
  popped_ = popped;
  progress_ = progress;
  total_ = total;
}

double RewardTracker::step(const Scene& now) {
  if (goals_.empty()) return 0.0;
  const GoalStep& goal = goals_.front();
  const double step_reward = goal_step_reward(goal, now);
  const double reward = progress_ + step_reward - total_;
  total_ = progress_ + step_reward;
  if (std::fabs(goal.max_reward - step_reward) < 0.01) {
    progress_ += goal.max_reward;
    goals_.erase(goals_.begin());
    ++popped_;
  }
  return reward;
}

}  // namespace ember::tabletop
