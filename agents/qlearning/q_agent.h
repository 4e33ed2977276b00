// File: agents/qlearning/q_agent.h
//
// IQL, VDN and QMIX as ember agents: epsilon-greedy acting through shared
// agent networks, episode replay, and training steps at the EPyMARL cadence
// (one batch of 32 episodes per finished episode by default). Defaults follow
// EPyMARL's iql.yaml / vdn.yaml / qmix.yaml (docs/agents/qlearning.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/agent.h"
#include "core/params.h"

namespace ember {

class Registry;

// Parameters shared by iql/vdn/qmix, with the id's defaults.
std::vector<ParamSpec> qlearning_param_specs(const std::string& id);
std::string qlearning_compatibility(const EnvSpec& spec);
// The behaviour epsilon after `env_steps`: epsilon_start decaying linearly to
// epsilon_finish over epsilon_anneal_steps (the keys of qlearning_param_specs,
// which MANSA's value pair shares).
double annealed_epsilon(int64_t env_steps, const Params& params);
void register_qlearning_agents(Registry& registry);

}  // namespace ember
