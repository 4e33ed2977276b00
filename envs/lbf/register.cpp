#include "envs/lbf/register.h"

#include <memory>

#include "core/registry.h"
#include "envs/lbf/lbf_env.h"

namespace ember {

std::vector<ParamSpec> lbf_param_specs() {
  const LbfConfig d;
  return {
      ParamSpec::integer("size", d.size, LbfConfig::kMinSize, LbfConfig::kMaxSize,
                         "side of the square grid (upstream {s}x{s})"),
      ParamSpec::integer("players", d.players, LbfConfig::kMinPlayers, LbfConfig::kMaxPlayers,
                         "number of agents (upstream {p}p)"),
      ParamSpec::integer("food", d.food, LbfConfig::kMinFood, LbfConfig::kMaxFood,
                         "foods spawned at most, and food observation slots (upstream {f}f)"),
      ParamSpec::integer("sight", d.sight, 0, LbfConfig::kMaxSize,
                         "view radius; 0 = full observability (= size); upstream -2s is sight=2"),
      ParamSpec::boolean("coop", d.coop,
                         "force_coop: every food has the maximum level (upstream -coop)"),
      ParamSpec::integer("min_player_level", d.min_player_level, 1, LbfConfig::kMaxLevel,
                         "lowest player level"),
      ParamSpec::integer("max_player_level", d.max_player_level, 1, LbfConfig::kMaxLevel,
                         "highest player level"),
      ParamSpec::real("penalty", d.penalty, 0.0, 1e6,
                      "reward subtracted from every member of a failed load"),
      ParamSpec::boolean("normalize_reward", d.normalize_reward,
                         "divide rewards by the food level spawned at reset (episode return <= 1)"),
      ParamSpec::boolean("observe_agent_levels", d.observe_agent_levels,
                         "player slots hold (y, x, level); false: (y, x)"),
      ParamSpec::integer("max_episode_steps", d.max_episode_steps, 1, 1000000000,
                         "episode step limit"),
      ParamSpec::boolean("parity", d.parity,
                         "true: the step limit is reported as terminated, exactly as upstream; "
                         "false: as truncated (by VectorEnv)"),
      ParamSpec::string("action_mask", "all", {"all", "valid"},
                        "all: all ones (as EPyMARL; invalid actions become NONE); "
                        "valid: the valid actions"),
      ParamSpec::string("food_levels", "v3", {"v3", "v2"},
                        "v3: a non-coop food's level is uniform in [1, maxL] (lbforaging v3); "
                        "v2: in [1, maxL - 1], as lbforaging up to v2 (most likely the rule of the "
                        "published EPyMARL results)"),
  };
}

void register_lbf_envs(Registry& registry) {
  registry.add_env({"lbf",
                    "Level-Based Foraging, exact lbforaging v3 rules (multi-agent, Discrete(6), "
                    "50 steps)",
                    lbf_param_specs(),
                    [](const Params& params) -> std::unique_ptr<Env> {
                      return std::make_unique<LbfEnv>(LbfConfig::from_params(params));
                    }});
}

}  // namespace ember
