#include "envs/tabletop/tasks/oracle.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace ember::tabletop {

namespace {
constexpr double kPi = 3.14159265358979323846;

double wrap_angle(double a) {
  a = std::fmod(a + kPi, 2 * kPi);
  if (a <= 0) a += 2 * kPi;
  return a - kPi;  // (-pi, pi]
}

bool has_object_map(const TopDownMaps& maps) {
  return maps.grid.size() > 0 && maps.object.size() == static_cast<size_t>(maps.grid.size());
}

// The Scene id seen from above at (x, y), -1 for the table or off the map.
int object_at(const TopDownMaps& maps, double x, double y) {
  if (!has_object_map(maps)) return -1;
  const auto [row, col] = maps.grid.to_pixel(x, y);
  if (!maps.grid.contains(row, col)) return -1;
  return maps.object[static_cast<size_t>(maps.index(row, col))];
}
}  // namespace

std::string step_instruction(const std::string& pick_name, const std::string& place_name) {
  return "pick up the " + pick_name + " and place it on the " + place_name + ".";
}

std::vector<OracleMove> oracle_moves(const GoalStep& goal, const Scene& scene) {
  const int n_objects = goal.num_objects(), n_targets = goal.num_targets();
  const auto pose_of = [&](int i) -> const Pose& {
    return scene.objects[static_cast<size_t>(goal.objects[static_cast<size_t>(i)])].pose;
  };
  std::vector<uint8_t> matches = goal.matches;
  const auto allowed = [&](int i, int j) { return matches[static_cast<size_t>(i * n_targets + j)] != 0; };

  // 1. Skip what is already done.
  if (goal.metric == GoalMetric::kPose && !goal.replace) {
    for (int i = 0; i < n_objects; ++i) {
      std::vector<int> targets_i;
      for (int j = 0; j < n_targets; ++j)
        if (allowed(i, j)) targets_i.push_back(j);
      for (int j : targets_i) {
        if (is_match(pose_of(i), goal.targets[static_cast<size_t>(j)], goal.symmetries[static_cast<size_t>(i)],
                     goal.pos_eps)) {
          for (int jj = 0; jj < n_targets; ++jj) matches[static_cast<size_t>(i * n_targets + jj)] = 0;
          for (int ii = 0; ii < n_objects; ++ii) matches[static_cast<size_t>(ii * n_targets + j)] = 0;
        }
      }
    }
  } else if (goal.metric == GoalMetric::kZone) {
    for (int i = 0; i < n_objects; ++i) {
      const SceneObject& object = scene.objects[static_cast<size_t>(goal.objects[static_cast<size_t>(i)])];
      for (const ZoneRegion& zone : goal.zones)
        if (fully_inside_zone(object, zone))
          for (int j = 0; j < n_targets; ++j) matches[static_cast<size_t>(i * n_targets + j)] = 0;
    }
  }

  // 2. Allowed targets per object, nearest first; farthest object first.
  std::vector<OracleMove> moves;
  for (int i = 0; i < n_objects; ++i) {
    const Pose& p = pose_of(i);
    OracleMove move;
    move.goal_object = i;
    move.object = goal.objects[static_cast<size_t>(i)];
    std::vector<std::pair<double, int>> by_distance;
    for (int j = 0; j < n_targets; ++j) {
      if (!allowed(i, j)) continue;
      const Pose& t = goal.targets[static_cast<size_t>(j)];
      const double d = std::sqrt((p.x - t.x) * (p.x - t.x) + (p.y - t.y) * (p.y - t.y) + (p.z - t.z) * (p.z - t.z));
      by_distance.emplace_back(d, j);
    }
    // stable: equal distances keep target order, so the nearest is the first minimum
    std::stable_sort(by_distance.begin(), by_distance.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [d, j] : by_distance) move.targets.push_back(j);
    move.distance = by_distance.empty() ? 0.0 : by_distance.front().first;
    if (move.distance > 0) moves.push_back(std::move(move));
  }
  std::stable_sort(moves.begin(), moves.end(),
                   [](const OracleMove& a, const OracleMove& b) { return a.distance > b.distance; });
  return moves;
}

