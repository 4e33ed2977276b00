// Two classic Ravens tasks built from the same objects, with fixed colors
// (the color split does not apply).
//  place-red-in-green: 1–3 green bowls, 1..n_bowls red blocks, each red block
//    into a different green bowl (any), 10 distractor blocks/bowls whose k-th
//    takes the k-th color of the palette minus red (blocks) or minus green
//    (bowls); pos_eps 0.05; 10 steps.
//  stack-block-pyramid: six blocks into a 3-2-1 pyramid on a base, goal steps
//    bottom row (weight 1/2, any of purple/blue/green on any bottom slot),
//    middle row (1/3, yellow/orange), top (1/6, red); yaw mod 90 degrees;
//    pos_eps 0.01; 12 steps. Ember: the scene has no stand object, so the base
//    is marked by a 0.15 m brown zone (visual only) and the bottom row rests
//    on the table.
#include <cmath>
#include <stdexcept>

#include "envs/tabletop/tasks/scene_sampler.h"
#include "envs/tabletop/tasks/task_common.h"

namespace ember::tabletop {
namespace {

class PlaceRedInGreen : public Task {
 public:
  std::string name() const override { return "place-red-in-green"; }
  bool is_seen() const override { return true; }
  TaskEpisode generate(Rng& rng, ColorSplit) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const int red = color_index("red"), green = color_index("green");
      const int n_bowls = uniform_int_inclusive(rng, 1, 3);
      const int n_blocks = uniform_int_inclusive(rng, 1, n_bowls);
      SceneSampler sampler(ep.scene, rng);
      std::vector<int> bowls, blocks;
      for (int i = 0; i < n_bowls; ++i) {
        bowls.push_back(sampler.place(ObjectKind::kBowl, green, kBowlSize));
        if (bowls.back() < 0) return false;
      }
      for (int i = 0; i < n_blocks; ++i) {
        blocks.push_back(sampler.place(ObjectKind::kBlock, red, kSmallBlock));
        if (blocks.back() < 0) return false;
      }
      PoseGoalSpec spec;
      spec.objects = blocks;
      for (int b : bowls) {
        spec.targets.push_back(target_at(ep.scene.objects[static_cast<size_t>(b)], kSmallBlock / 2));
        spec.target_objects.push_back(b);
      }
      spec.matches = all_matches(n_blocks, n_bowls);
      spec.pos_eps = 0.05;
      ep.goals.push_back(pose_goal(ep.scene, spec, false));
      const std::vector<int> block_colors = colors_not_in({red}), bowl_colors = colors_not_in({green});
      for (int k = 0; k < 10; ++k) {
        const bool is_block = coin_flip(rng);
        const int id = is_block ? sampler.place(ObjectKind::kBlock, block_colors[static_cast<size_t>(k) % block_colors.size()], kSmallBlock)
                                : sampler.place(ObjectKind::kBowl, bowl_colors[static_cast<size_t>(k) % bowl_colors.size()], kBowlSize);
        if (id < 0) break;  // no room: fewer distractors (ember)
      }
      ep.instruction = "put the red blocks in a green bowl.";
      ep.max_steps = 10;
      ep.sized_names = false;
      return true;
    });
  }
};

class StackBlockPyramid : public Task {
 public:
  std::string name() const override { return "stack-block-pyramid"; }
  bool is_seen() const override { return true; }
  TaskEpisode generate(Rng& rng, ColorSplit) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      SceneSampler sampler(ep.scene, rng);
      const int base = sampler.place(ObjectKind::kZone, color_index("brown"), kPyramidBaseSize);
      if (base < 0) return false;
      const char* names[6] = {"purple", "blue", "green", "yellow", "orange", "red"};
      std::vector<int> blocks;
      for (const char* n : names) {
        blocks.push_back(sampler.place(ObjectKind::kBlock, color_index(n), kSmallBlock));
        if (blocks.back() < 0) return false;
      }
      // Slots in the base frame (the classic task's, lowered by the stand's
      // thickness since there is no stand).
      const double slots[6][3] = {{0, -0.05, 0.02}, {0, 0, 0.02},     {0, 0.05, 0.02},
                                  {0, -0.025, 0.06}, {0, 0.025, 0.06}, {0, 0, 0.10}};
      const Pose& base_pose = ep.scene.objects[static_cast<size_t>(base)].pose;
      std::vector<Pose> targets;
      for (const auto& slot : slots) {
        Pose t = base_pose;
        double world[3];
        base_pose.transform(slot, world);
        t.x = world[0], t.y = world[1], t.z = world[2];
        targets.push_back(t);
      }
      const auto row = [&](int first, int count, double weight) {
        PoseGoalSpec spec;
        spec.symmetry = kBlockSymmetry;
        for (int i = first; i < first + count; ++i) {
          spec.objects.push_back(blocks[static_cast<size_t>(i)]);
          spec.targets.push_back(targets[static_cast<size_t>(i)]);
          spec.target_objects.push_back(base);
        }
        spec.matches = all_matches(count, count);
        spec.pos_eps = 0.01;
        spec.max_reward = weight;
        ep.goals.push_back(pose_goal(ep.scene, spec, false));
      };
      row(0, 3, 1.0 / 2);
      row(3, 2, 1.0 / 3);
      row(5, 1, 1.0 / 6);
      ep.instruction =
          "build a pyramid on the brown zone: the purple, blue and green blocks at the bottom, the yellow and "
          "orange blocks in the middle, the red block on top.";
      ep.max_steps = 12;
      ep.sized_names = false;
      return true;
    });
  }

 private:
  static constexpr double kPyramidBaseSize = 0.15;  // covers the bottom row (0.14 m) with margin
};

}  // namespace

std::unique_ptr<Task> make_classic_task(const std::string& name) {
  if (name == "place-red-in-green") return std::make_unique<PlaceRedInGreen>();
  if (name == "stack-block-pyramid") return std::make_unique<StackBlockPyramid>();
  throw std::invalid_argument("not a classic task: '" + name + "'");
}

}  // namespace ember::tabletop
