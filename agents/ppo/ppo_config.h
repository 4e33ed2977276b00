// File: agents/ppo/ppo_config.h
//
// PPO hyperparameters: a plain struct whose settings are declared once, in
// PpoConfig::param_table() (core/param_table.h), for config validation,
// `ember describe ppo` and filling the struct. Defaults are the struct's
// (CleanRL's ppo.py except where noted in the docs); ippo and mappo differ
// only in the defaults defaults_for() gives them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/param_table.h"
#include "core/params.h"

namespace ember {

struct PpoConfig {
  int64_t rollout_length = 128;  // vector steps per update
  double lr = 2.5e-4;
  bool anneal_lr = true;
  int64_t epochs = 4;
  int64_t minibatches = 4;
  double gamma = 0.99;
  double gae_lambda = 0.95;
  double clip = 0.2;
  bool clip_value_loss = true;
  double ent_coef = 0.01;
  double vf_coef = 0.5;
  double max_grad_norm = 0.5;
  bool normalize_advantages = true;
  bool normalize_obs = false;
  bool normalize_reward = false;
  double init_log_std = 0.0;
  std::vector<int64_t> hidden = {64, 64};
  double target_kl = 0.0;  // 0 = no early stop
  std::string critic_input = "obs";  // obs (PPO/IPPO) | state (MAPPO)
  bool agent_id = false;             // append a one-hot agent id to network inputs
  bool recurrent = false;            // GRU actor of width hidden[0] (Discrete actions)

  static const ParamTable<PpoConfig>& param_table();
  // The defaults of "ppo", "ippo" or "mappo" (multi-agent variants add agent
  // ids; mappo's critic reads the global state).
  static PpoConfig defaults_for(const std::string& variant);
  static PpoConfig from_params(const Params& params) { return param_table().fill(params); }
};

// The declared parameters of `variant`, with its defaults.
std::vector<ParamSpec> ppo_param_specs(const std::string& variant = "ppo");

}  // namespace ember
