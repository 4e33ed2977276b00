// Spatial reasoning over the four quadrants (reference §7 D and J). Both lay
// out 2·n_c blocks (n_c in U{5..7}; smaller then bigger per color) and
// re-sample until 3–6 block centres lie in the named quadrant. D stacks those
// blocks on the first of them; J moves them into another quadrant.
//
// Reproduced quirk (TaskOptions::reference_quirks): a failed layout is not
// removed — the next layout is added on top of it, so the table keeps the
// earlier blocks as clutter (with repeated colors) and only the last layout's
// in-area blocks are goal objects. Without the quirk each layout starts from
// an empty table. If the table fills up, the episode restarts from scratch.
#include <stdexcept>

#include "envs/tabletop/tasks/scene_sampler.h"
#include "envs/tabletop/tasks/task_common.h"
#include "envs/tabletop/workspace.h"

namespace ember::tabletop {
namespace {

constexpr double kAreaStackPosEps = 0.01;
constexpr int kMinInArea = 3, kMaxInArea = 6;

// Lays out blocks until 3–6 centres lie in `area`; returns those blocks in
// placement order, or an empty vector when the table is full.
std::vector<int> layout_until_in_area(SceneSampler& sampler, const Scene& scene, const std::vector<int>& colors,
                                      const Area& area, bool keep_failed_layouts) {
  for (int layout = 0; layout < 200; ++layout) {
    if (!keep_failed_layouts) sampler.clear();
    std::vector<int> in_area;
    for (size_t i = 0; i < 2 * colors.size(); ++i) {
      const double size = i % 2 == 0 ? kSmallBlock : kBigBlock;
      const int id = sampler.place(ObjectKind::kBlock, colors[i / 2], size);
      if (id < 0) return {};
      const Pose& p = scene.objects[static_cast<size_t>(id)].pose;
      if (area.contains(p.x, p.y)) in_area.push_back(id);
    }
    const int k = static_cast<int>(in_area.size());
    if (k >= kMinInArea && k <= kMaxInArea) return in_area;
  }
  return {};
}

class StackBlockInAbsoluteArea : public Task {
 public:
  explicit StackBlockInAbsoluteArea(const TaskOptions& options) : options_(options) {}
  std::string name() const override { return "stack-block-in-absolute-area"; }
  bool is_seen() const override { return true; }
  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const Quadrant quadrant = static_cast<Quadrant>(uniform_int_inclusive(rng, 0, kNumQuadrants - 1));
      const int n_colors = uniform_int_inclusive(rng, 5, 7);
      const std::vector<int> colors = sample_without_replacement(rng, split_colors(split), n_colors);
      SceneSampler sampler(ep.scene, rng);
      const std::vector<int> in_area =
          layout_until_in_area(sampler, ep.scene, colors, quadrant_area(quadrant), options_.reference_quirks);
      if (in_area.empty()) return false;
      const SceneObject& base = ep.scene.objects[static_cast<size_t>(in_area[0])];
      PoseGoalSpec spec;
      double height = base.size;
      for (size_t i = 1; i < in_area.size(); ++i) {
        const double size = ep.scene.objects[static_cast<size_t>(in_area[i])].size;
        spec.objects.push_back(in_area[i]);
        spec.targets.push_back(target_at(base, height + size / 2));
        spec.target_objects.push_back(in_area[0]);
        height += size;
      }
      spec.matches = identity_matches(static_cast<int>(spec.objects.size()));
      spec.pos_eps = kAreaStackPosEps;
      ep.goals.push_back(pose_goal(ep.scene, spec, true));
      ep.instruction = std::string("stack all the blocks in the ") + quadrant_name(quadrant) + ".";
      ep.max_steps = n_colors + 2;
      ep.sized_names = true;
      return true;
    });
  }

 private:
  TaskOptions options_;
};

class MoveBlockInXAreaToYArea : public Task {
 public:
  explicit MoveBlockInXAreaToYArea(const TaskOptions& options) : options_(options) {}
  std::string name() const override { return "move-block-in-x-area-to-y-area"; }
  bool is_seen() const override { return false; }
  TaskEpisode generate(Rng& rng, ColorSplit split) const override {
    return generate_with_retries(name(), [&](TaskEpisode& ep) {
      const std::vector<int> areas = sample_without_replacement(rng, {0, 1, 2, 3}, 2);
      const Quadrant source = static_cast<Quadrant>(areas[0]), target = static_cast<Quadrant>(areas[1]);
      const int n_colors = uniform_int_inclusive(rng, 5, 7);
      const std::vector<int> colors = sample_without_replacement(rng, split_colors(split), n_colors);
      SceneSampler sampler(ep.scene, rng);
      const std::vector<int> in_area =
          layout_until_in_area(sampler, ep.scene, colors, quadrant_area(source), options_.reference_quirks);
      if (in_area.empty()) return false;
      const Area dst = quadrant_area(target);
      const Pose centre = Pose::on_table(dst.center_x(), dst.center_y(), 0.0, 0.0);
      ep.goals.push_back(zone_goal(ep.scene, in_area, {centre, dst.max_x - dst.min_x, dst.max_y - dst.min_y},
                                   centre, -1, quadrant_name(target), 1.0, true));
      ep.instruction =
          std::string("move all the blocks in the ") + quadrant_name(source) + " to the " + quadrant_name(target) + ".";
      ep.max_steps = static_cast<int>(in_area.size()) + 3;
      ep.sized_names = true;
      return true;
    });
  }

 private:
  TaskOptions options_;
};

}  // namespace

std::unique_ptr<Task> make_area_task(const std::string& name, const TaskOptions& options) {
  if (name == "stack-block-in-absolute-area") return std::make_unique<StackBlockInAbsoluteArea>(options);
  if (name == "move-block-in-x-area-to-y-area") return std::make_unique<MoveBlockInXAreaToYArea>(options);
  throw std::invalid_argument("not an area task: '" + name + "'");
}

}  // namespace ember::tabletop
