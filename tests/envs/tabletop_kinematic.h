// Test-only stand-ins for the physics and renderer of the tabletop env, so
// the task logic can be tested without Bullet: a painter's-algorithm object
// map (topmost object per pixel by top height) and a kinematic executor that
// teleports the block under the pick point by place ∘ pick⁻¹ and rests every
// block on the highest block whose footprint overlaps it (bowls and zones
// support nothing: a block in a bowl sits on the table).
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "core/rng.h"
#include "envs/tabletop/scene.h"
#include "envs/tabletop/tasks/goals.h"
#include "envs/tabletop/tasks/oracle.h"
#include "envs/tabletop/tasks/scene_sampler.h"
#include "envs/tabletop/tasks/task.h"
#include "envs/tabletop/top_down_maps.h"

namespace ember::tabletop::testing {

inline double top_height(const SceneObject& o) {
  switch (o.kind) {
    case ObjectKind::kBlock: return o.pose.z + o.size / 2;
    case ObjectKind::kBowl: return kBowlHeight;
    case ObjectKind::kZone: return 0.001;
  }
  return 0.0;
}

// Fills maps.object (and height) for `scene` on `grid`.
inline void rasterize_objects(const Scene& scene, TopDownMaps& maps, const PixelGrid& grid = PixelGrid::full()) {
  maps.resize(grid);
  std::vector<int> order(static_cast<size_t>(scene.size()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return top_height(scene.objects[static_cast<size_t>(a)]) < top_height(scene.objects[static_cast<size_t>(b)]);
  });
  for (int id : order) {
    const SceneObject& o = scene.objects[static_cast<size_t>(id)];
    const Footprint f = footprint_of(o);
    const double r = std::hypot(f.half_x, f.half_y);
    const auto [r0, c0] = grid.to_pixel(f.x - r, f.y - r);
    const auto [r1, c1] = grid.to_pixel(f.x + r, f.y + r);
    for (int row = std::max(0, r0); row <= std::min(grid.rows - 1, r1); ++row)
      for (int col = std::max(0, c0); col <= std::min(grid.cols - 1, c1); ++col) {
        const auto [x, y] = grid.to_xy(row, col);
        if (!footprint_contains(f, x, y)) continue;
        maps.object[static_cast<size_t>(maps.index(row, col))] = static_cast<int16_t>(id);
        maps.height[static_cast<size_t>(maps.index(row, col))] = static_cast<float>(top_height(o));
      }
  }
}

// Rests every block, lowest first, on the highest already-rested block under it.
inline void settle(Scene& scene) {
  std::vector<int> blocks;
  for (int i = 0; i < scene.size(); ++i)
    if (scene.objects[static_cast<size_t>(i)].kind == ObjectKind::kBlock) blocks.push_back(i);
  std::stable_sort(blocks.begin(), blocks.end(), [&](int a, int b) {
    return scene.objects[static_cast<size_t>(a)].pose.z < scene.objects[static_cast<size_t>(b)].pose.z;
  });
  std::vector<int> rested;
  for (int id : blocks) {
    SceneObject& o = scene.objects[static_cast<size_t>(id)];
    double support = 0.0;
    for (int below : rested) {
      const SceneObject& b = scene.objects[static_cast<size_t>(below)];
      if (footprints_overlap(footprint_of(o), footprint_of(b), -0.001)) support = std::max(support, top_height(b));
    }
    o.pose.z = support + o.size / 2;
    rested.push_back(id);
  }
}

// Executes a pick-and-place kinematically; returns the moved id or -1 when
// the pick point is not on a block.
inline int execute_kinematic(Scene& scene, const PickPlace& a, const TopDownMaps& maps) {
  const auto [row, col] = maps.grid.to_pixel(a.pick_x, a.pick_y);
  if (!maps.grid.contains(row, col)) return -1;
  const int id = maps.object[static_cast<size_t>(maps.index(row, col))];
  if (id < 0 || scene.objects[static_cast<size_t>(id)].kind != ObjectKind::kBlock) return -1;
  SceneObject& o = scene.objects[static_cast<size_t>(id)];
  const double turn = a.place_yaw - a.pick_yaw;
  const double dx = o.pose.x - a.pick_x, dy = o.pose.y - a.pick_y;
  const double x = a.place_x + std::cos(turn) * dx - std::sin(turn) * dy;
  const double y = a.place_y + std::sin(turn) * dx + std::cos(turn) * dy;
  o.pose = Pose::on_table(x, y, o.pose.yaw() + turn, 10.0);  // above everything until settled
  settle(scene);
  return id;
}

struct OracleRun {
  double total = 0.0;
  int steps = 0;
  std::vector<std::string> instructions;
  std::vector<PickPlace> actions;
};

// Generates an episode from `seed` and lets the oracle act on it with the
// kinematic executor until the task is done or its step budget runs out.
inline OracleRun run_oracle_episode(const Task& task, uint64_t seed, ColorSplit split) {
  Rng scene_rng(seed), oracle_rng(seed ^ 0x9e3779b97f4a7c15ULL);
  const TaskEpisode episode = task.generate(scene_rng, split);
  Scene scene = episode.scene;
  RewardTracker tracker(episode.goals);
  TopDownMaps maps;
  OracleRun run;
  while (run.steps < episode.max_steps && !tracker.done()) {
    rasterize_objects(scene, maps);
    const auto step = oracle_step(scene, tracker, maps, episode.sized_names, oracle_rng);
    // No expert move: the current goal step is satisfied but not yet popped
    // (or stuck). Spend the step idle, as an env would, so the tracker rescores.
    if (step) execute_kinematic(scene, step->action, maps);
    const double before = tracker.total();
    const size_t goals_before = tracker.remaining_goals().size();
    tracker.step(scene);
    ++run.steps;
    if (!step && tracker.total() == before && tracker.remaining_goals().size() == goals_before) break;
    if (step) {
      run.instructions.push_back(step->instruction);
      run.actions.push_back(step->action);
    }
  }
  run.total = tracker.total();
  return run;
}

}  // namespace ember::tabletop::testing
