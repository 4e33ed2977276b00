// Size reasoning (reference §7 C, G, I): stacks of smaller blocks over bigger
// blocks of the same color (C), per-size stacks (G), and C inside the zone of
// the same color with the bigger block underneath (I). pos_eps 0.01, no yaw
// check (symmetry 0), targets frozen at the start poses.
#include <algorithm>
#include <stdexcept>

#include "envs/tabletop/tasks/scene_sampler.h"
#include "envs/tabletop/tasks/task_common.h"

namespace ember::tabletop {
namespace {

constexpr double kStackPosEps = 0.01;
constexpr double kColorZoneSize = 0.15;  // reward zone of E and I before any shrinking

// One bigger and one smaller block per color, in the reference's order
// (bigger first). Returns false when the table is full.
bool place_size_pairs(SceneSampler& sampler, const std::vector<int>& colors, std::vector<int>& bigger,
                      std::vector<int>& smaller) {
  for (int c : colors) {
    bigger.push_back(sampler.place(ObjectKind::kBlock, c, kBigBlock));
    smaller.push_back(sampler.place(ObjectKind::kBlock, c, kSmallBlock));
    if (bigger.back() < 0 || smaller.back() < 0) return false;
  }
  return true;
}

// 0–2 distractor blocks of random size; the i-th takes the i-th unused color
// in palette order (reference).
bool place_block_distractors(Rng& rng, SceneSampler& sampler, const std::vector<int>& used_colors,
                             bool random_size) {
  const std::vector<int> unused = colors_not_in(used_colors);
  const int n = std::min(uniform_int_inclusive(rng, 0, 2), static_cast<int>(unused.size()));
  for (int i = 0; i < n; ++i) {
    const double size = random_size && coin_flip(rng) ? kBigBlock : kSmallBlock;
    if (sampler.place(ObjectKind::kBlock, unused[static_cast<size_t>(i)], size) < 0) return false;
  }
  return true;
}

class StackSmallerOverBiggerWithSameColor : public Task {
 public:
  std::string name() const override { return "stack-smaller-over-bigger-with-same-color"; }
  bool is_seen() const override { return true; }
  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const int n_colors = uniform_int_inclusive(rng, 5, 7);
      const std::vector<int> colors = sample_without_replacement(rng, split_colors(split), n_colors);
      SceneSampler sampler(ep.scene, rng);
      std::vector<int> bigger, smaller;
      if (!place_size_pairs(sampler, colors, bigger, smaller)) return false;
      if (!place_block_distractors(rng, sampler, colors, true)) return false;
      PoseGoalSpec spec;
      spec.objects = smaller;
      for (int b : bigger) {
        spec.targets.push_back(target_at(ep.scene.objects[static_cast<size_t>(b)], kBigBlock + kSmallBlock / 2));
        spec.target_objects.push_back(b);
      }
      spec.matches = identity_matches(n_colors);
      spec.pos_eps = kStackPosEps;
      ep.goals.push_back(pose_goal(ep.scene, spec, true));
      ep.instruction = "stack all the smaller blocks over the bigger blocks of the same color.";
      ep.max_steps = n_colors + 2;
      ep.sized_names = true;
      return true;
    });
  }
};

