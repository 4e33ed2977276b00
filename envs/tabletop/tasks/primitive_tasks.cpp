// The three LoHoRavens pick-and-place primitives (reference §7 A): one block
// to move, one goal of weight 1, all eleven colors, 3 steps, pos_eps 0.05.
#include <stdexcept>

#include "envs/tabletop/tasks/scene_sampler.h"
#include "envs/tabletop/tasks/task_common.h"
#include "envs/tabletop/workspace.h"

namespace ember::tabletop {
namespace {

constexpr double kPrimitivePosEps = 0.05;
constexpr double kPrimitiveZoneSize = 0.1;  // the reward zone of the primitive (drawn outline: kZoneSize)
constexpr int kPrimitiveMaxSteps = 3;

// "pick up the {c} block and place it on the {c2} {block|bowl|zone}."
class PickAndPlacePrimitive : public Task {
 public:
  std::string name() const override { return "pick-and-place-primitive"; }
  bool is_seen() const override { return true; }
  TaskEpisode generate(Rng& rng, ColorSplit) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const std::vector<int>& colors = split_colors(ColorSplit::kAll);
      const int target_kind = uniform_int_inclusive(rng, 0, 2);  // 0 block, 1 bowl, 2 zone
      const int n_blocks = uniform_int_inclusive(rng, 2, 3);
      const int n_zones = uniform_int_inclusive(rng, 1, 2);
      const int n_bowls = uniform_int_inclusive(rng, 2, 3);
      const std::vector<int> block_colors = sample_without_replacement(rng, colors, n_blocks);
      const std::vector<int> bowl_colors = sample_without_replacement(rng, colors, n_bowls);
      const std::vector<int> zone_colors = sample_without_replacement(rng, colors, n_zones);

      SceneSampler sampler(ep.scene, rng);
      std::vector<int> bowls, blocks, zones;
      for (int c : bowl_colors) bowls.push_back(sampler.place(ObjectKind::kBowl, c, kBowlSize));
      for (int c : block_colors) blocks.push_back(sampler.place(ObjectKind::kBlock, c, kSmallBlock));
      for (int c : zone_colors) zones.push_back(sampler.place(ObjectKind::kZone, c, kZoneSize));
      for (const auto* ids : {&bowls, &blocks, &zones})
        for (int id : *ids)
          if (id < 0) return false;

      const Scene& s = ep.scene;
      const SceneObject& pick = s.objects[static_cast<size_t>(blocks[0])];
      std::string place_color, place_word;
      if (target_kind == 0) {
        const SceneObject& base = s.objects[static_cast<size_t>(blocks[1])];
        ep.goals.push_back(pose_goal(s,
                                     {{blocks[0]}, kBlockSymmetry, {target_at(base, kSmallBlock * 1.5)},
                                      {blocks[1]}, {}, identity_matches(1), kPrimitivePosEps, 1.0},
                                     false));
        place_color = color_name(base.color), place_word = "block";
      } else if (target_kind == 1) {
        const SceneObject& bowl = s.objects[static_cast<size_t>(bowls[0])];
        ep.goals.push_back(pose_goal(s,
                                     {{blocks[0]}, kNoSymmetry, {target_at(bowl, kSmallBlock / 2)},
                                      {bowls[0]}, {}, all_matches(1, 1), kPrimitivePosEps, 1.0},
                                     false));
        place_color = color_name(bowl.color), place_word = "bowl";
      } else {
        const SceneObject& zone = s.objects[static_cast<size_t>(zones[0])];
        ep.goals.push_back(zone_goal(s, {blocks[0]}, {zone.pose, kPrimitiveZoneSize, kPrimitiveZoneSize},
                                     target_at(zone, kSmallBlock / 2), zones[0], "", 1.0, false));
        place_color = color_name(zone.color), place_word = "zone";
      }
      ep.instruction = std::string("pick up the ") + color_name(pick.color) + " block and place it on the " +
                       place_color + " " + place_word + ".";
      ep.max_steps = kPrimitiveMaxSteps;
      ep.sized_names = false;
      return true;
    });
  }
};

