// File: agents/mansa/q_learner_pair.h
//
// MANSA's value pair as a LearnerPair (learner_pair.h): IQL as IL and QMIX
// or VDN as CL, each a full QLearner with its own networks, over one shared
// episode replay that stores with every step whether CL acted. Both act
// epsilon-greedily from one exploration stream in training (annealed
// epsilon), greedily or at eval_epsilon in evaluation; each trains with its
// TD loss masked to the steps where it acted (share_data: every step), on
// the same sampled episodes, one training step per finished episode.
// Selected with `agent: {id: mansa, il: iql, cl: qmix | vdn}`. Torch-free header.
#pragma once

#include <cstdint>
#include <memory>

#include "agents/mansa/learner_pair.h"
#include "agents/mansa/mansa_config.h"
#include "core/env_spec.h"

namespace ember {

// `seed` is MANSA's: the learners' and the exploration streams derive from it.
std::unique_ptr<LearnerPair> make_q_learner_pair(const MansaConfig& config, const EnvSpec& spec, int num_envs,
                                                 uint64_t seed);

}  // namespace ember
