// Blocks into bowls by color (reference §7 B and F): n_b in U{5..7} bowls of
// distinct colors, n in U{5..n_b} blocks where block i has bowl i's color,
// and up to 6 distractors of unused colors. B (matching) scores block i in
// bowl i; F (mismatching) block i in any other bowl among the first n.
#include <stdexcept>

#include "envs/tabletop/tasks/scene_sampler.h"
#include "envs/tabletop/tasks/task_common.h"

namespace ember::tabletop {
namespace {

constexpr double kBowlPosEps = 0.05;
constexpr int kMaxBowlDistractors = 6;

class BlocksInBowlsTask : public Task {
 public:
  explicit BlocksInBowlsTask(bool matching) : matching_(matching) {}
  std::string name() const override {
    return matching_ ? "put-block-in-matching-bowl" : "put-block-in-mismatching-bowl";
  }
  bool is_seen() const override { return matching_; }

  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const int n_bowls = uniform_int_inclusive(rng, 5, 7);
      const int n_blocks = uniform_int_inclusive(rng, 5, n_bowls);
      const std::vector<int> colors = sample_without_replacement(rng, split_colors(split), n_bowls);

      SceneSampler sampler(ep.scene, rng);
      std::vector<int> bowls, blocks;
      for (int c : colors) {
        bowls.push_back(sampler.place(ObjectKind::kBowl, c, kBowlSize));
        if (bowls.back() < 0) return false;
      }
      for (int i = 0; i < n_blocks; ++i) {
        blocks.push_back(sampler.place(ObjectKind::kBlock, colors[static_cast<size_t>(i)], kSmallBlock));
        if (blocks.back() < 0) return false;
      }
      PoseGoalSpec spec;
      spec.objects = blocks;
      spec.symmetry = kNoSymmetry;
      for (int i = 0; i < n_blocks; ++i) {
        const int bowl = bowls[static_cast<size_t>(i)];
        spec.targets.push_back(target_at(ep.scene.objects[static_cast<size_t>(bowl)], kSmallBlock / 2));
        spec.target_objects.push_back(bowl);
      }
      spec.matches = matching_ ? identity_matches(n_blocks) : all_but_identity_matches(n_blocks);
      spec.pos_eps = kBowlPosEps;
      ep.goals.push_back(pose_goal(ep.scene, spec, false));

      // Distractors (reference): while unused colors remain, up to 6; B draws
      // block or bowl by a coin flip, F only bowls. The k-th distractor takes
      // the (k mod remaining)-th remaining color in palette order. A
      // distractor that finds no room ends the list (ember).
      std::vector<int> remaining = colors_not_in(colors);
      for (int k = 0; k < kMaxBowlDistractors && !remaining.empty(); ++k) {
        const bool is_block = matching_ ? coin_flip(rng) : false;
        const size_t pick = static_cast<size_t>(k) % remaining.size();
        const int color = remaining[pick];
        const int id = is_block ? sampler.place(ObjectKind::kBlock, color, kSmallBlock)
                                : sampler.place(ObjectKind::kBowl, color, kBowlSize);
        if (id < 0) break;
        remaining.erase(remaining.begin() + static_cast<long>(pick));
      }
      ep.instruction = matching_ ? "put the blocks in the bowls with matching colors."
                                 : "put the blocks in the bowls with mismatched colors.";
      ep.max_steps = n_blocks + 2;
      ep.sized_names = false;
      return true;
    });
  }

 private:
  bool matching_;
};

}  // namespace

std::unique_ptr<Task> make_bowl_task(const std::string& name) {
  if (name == "put-block-in-matching-bowl") return std::make_unique<BlocksInBowlsTask>(true);
  if (name == "put-block-in-mismatching-bowl") return std::make_unique<BlocksInBowlsTask>(false);
  throw std::invalid_argument("not a bowl task: '" + name + "'");
}

}  // namespace ember::tabletop
