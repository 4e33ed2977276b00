// File: agents/mansa/mansa_agent.h
//
// MANSA (Mguni et al., "MANSA: Learning Fast and Slow in Multi-Agent
// Systems", ICML 2023): independent learners (IL) act by default; a
// switching agent ("Global") sees the global state and decides at every step
// whether the centralised learner (CL) acts instead. Global is trained with
// PPO on the team reward minus a switching cost for every CL step, optionally
// under a per-episode budget of CL calls that it observes. Each learner's
// policy trains on the steps where it acted. The share of steps where CL
// acted is logged as mansa/cl_fraction (training) and eval/cl_fraction
// (evaluation).
//
// One agent class for both pairs: Global, MANSA's RNGs and the routing of
// actions live in mansa_agent.cpp; the learners sit behind the LearnerPair
// interface (learner_pair.h), with one adaptor per pair: IQL + QMIX/VDN
// (q_learner_pair.h, `il: iql`) and IPPO + MAPPO (ppo_learner_pair.h,
// `il: ippo, cl: mappo`). Every choice the paper leaves open is listed in
// docs/agents/mansa.md; the settings are declared in mansa_config.h.
#pragma once

namespace ember {

class Registry;

void register_mansa(Registry& registry);

}  // namespace ember
