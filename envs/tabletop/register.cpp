#include "envs/tabletop/register.h"

#include <memory>

#include "core/registry.h"
#include "envs/tabletop/tabletop_env.h"
#include "envs/tabletop/tasks/task.h"

namespace ember {

std::vector<ParamSpec> tabletop_param_specs() {
  const tabletop::TabletopConfig d;
  return {
      ParamSpec::string("task", d.task, tabletop::task_names(), "the task (docs/envs/tabletop_tasks.md)"),
      ParamSpec::string("split", "train", {"train", "val", "test"},
                        "scene seeds and colors: train even seeds + training colors; val odd seeds < 10000, "
                        "test odd seeds >= 10001, both with the evaluation colors"),
      ParamSpec::integer("downsample", d.downsample, 1, 160,
                         "observation maps are 320 x 160 divided by this (must divide 160)"),
      ParamSpec::boolean("antialias", d.antialias,
                         "downsampled maps average the full-resolution pixels each one covers (color and height), "
                         "so edges and a block's yaw show below a pixel; false: samples at pixel centres"),
      ParamSpec::integer("max_tokens", d.max_tokens, 8, 1024, "instruction length in tokens"),
      ParamSpec::integer("max_episode_steps", d.max_episode_steps, 1, 100000,
                         "safety bound on episode length (tasks end at their own limit first)"),
      ParamSpec::boolean("reference_quirks", d.reference_quirks,
                         "reproduce the reference tasks' documented quirks (false: corrected variants)"),
      ParamSpec::integer("physics_hz", d.physics.hz, 30, 10000, "Bullet steps per simulated second"),
      ParamSpec::integer("max_settle_steps", d.physics.max_settle_steps, 1, 100000,
                         "physics steps allowed for the world to come to rest after a release"),
      ParamSpec::real("settle_speed", d.physics.settle_speed, 1e-6, 1.0,
                      "a body is still below this speed (m/s)"),
  };
}

void register_tabletop_envs(Registry& registry) {
  registry.add_env({"tabletop",
                    "LoHoRavens/Ravens language-conditioned pick-and-place on Bullet: top-down RGB + height, "
                    "instruction tokens, Box(6) pick/place poses, partial-credit score",
                    tabletop_param_specs(),
                    [](const Params& params) -> std::unique_ptr<Env> {
                      return std::make_unique<tabletop::TabletopEnv>(tabletop::TabletopConfig::from_params(params));
                    }});
}

}  // namespace ember
