// File: agents/ppo/ppo_agent.h
//
// Proximal Policy Optimisation (Schulman et al. 2017) with GAE, minibatch
// epochs, ratio and value clipping, advantage normalisation, global gradient
// clipping, an entropy bonus and optional observation / reward
// normalisation. Discrete (categorical) and Box (diagonal Gaussian) actions.
//
// Multi-agent envs are handled with parameter sharing: every (env, agent)
// pair is one row of the batch (IPPO). Truncated episodes bootstrap from the
// value of the final observation that VectorEnv keeps.
//
// This header is torch-free; the implementation lives in ppo_agent.cpp.
#pragma once

#include <memory>

#include "core/agent.h"

namespace ember {

class Registry;

std::unique_ptr<Agent> make_ppo_agent(const AgentContext& context);
// Empty when PPO can drive envs of `spec`, else the reason.
std::string ppo_compatibility(const EnvSpec& spec);
void register_ppo(Registry& registry);

}  // namespace ember
