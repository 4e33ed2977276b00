#include "agents/register_builtin.h"

#include "agents/imitation/transporter_actor.h"
#include "agents/imitation/transporter_agent.h"
#include "agents/mansa/mansa_agent.h"
#include "agents/planner/planner_actor_agent.h"
#include "agents/ppo/ppo_agent.h"
#include "agents/ppo/visual_ppo_agent.h"
#include "agents/pretrain/encoder_pretrain_agent.h"
#include "agents/qlearning/q_agent.h"
#include "agents/scripted/oracle_agent.h"
#include "agents/scripted/random_agent.h"

namespace ember {

void register_builtin_agents(Registry& registry) {
  register_random_agent(registry);
  register_oracle_agent(registry);
  register_ppo(registry);
  register_visual_ppo(registry);
  register_encoder_pretrain(registry);
  register_qlearning_agents(registry);
  register_mansa(registry);
  register_transporter_agent(registry);
  register_planner_actor_agent(registry, make_transporter_actor);
}

}  // namespace ember
