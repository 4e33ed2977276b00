#include "envs/tabletop/tasks/task_common.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "envs/tabletop/tasks/scene_sampler.h"

namespace ember::tabletop {

int uniform_int_inclusive(Rng& rng, int low, int high) {
  if (high < low)
    throw std::invalid_argument("uniform_int_inclusive: empty range [" + std::to_string(low) + ", " +
                                std::to_string(high) + "]");
  return low + static_cast<int>(rng.uniform_int(high - low + 1));
}

std::vector<int> sample_without_replacement(Rng& rng, std::vector<int> pool, int k) {
  if (k < 0 || k > static_cast<int>(pool.size()))
    throw std::invalid_argument("cannot sample " + std::to_string(k) + " of " + std::to_string(pool.size()) +
                                " elements");
  // Partial Fisher–Yates: the first k slots become the sample, in draw order.
  for (int i = 0; i < k; ++i) {
    const int j = i + static_cast<int>(rng.uniform_int(static_cast<int64_t>(pool.size()) - i));
    std::swap(pool[static_cast<size_t>(i)], pool[static_cast<size_t>(j)]);
  }
  pool.resize(static_cast<size_t>(k));
  return pool;
}

bool coin_flip(Rng& rng) { return rng.uniform() > 0.5; }

std::vector<int> colors_not_in(const std::vector<int>& used) {
  std::vector<int> out;
  for (int c = 0; c < static_cast<int>(all_colors().size()); ++c)
    if (std::find(used.begin(), used.end(), c) == used.end()) out.push_back(c);
  return out;
}

Pose target_at(const SceneObject& base, double z) {
  Pose p = base.pose;
  p.z = z;
  return p;
}

GoalStep pose_goal(const Scene& scene, const PoseGoalSpec& spec, bool sized_names) {
  GoalStep g;
  g.objects = spec.objects;
  g.symmetries.assign(spec.objects.size(), spec.symmetry);
  g.targets = spec.targets;
  g.matches = spec.matches;
  g.replace = false;
  g.rotations = true;
  g.metric = GoalMetric::kPose;
  g.pos_eps = spec.pos_eps;
  g.max_reward = spec.max_reward;
  g.target_objects = spec.target_objects;
  for (size_t j = 0; j < spec.targets.size(); ++j) {
    const int id = spec.target_objects[j];
    g.target_names.push_back(id >= 0 ? scene.objects[static_cast<size_t>(id)].name(sized_names)
                                     : spec.place_names.at(j));
  }
  return g;
}

GoalStep zone_goal(const Scene& scene, const std::vector<int>& objects, const ZoneRegion& scored_zone,
                   const Pose& target, int target_object, const std::string& place_name, double max_reward,
                   bool sized_names) {
  GoalStep g;
  g.objects = objects;
  g.symmetries.assign(objects.size(), kNoSymmetry);
  g.targets = {target};
  g.matches = all_matches(static_cast<int>(objects.size()), 1);
  g.replace = true;
  g.rotations = false;
  g.metric = GoalMetric::kZone;
  g.zones = {scored_zone};
  g.max_reward = max_reward;
  g.target_objects = {target_object};
  g.target_names = {target_object >= 0 ? scene.objects[static_cast<size_t>(target_object)].name(sized_names)
                                       : place_name};
  return g;
}

TaskEpisode generate_with_retries(const std::string& task_name,
                                  const std::function<bool(TaskEpisode&)>& attempt) {
  for (int i = 0; i < 100; ++i) {
    TaskEpisode episode;
    if (attempt(episode)) return episode;
  }
  throw std::runtime_error("task '" + task_name + "': no scene fitted on the table in 100 attempts");
}

bool place_blocks_cycling_colors(SceneSampler& sampler, const std::vector<int>& colors, int n,
                                 std::vector<int>& blocks) {
  for (int i = 0; i < n; ++i) {
    blocks.push_back(sampler.place(ObjectKind::kBlock, colors[static_cast<size_t>(i) % colors.size()], kSmallBlock));
    if (blocks.back() < 0) return false;
  }
  return true;
}

bool place_shrinking_zones(SceneSampler& sampler, const std::vector<int>& colors, double start_size,
                           std::vector<int>& zones, std::vector<double>& sizes) {
  double size = start_size;
  for (int c : colors) {
    int id = sampler.place(ObjectKind::kZone, c, kZoneSize, size);
    while (id < 0 && size - 0.01 >= kZoneSize - 1e-9) {
      size -= 0.01;
      id = sampler.place(ObjectKind::kZone, c, kZoneSize, size);
    }
    if (id < 0) return false;
    zones.push_back(id);
    sizes.push_back(size);
  }
  return true;
}

}  // namespace ember::tabletop