// "pick up the {bigger|smaller} {c} block and place it on the {bigger|smaller} {c2} block."
class PickAndPlacePrimitiveWithSize : public Task {
 public:
  std::string name() const override { return "pick-and-place-primitive-with-size"; }
  bool is_seen() const override { return true; }
  TaskEpisode generate(Rng& rng, ColorSplit) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const std::vector<int>& colors = split_colors(ColorSplit::kAll);
      const int n_small = uniform_int_inclusive(rng, 2, 3);
      const int n_bowls = uniform_int_inclusive(rng, 2, 3);
      const int n_big = uniform_int_inclusive(rng, 2, n_small);
      const std::vector<int> small_colors = sample_without_replacement(rng, colors, n_small);
      const std::vector<int> bowl_colors = sample_without_replacement(rng, colors, n_bowls);
      // The bigger blocks take the colors of the first n_big smaller ones;
      // all blocks are then put in a random order (ember: see the doc, the
      // reference's insertion can give two bigger blocks one color).
      struct Spec {
        double size;
        int color;
      };
      std::vector<Spec> specs;
      for (int c : small_colors) specs.push_back({kSmallBlock, c});
      for (int i = 0; i < n_big; ++i) specs.push_back({kBigBlock, small_colors[static_cast<size_t>(i)]});
      std::vector<int> order(specs.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
      order = sample_without_replacement(rng, order, static_cast<int>(order.size()));

      SceneSampler sampler(ep.scene, rng);
      for (int c : bowl_colors)
        if (sampler.place(ObjectKind::kBowl, c, kBowlSize) < 0) return false;
      std::vector<int> blocks;
      for (int k : order) {
        const Spec& spec = specs[static_cast<size_t>(k)];
        const int id = sampler.place(ObjectKind::kBlock, spec.color, spec.size);
        if (id < 0) return false;
        blocks.push_back(id);
      }
      const int n = static_cast<int>(blocks.size());
      const int pick_index = uniform_int_inclusive(rng, 0, n - 1);
      int place_index = uniform_int_inclusive(rng, 0, n - 1);
      while (place_index == pick_index) place_index = uniform_int_inclusive(rng, 0, n - 1);
      const int pick_id = blocks[static_cast<size_t>(pick_index)], place_id = blocks[static_cast<size_t>(place_index)];
      const SceneObject& pick = ep.scene.objects[static_cast<size_t>(pick_id)];
      const SceneObject& base = ep.scene.objects[static_cast<size_t>(place_id)];
      ep.goals.push_back(pose_goal(ep.scene,
                                   {{pick_id}, kBlockSymmetry, {target_at(base, base.size + pick.size / 2)},
                                    {place_id}, {}, identity_matches(1), kPrimitivePosEps, 1.0},
                                   true));
      ep.instruction = "pick up the " + pick.name(true) + " and place it on the " + base.name(true) + ".";
      ep.max_steps = kPrimitiveMaxSteps;
      ep.sized_names = true;
      return true;
    });
  }
};

// "pick up the {c} block and place it on the {center|top left area|...}"
// (no final period in the reference template). The target is a uniformly
// random point of the named quadrant, or the table centre (0.5, 0).
class PickAndPlacePrimitiveWithAbsolutePosition : public Task {
 public:
  std::string name() const override { return "pick-and-place-primitive-with-absolute-position"; }
  bool is_seen() const override { return true; }
  TaskEpisode generate(Rng& rng, ColorSplit) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const std::vector<int>& colors = split_colors(ColorSplit::kAll);
      const int n_blocks = uniform_int_inclusive(rng, 2, 3);
      const int n_bowls = uniform_int_inclusive(rng, 2, 3);
      const int place = uniform_int_inclusive(rng, 0, kNumQuadrants);  // 0 = center, 1.. = quadrants
      const std::vector<int> block_colors = sample_without_replacement(rng, colors, n_blocks);
      const std::vector<int> bowl_colors = sample_without_replacement(rng, colors, n_bowls);
      std::string place_name = "center";
      double tx = 0.5 * (kMinX + kMaxX), ty = 0.5 * (kMinY + kMaxY);
      if (place > 0) {
        const Quadrant q = static_cast<Quadrant>(place - 1);
        const Area area = quadrant_area(q);
        place_name = quadrant_name(q);
        tx = rng.uniform(area.min_x, area.max_x);
        ty = rng.uniform(area.min_y, area.max_y);
      }
      SceneSampler sampler(ep.scene, rng);
      for (int c : bowl_colors)
        if (sampler.place(ObjectKind::kBowl, c, kBowlSize) < 0) return false;
      std::vector<int> blocks;
      for (int c : block_colors) {
        const int id = sampler.place(ObjectKind::kBlock, c, kSmallBlock);
        if (id < 0) return false;
        blocks.push_back(id);
      }
      ep.goals.push_back(pose_goal(ep.scene,
                                   {{blocks[0]}, kBlockSymmetry, {Pose::on_table(tx, ty, 0.0, kSmallBlock / 2)},
                                    {-1}, {place_name}, identity_matches(1), kPrimitivePosEps, 1.0},
                                   false));
      ep.instruction = std::string("pick up the ") + color_name(ep.scene.objects[static_cast<size_t>(blocks[0])].color) +
                       " block and place it on the " + place_name;
      ep.max_steps = kPrimitiveMaxSteps;
      ep.sized_names = false;
      return true;
    });
  }
};

}  // namespace

std::unique_ptr<Task> make_primitive_task(const std::string& name) {
  if (name == "pick-and-place-primitive") return std::make_unique<PickAndPlacePrimitive>();
  if (name == "pick-and-place-primitive-with-size") return std::make_unique<PickAndPlacePrimitiveWithSize>();
  if (name == "pick-and-place-primitive-with-absolute-position")
    return std::make_unique<PickAndPlacePrimitiveWithAbsolutePosition>();
  throw std::invalid_argument("not a primitive task: '" + name + "'");
}

}  // namespace ember::tabletop
