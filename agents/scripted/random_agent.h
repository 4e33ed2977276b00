// File: agents/scripted/random_agent.h
//
// The uniform random agent: a baseline for every env (respecting action masks
// when the env declares them) and the reference point "learning" is measured
// against. It does not learn; update() is a no-op. Its rule, RandomPolicy,
// lives in core/ so torch-free binaries share it.
#pragma once

#include <memory>

#include "core/agent.h"
#include "core/random_policy.h"

namespace ember {

class Registry;

std::unique_ptr<Agent> make_random_agent(const AgentContext& context);
void register_random_agent(Registry& registry);

}  // namespace ember
