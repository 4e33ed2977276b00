#include "envs/navigation/register.h"

#include <memory>

#include "core/registry.h"
#include "envs/navigation/objectnav_env.h"

namespace ember {

std::vector<ParamSpec> objectnav_param_specs() {
  const ObjectNavConfig d;
  return {
      ParamSpec::string("split", "train", {"train", "val", "test"},
                        "house seed range: train [0, 100000), val [1000000, +1000), test [2000000, +1000)"),
      ParamSpec::integer("tier", d.tier, 0, kNumTiers - 1,
                         "house size: 0 one room, 1 two-three rooms, 2 four-six rooms, 3 starter (one small room, 3-4 objects of 5 distinct categories)"),
      ParamSpec::integer("houses", d.houses, 0, 100000,
                         "draw houses from the first N of the split; 0 = the whole split"),
      ParamSpec::integer("width", d.width, 8, 1024, "egocentric frame width (pixels)"),
      ParamSpec::integer("height", d.height, 8, 1024, "egocentric frame height (pixels)"),
      ParamSpec::boolean("render", d.render, "render RGB (false: black frames, no GL context)"),
      ParamSpec::boolean("depth", d.depth, "also observe metric depth, f32 [height, width] in metres (needs render)"),
      ParamSpec::boolean("visible", d.observe_visible,
                         "also observe 'visible', f32 [categories]: 1 per category in view (ground truth for "
                         "encoder pretraining; privileged)"),
      ParamSpec::boolean("shaping", d.shaping,
                         "add progress shaping max(d_closest - d, 0) toward the nearest target"),
      ParamSpec::integer("max_episode_steps", d.max_episode_steps, 1, 100000, "episode step limit"),
      ParamSpec::real("min_start_distance", d.min_start_distance, 0.0, 100.0,
                      "starts closer than this (shortest path to the goal region, m) are redrawn"),
  };
}

void register_navigation_envs(Registry& registry) {
  registry.add_env({"objectnav",
                    "object-goal navigation in procedural MuJoCo houses, egocentric RGB, Discrete(6), "
                    "500 steps",
                    objectnav_param_specs(),
                    [](const Params& params) -> std::unique_ptr<Env> {
                      return std::make_unique<ObjectNavEnv>(ObjectNavConfig::from_params(params));
                    }});
}

}  // namespace ember
