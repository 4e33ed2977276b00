// File: agents/qlearning/q_agent.h
//
// IQL, VDN and QMIX as ember agents: epsilon-greedy acting through shared
// agent networks, episode replay, and training steps at the EPyMARL cadence
// (one batch of 32 episodes per finished episode by default). Settings and
// defaults (EPyMARL's iql.yaml / vdn.yaml / qmix.yaml, docs/agents/qlearning.md)
// are declared in q_config.h.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/agent.h"
#include "core/params.h"

namespace ember {

class Registry;

// Parameters of iql/vdn/qmix (QAgentConfig's table, q_config.h), with the id's defaults.
std::vector<ParamSpec> qlearning_param_specs(const std::string& id);
std::string qlearning_compatibility(const EnvSpec& spec);
void register_qlearning_agents(Registry& registry);

}  // namespace ember
