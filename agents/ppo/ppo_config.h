// File: agents/ppo/ppo_config.h
//
// PPO hyperparameters: declared once (ppo_param_specs) for config validation
// and `ember describe ppo`, and read into a plain struct. Defaults follow
// CleanRL's ppo.py except where noted in the docs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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

  static PpoConfig from_params(const Params& params);
};

// Parameters with the defaults of "ppo", "ippo" or "mappo" (multi-agent
// variants add agent ids; mappo's critic reads the global state).
std::vector<ParamSpec> ppo_param_specs(const std::string& variant = "ppo");

}  // namespace ember
