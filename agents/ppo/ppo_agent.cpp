#include "agents/ppo/ppo_agent.h"

#include "agents/common/learner_agent.h"
#include "agents/ppo/ppo_config.h"
#include "agents/ppo/ppo_learner.h"
#include "core/registry.h"

namespace ember {

std::string ppo_compatibility(const EnvSpec& spec) {
  if (ppo_policy_field(spec) < 0) return "PPO needs an f32 Box observation field (e.g. 'obs')";
  if (spec.action.kind == SpaceKind::kMultiDiscrete) return "PPO does not support MultiDiscrete actions yet";
  return "";
}

// PPO, IPPO and MAPPO: one PpoLearner whose actions are always executed.
std::unique_ptr<Agent> make_ppo_agent(const AgentContext& context) {
  return std::make_unique<LearnerAgent<PpoLearner>>(PpoConfig::from_params(context.params), context);
}

void register_ppo(Registry& registry) {
  registry.add_agent({"ppo",
                      "Proximal Policy Optimisation (GAE, clipping; discrete or Gaussian actions; "
                      "parameter sharing across agents)",
                      ppo_param_specs(), make_ppo_agent, ppo_compatibility});
  registry.add_agent({"ippo",
                      "independent PPO for multi-agent envs: shared actor and per-agent-observation critic "
                      "with agent-id inputs (EPyMARL ippo)",
                      ppo_param_specs("ippo"), make_ppo_agent, ppo_compatibility});
  registry.add_agent({"mappo",
                      "multi-agent PPO: shared actor, centralised critic on the global state "
                      "(EPyMARL mappo)",
                      ppo_param_specs("mappo"), make_ppo_agent, ppo_compatibility});
}

}  // namespace ember
