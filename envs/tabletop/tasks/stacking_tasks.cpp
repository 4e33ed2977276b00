// Stacking by color (reference §7 H and K), smaller blocks only, yaw checked
// modulo 90 degrees, pos_eps 0.01.
//  H: two colors, n in U{2..4} blocks, block i has color i mod 2; blocks 1..
//     go onto block 0 ("stack blocks with alternate colors").
//  K: n_col in U{1..3} colors, n in U{2,3} / U{4..6} / U{6..9}; block i has
//     color i mod n_col; the first n_col blocks are the bases; block k goes
//     onto base k mod n_col; plus 0–2 distractors of unused colors.
// The reference draws these counts once per task object; ember draws them
// per episode.
#include <algorithm>
#include <stdexcept>

#include "envs/tabletop/tasks/scene_sampler.h"
#include "envs/tabletop/tasks/task_common.h"

namespace ember::tabletop {
namespace {

constexpr double kColorStackPosEps = 0.01;

class StackBlockWithAlternateColor : public Task {
 public:
  std::string name() const override { return "stack-block-with-alternate-color"; }
  bool is_seen() const override { return false; }
  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const int n_blocks = uniform_int_inclusive(rng, 2, 4);
      const std::vector<int> colors = sample_without_replacement(rng, split_colors(split), 2);
      SceneSampler sampler(ep.scene, rng);
      std::vector<int> blocks;
      if (!place_blocks_cycling_colors(sampler, colors, n_blocks, blocks)) return false;
      const SceneObject& base = ep.scene.objects[static_cast<size_t>(blocks[0])];
      PoseGoalSpec spec;
      spec.symmetry = kBlockSymmetry;
      for (int i = 1; i < n_blocks; ++i) {
        spec.objects.push_back(blocks[static_cast<size_t>(i)]);
        spec.targets.push_back(target_at(base, kSmallBlock * (i + 0.5)));
        spec.target_objects.push_back(blocks[0]);
      }
      spec.matches = identity_matches(n_blocks - 1);
      spec.pos_eps = kColorStackPosEps;
      ep.goals.push_back(pose_goal(ep.scene, spec, false));
      ep.instruction = "stack blocks with alternate colors";
      ep.max_steps = n_blocks + 2;
      ep.sized_names = false;
      return true;
    });
  }
};

class StackBlockOfSameColor : public Task {
 public:
  std::string name() const override { return "stack-block-of-same-color"; }
  bool is_seen() const override { return false; }
  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const int n_colors = uniform_int_inclusive(rng, 1, 3);
      const int n_blocks = n_colors == 1   ? uniform_int_inclusive(rng, 2, 3)
                           : n_colors == 2 ? uniform_int_inclusive(rng, 4, 6)
                                           : uniform_int_inclusive(rng, 6, 9);
      const int n_distractors_drawn = uniform_int_inclusive(rng, 0, 2);
      const std::vector<int> colors = sample_without_replacement(rng, split_colors(split), n_colors);
      SceneSampler sampler(ep.scene, rng);
      std::vector<int> blocks;
      if (!place_blocks_cycling_colors(sampler, colors, n_blocks, blocks)) return false;
      PoseGoalSpec spec;
      spec.symmetry = kBlockSymmetry;
      for (int k = n_colors; k < n_blocks; ++k) {
        const int base = blocks[static_cast<size_t>(k % n_colors)];
        spec.objects.push_back(blocks[static_cast<size_t>(k)]);
        spec.targets.push_back(
            target_at(ep.scene.objects[static_cast<size_t>(base)], kSmallBlock * (k / n_colors + 0.5)));
        spec.target_objects.push_back(base);
      }
      spec.matches = identity_matches(n_blocks - n_colors);
      spec.pos_eps = kColorStackPosEps;
      ep.goals.push_back(pose_goal(ep.scene, spec, false));
      const std::vector<int> unused = colors_not_in(colors);
      const int n_distractors = std::min(n_distractors_drawn, static_cast<int>(unused.size()));
      for (int i = 0; i < n_distractors; ++i)
        if (sampler.place(ObjectKind::kBlock, unused[static_cast<size_t>(i)], kSmallBlock) < 0) return false;
      ep.instruction = "stack all the blocks of the same color together";
      ep.max_steps = n_blocks + 2;
      ep.sized_names = false;
      return true;
    });
  }
};

}  // namespace

std::unique_ptr<Task> make_stacking_task(const std::string& name) {
  if (name == "stack-block-with-alternate-color") return std::make_unique<StackBlockWithAlternateColor>();
  if (name == "stack-block-of-same-color") return std::make_unique<StackBlockOfSameColor>();
  throw std::invalid_argument("not a stacking task: '" + name + "'");
}

}  // namespace ember::tabletop
