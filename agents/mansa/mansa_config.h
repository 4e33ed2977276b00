// File: agents/mansa/mansa_config.h
//
// MANSA's settings (agents/mansa/mansa_agent.h), each declared once in a
// ParamTable (core/param_table.h):
//   SwitcherConfig        Global's: switching cost, budget, the random
//                         control, its PPO settings (global_switcher.h);
//   MansaValuePairConfig  what only the value pair (il: iql) reads: the
//                         shared exploration/replay settings (QTrainingConfig)
//                         and each learner's QLearnerConfig, embedded as
//                         il_<key> / cl_<key> with the iql / qmix defaults;
//   MansaConfig           the pairing, Global, the update cadence and the
//                         value pair (its keys marked "[value pair]").
// The policy-gradient pair's learners take the ippo / mappo defaults
// (PpoConfig::defaults_for) with MANSA's rollout_length. Torch-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "agents/qlearning/q_config.h"
#include "core/param_table.h"
#include "core/params.h"

namespace ember {

struct SwitcherConfig {
  double cost = 0.001;             // charged to Global for every CL step
  int64_t budget = 0;              // CL calls per episode (0 = unlimited)
  std::string policy = "learned";  // learned | random (the control)
  double random_cl_probability = 0.05;
  double lr = 3e-4;
  int64_t epochs = 4;
  int64_t minibatches = 4;
  double gamma = 0.99;
  double ent_coef = 0.01;
  int64_t hidden = 64;

  static const ParamTable<SwitcherConfig>& param_table();
};

struct MansaValuePairConfig {
  bool share_data = false;  // both learners train on every step (ablation)
  QTrainingConfig training;
  QLearnerConfig il = QLearnerConfig::defaults_for("iql");
  QLearnerConfig cl = QLearnerConfig::defaults_for("qmix");  // vdn's learner defaults are qmix's

  static const ParamTable<MansaValuePairConfig>& param_table();
};

struct MansaConfig {
  std::string il = "iql";   // iql | ippo
  std::string cl = "qmix";  // qmix | vdn | mappo
  int64_t learner_hidden = 0;  // retired, must stay 0 (resolved configs in old checkpoints name it)
  SwitcherConfig global;
  int64_t rollout_length = 50;  // vector steps between updates (Global's PPO rollout)
  MansaValuePairConfig value_pair;

  static const ParamTable<MansaConfig>& param_table();
  // Validated params -> config, with each value learner's mixer set by its id.
  static MansaConfig from_params(const Params& params);
  bool value_pair_selected() const { return il == "iql"; }
};

std::vector<ParamSpec> mansa_param_specs();

}  // namespace ember
