// File: agents/mansa/ppo_learner_pair.h
//
// MANSA's policy-gradient pair as a LearnerPair (learner_pair.h): IPPO as
// IL and MAPPO as CL, two PpoLearners with the ippo / mappo defaults and
// MANSA's rollout_length, so that they update together with Global. Each
// learner's policy loss covers only the steps where its actions were
// executed; its critic learns from every step (the value of the switched
// behaviour that is actually followed). Selected with
// `agent: {id: mansa, il: ippo, cl: mappo}`. Torch-free header.
#pragma once

#include <cstdint>
#include <memory>

#include "agents/mansa/learner_pair.h"
#include "agents/mansa/mansa_config.h"
#include "core/env_spec.h"

namespace ember {

// `seed` is MANSA's: each learner's streams derive from it.
std::unique_ptr<LearnerPair> make_ppo_learner_pair(const MansaConfig& config, const EnvSpec& spec, int num_envs,
                                                   uint64_t seed);

}  // namespace ember
