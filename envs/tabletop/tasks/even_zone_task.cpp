// Arithmetic reasoning (reference §7 E): "put the blocks of an even number in
// the zone with the matching color." n_c in U{2,3} colors, n blocks (block i
// has color i mod n_c), one zone per color; every color with an even count
// is one zone-metric goal step of weight 1 / (number of such colors).
//
// Reproduced quirks (TaskOptions::reference_quirks):
//  - zone size: zones start at 0.15 m and shrink by 0.01 while one does not
//    fit; the LAST size scores every zone (without the quirk, each zone is
//    scored with its own size);
//  - remainder 2 with an even quotient (n_c = 3, n = 8): the goal's blocks
//    are those of color n_c − 1 and the oracle aims at their zone, but they
//    are scored in zone 0 (without the quirk: in their own zone).
#include <algorithm>
#include <stdexcept>

#include "envs/tabletop/tasks/scene_sampler.h"
#include "envs/tabletop/tasks/task_common.h"

namespace ember::tabletop {
namespace {

constexpr double kEvenZoneSize = 0.15;

class PutEvenBlockInSameColorZone : public Task {
 public:
  explicit PutEvenBlockInSameColorZone(const TaskOptions& options) : options_(options) {}
  std::string name() const override { return "put-even-block-in-same-color-zone"; }
  bool is_seen() const override { return true; }
  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const int n_colors = uniform_int_inclusive(rng, 2, 3);
      const int max_blocks = std::min(4 * n_colors, 10) - 1;
      int n_blocks = uniform_int_inclusive(rng, n_colors + 1, max_blocks);
      // Redraw while every color would have an odd count.
      while (n_blocks % n_colors == 0 && (n_blocks / n_colors) % 2 == 1)
        n_blocks = uniform_int_inclusive(rng, n_colors + 1, max_blocks);
      const std::vector<int> colors = sample_without_replacement(rng, split_colors(split), n_colors);

      SceneSampler sampler(ep.scene, rng);
      std::vector<int> blocks, zones;
      std::vector<double> zone_sizes;
      if (!place_blocks_cycling_colors(sampler, colors, n_blocks, blocks)) return false;
      if (!place_shrinking_zones(sampler, colors, kEvenZoneSize, zones, zone_sizes)) return false;
      const double zone_size = zone_sizes.back();  // the reference scores every zone at the last size
      // Colors with an even count, and the quirky branch (remainder 2, even quotient).
      std::vector<int> even_colors;
      for (int c = 0; c < n_colors; ++c) {
        const int count = n_blocks / n_colors + (c < n_blocks % n_colors ? 1 : 0);
        if (count % 2 == 0) even_colors.push_back(c);
      }
      const bool remainder_two_branch = n_blocks % n_colors == 2 && (n_blocks / n_colors) % 2 == 0;
      const double weight = 1.0 / static_cast<double>(even_colors.size());
      for (int c : even_colors) {
        std::vector<int> objects;
        for (int i = c; i < n_blocks; i += n_colors) objects.push_back(blocks[static_cast<size_t>(i)]);
        const int zone = zones[static_cast<size_t>(c)];
        const int scored = options_.reference_quirks && remainder_two_branch ? zones[0] : zone;
        const double size = options_.reference_quirks ? zone_size : zone_sizes[static_cast<size_t>(c)];
        const SceneObject& zone_object = ep.scene.objects[static_cast<size_t>(zone)];
        ep.goals.push_back(zone_goal(ep.scene, objects, {ep.scene.objects[static_cast<size_t>(scored)].pose, size, size},
                                     target_at(zone_object, kSmallBlock / 2), zone, "", weight, false));
      }
      ep.instruction = "put the blocks of an even number in the zone with the matching color.";
      ep.max_steps = n_blocks + 2;
      ep.sized_names = false;
      return true;
    });
  }

 private:
  TaskOptions options_;
};

}  // namespace

std::unique_ptr<Task> make_even_zone_task(const TaskOptions& options) {
  return std::make_unique<PutEvenBlockInSameColorZone>(options);
}

}  // namespace ember::tabletop
