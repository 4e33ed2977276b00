// File: agents/ppo/visual_ppo_config.h
//
// Hyperparameters of the recurrent visual PPO agent ("visual_ppo"): PPO's
// own (the subset that applies to a shared recurrent actor-critic over
// images) plus the network's (models/visual_actor_critic.h). Declared once
// (visual_ppo_param_specs) for config validation and `ember describe
// visual_ppo`; defaults follow the codebook paper's training config
// (reference codebook_objectnav.md §1-§3) except where a 2-core CPU needs
// otherwise (docs/agents/visual_ppo.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "agents/ppo/ppo_config.h"
#include "core/params.h"

namespace ember {

struct VisualPpoConfig {
  PpoConfig ppo;                     // rollout, optimiser and loss settings
  int64_t bptt_length = 32;          // steps per training sequence (truncated BPTT); divides rollout_length
  int64_t gru_hidden = 512;
  int64_t prev_action_dim = 6;       // previous-action embedding width (0 = none)
  std::vector<int64_t> conv_channels = {32, 64, 64};
  bool codebook = false;
  int64_t codebook_size = 256;
  int64_t code_dim = 10;
  double codebook_dropout = 0.1;
  // An encoder_pretrain checkpoint (agents/pretrain/encoder_pretrain_agent.h)
  // whose CNN replaces the trainable one and stays frozen; "" = train the CNN.
  std::string encoder_checkpoint;

  static VisualPpoConfig from_params(const Params& params);
};

std::vector<ParamSpec> visual_ppo_param_specs();

}  // namespace ember
