// File: agents/mansa/mansa_pg_agent.h
//
// MANSA's policy-gradient pair: IPPO as the independent learner (IL) and
// MAPPO as the centralised learner (CL), switched step by step by the same
// Global as the value-based pair (global_switcher.h). Both learners act at
// every step; the env receives CL's joint action where Global chose g = 1,
// IL's elsewhere. Each learner's policy loss covers only the steps where its
// actions were executed; its critic learns from every step (the value of the
// switched behaviour that is actually followed). Selected with
// `agent: {id: mansa, il: ippo, cl: mappo}`; docs/agents/mansa.md.
//
// This header is torch-free; the implementation lives in mansa_pg_agent.cpp.
#pragma once

#include <memory>

#include "core/agent.h"

namespace ember {

std::unique_ptr<Agent> make_mansa_pg_agent(const AgentContext& context);

}  // namespace ember