PickPlace oracle_pick_place(const Scene& scene, const TopDownMaps& maps, int pick_id, const Pose& target,
                            bool rotations, Rng& rng) {
  const Pose& object = scene.objects[static_cast<size_t>(pick_id)].pose;
  // 3. A uniformly random visible pixel of the object.
  double pick_x = object.x, pick_y = object.y;
  if (has_object_map(maps)) {
    int visible = 0;
    for (int16_t id : maps.object) visible += id == pick_id ? 1 : 0;
    if (visible > 0) {
      int k = static_cast<int>(rng.uniform_int(visible));
      for (int index = 0; index < maps.grid.size(); ++index) {
        if (maps.object[static_cast<size_t>(index)] != pick_id) continue;
        if (k-- == 0) {
          std::tie(pick_x, pick_y) = maps.grid.to_xy(index / maps.grid.cols, index % maps.grid.cols);
          break;
        }
      }
    }
  }

  // 4. place = target ∘ object⁻¹ ∘ pick (SE(2); the pick yaw is 0). A cube
  // looks the same after a quarter turn, so it turns by the smallest angle
  // that matches (within ±45°): one label per picture for an imitator, where
  // the full turn would be one of four that no map tells apart.
  double delta = target.yaw() - object.yaw();
  if (scene.objects[static_cast<size_t>(pick_id)].kind == ObjectKind::kBlock)
    delta -= kBlockSymmetry * std::round(delta / kBlockSymmetry);
  const double dx = pick_x - object.x, dy = pick_y - object.y;
  PickPlace action;
  action.pick_x = pick_x;
  action.pick_y = pick_y;
  action.pick_yaw = 0.0;
  action.place_x = target.x + std::cos(delta) * dx - std::sin(delta) * dy;
  action.place_y = target.y + std::sin(delta) * dx + std::cos(delta) * dy;
  action.place_yaw = rotations ? wrap_angle(delta) : 0.0;
  return action;
}

bool oracle_turns_to_target(const GoalStep& goal, int target_j, const Scene& scene) {
  if (!goal.rotations) return false;
  const auto j = static_cast<size_t>(target_j);
  const int id = j < goal.target_objects.size() ? goal.target_objects[j] : -1;
  return id < 0 || scene.objects[static_cast<size_t>(id)].kind != ObjectKind::kBowl;
}

std::string oracle_place_name(const GoalStep& goal, int target_j, const Scene& scene, const TopDownMaps& maps,
                              int pick_id, bool sized_names) {
  // Stacking targets are named after the block now on top of them.
  std::string place_name = goal.target_names[static_cast<size_t>(target_j)];
  const int target_object = goal.target_objects[static_cast<size_t>(target_j)];
  if (target_object >= 0 && scene.objects[static_cast<size_t>(target_object)].kind == ObjectKind::kBlock) {
    const Pose& target = goal.targets[static_cast<size_t>(target_j)];
    const int top = object_at(maps, target.x, target.y);
    if (top >= 0 && top != pick_id && top < scene.size() &&
        scene.objects[static_cast<size_t>(top)].kind == ObjectKind::kBlock)
      place_name = scene.objects[static_cast<size_t>(top)].name(sized_names);
  }
  return place_name;
}

std::optional<OracleStep> oracle_step(const std::vector<GoalStep>& remaining_goals, const Scene& scene,
                                      const TopDownMaps& maps, bool sized_names, Rng& rng) {
  if (remaining_goals.empty()) return std::nullopt;
  const GoalStep& goal = remaining_goals.front();
  const std::vector<OracleMove> moves = oracle_moves(goal, scene);
  if (moves.empty()) return std::nullopt;
  const OracleMove& move = moves.front();
  const int target_j = move.targets.front();
  OracleStep step;
  step.action = oracle_pick_place(scene, maps, move.object, goal.targets[static_cast<size_t>(target_j)],
                                  oracle_turns_to_target(goal, target_j, scene), rng);
  step.pick_object = move.object;
  step.target_index = target_j;
  step.instruction = step_instruction(scene.objects[static_cast<size_t>(move.object)].name(sized_names),
                                      oracle_place_name(goal, target_j, scene, maps, move.object, sized_names));
  return step;
}

std::optional<OracleStep> oracle_step(const Scene& scene, const RewardTracker& tracker, const TopDownMaps& maps,
                                      bool sized_names, Rng& rng) {
  return oracle_step(tracker.remaining_goals(), scene, maps, sized_names, rng);
}

}  // namespace ember::tabletop