class StackBlockOfSameSize : public Task {
 public:
  std::string name() const override { return "stack-block-of-same-size"; }
  bool is_seen() const override { return false; }
  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      // Ember: one bigger and one smaller block leave nothing to stack (the
      // reference's goal would be empty and unscorable), so redraw.
      int n_big = 0, n_small = 0;
      do {
        n_big = uniform_int_inclusive(rng, 1, 4);
        n_small = uniform_int_inclusive(rng, 1, 4);
      } while (n_big + n_small < 3);
      const std::vector<int> big_colors = sample_without_replacement(rng, split_colors(split), n_big);
      const std::vector<int> small_colors = sample_without_replacement(rng, split_colors(split), n_small);
      SceneSampler sampler(ep.scene, rng);
      std::vector<int> big, small;
      for (int c : big_colors) {
        big.push_back(sampler.place(ObjectKind::kBlock, c, kBigBlock));
        if (big.back() < 0) return false;
      }
      for (int c : small_colors) {
        small.push_back(sampler.place(ObjectKind::kBlock, c, kSmallBlock));
        if (small.back() < 0) return false;
      }
      PoseGoalSpec spec;
      const auto add_stack = [&](const std::vector<int>& group, double size) {
        const SceneObject& base = ep.scene.objects[static_cast<size_t>(group[0])];
        for (size_t i = 1; i < group.size(); ++i) {
          spec.objects.push_back(group[i]);
          spec.targets.push_back(target_at(base, size * (static_cast<double>(i) + 0.5)));
          spec.target_objects.push_back(group[0]);
        }
      };
      add_stack(big, kBigBlock);
      add_stack(small, kSmallBlock);
      spec.matches = identity_matches(static_cast<int>(spec.objects.size()));
      spec.pos_eps = kStackPosEps;
      ep.goals.push_back(pose_goal(ep.scene, spec, true));
      ep.instruction = "stack blocks of the same size.";
      ep.max_steps = n_big + n_small + 2;
      ep.sized_names = true;
      return true;
    });
  }
};

class StackSmallerOverBiggerInSameColorZone : public Task {
 public:
  std::string name() const override { return "stack-smaller-over-bigger-with-same-color-in-same-color-zone"; }
  bool is_seen() const override { return false; }
  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const int n_colors = uniform_int_inclusive(rng, 3, 5);
      const std::vector<int> colors = sample_without_replacement(rng, split_colors(split), n_colors);
      SceneSampler sampler(ep.scene, rng);
      std::vector<int> bigger, smaller, zones;
      if (!place_size_pairs(sampler, colors, bigger, smaller)) return false;
      std::vector<double> zone_sizes;  // unused: this task scores poses, not zone areas
      if (!place_shrinking_zones(sampler, colors, kColorZoneSize, zones, zone_sizes)) return false;
      if (!place_block_distractors(rng, sampler, colors, true)) return false;
      PoseGoalSpec big_goal, small_goal;
      big_goal.objects = bigger;
      small_goal.objects = smaller;
      for (int i = 0; i < n_colors; ++i) {
        const SceneObject& zone = ep.scene.objects[static_cast<size_t>(zones[static_cast<size_t>(i)])];
        big_goal.targets.push_back(target_at(zone, kBigBlock / 2));
        big_goal.target_objects.push_back(zones[static_cast<size_t>(i)]);
        small_goal.targets.push_back(target_at(zone, kBigBlock + kSmallBlock / 2));
        // Named after the bigger block it goes onto, as the reference's step names.
        small_goal.target_objects.push_back(bigger[static_cast<size_t>(i)]);
      }
      for (PoseGoalSpec* spec : {&big_goal, &small_goal}) {
        spec->matches = identity_matches(n_colors);
        spec->pos_eps = kStackPosEps;
        spec->max_reward = 0.5;
        ep.goals.push_back(pose_goal(ep.scene, *spec, true));
      }
      ep.instruction =
          "stack all the smaller blocks over the bigger blocks of the same color in the zone with the same color.";
      ep.max_steps = 2 * n_colors + 3;
      ep.sized_names = true;
      return true;
    });
  }
};

}  // namespace

std::unique_ptr<Task> make_size_task(const std::string& name) {
  if (name == "stack-smaller-over-bigger-with-same-color")
    return std::make_unique<StackSmallerOverBiggerWithSameColor>();
  if (name == "stack-block-of-same-size") return std::make_unique<StackBlockOfSameSize>();
  if (name == "stack-smaller-over-bigger-with-same-color-in-same-color-zone")
    return std::make_unique<StackSmallerOverBiggerInSameColorZone>();
  throw std::invalid_argument("not a size task: '" + name + "'");
}

}  // namespace ember::tabletop
