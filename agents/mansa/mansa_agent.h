// File: agents/mansa/mansa_agent.h
//
// MANSA (Mguni et al., "MANSA: Learning Fast and Slow in Multi-Agent
// Systems", ICML 2023): independent learners (IL, IQL) act by default; a
// switching agent ("Global") sees the global state and decides at every step
// whether the centralised learner (CL, QMIX or VDN) acts instead. Global is
// trained with PPO on the team reward minus a switching cost for every CL
// step, optionally under a per-episode budget of CL calls that it observes.
// Each learner trains on the steps where it acted (masked TD losses over one
// shared episode replay). The share of steps where CL acted is logged as
// mansa/cl_fraction (training) and eval/cl_fraction (evaluation).
//
// Every choice the paper leaves open is listed in docs/agents/mansa.md; the
// settings are declared in mansa_config.h.
#pragma once

#include <string>
#include <vector>

#include "core/agent.h"
#include "core/params.h"

namespace ember {

class Registry;

void register_mansa(Registry& registry);

}  // namespace ember
