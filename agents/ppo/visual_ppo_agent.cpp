#include "agents/ppo/visual_ppo_agent.h"

#include "agents/common/learner_agent.h"
#include "agents/ppo/visual_ppo_config.h"
#include "agents/ppo/visual_ppo_learner.h"
#include "core/registry.h"

namespace ember {
namespace {

std::unique_ptr<Agent> make_visual_ppo_agent(const AgentContext& context) {
  return std::make_unique<LearnerAgent<VisualPpoLearner>>(VisualPpoConfig::from_params(context.params), context);
}

}  // namespace

void register_visual_ppo(Registry& registry) {
  registry.add_agent({"visual_ppo",
                      "recurrent visual actor-critic (CNN, goal fusion, optional task-conditioned codebook "
                      "bottleneck, GRU) trained with PPO on image observations ('rgb' + 'goal')",
                      visual_ppo_param_specs(), make_visual_ppo_agent, visual_ppo_compatibility});
}

}  // namespace ember
