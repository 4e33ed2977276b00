// File: agents/ppo/visual_ppo_config.h
//
// Hyperparameters of the recurrent visual PPO agent ("visual_ppo"): PPO's
// own (the subset that applies to a shared recurrent actor-critic over
// images) plus the network's (models/visual_actor_critic.h). Declared once
// (VisualPpoConfig::param_table()) for config validation and `ember describe
// visual_ppo`; defaults follow the codebook paper's training config
// (reference codebook_objectnav.md §1-§3) except where a 2-core CPU needs
// otherwise (docs/agents/visual_ppo.md). The PPO settings are PpoConfig's
// table rows embedded (ppo_config.h), so they are written once for both
// agents; the visual agent's own defaults are the struct's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "agents/ppo/ppo_config.h"
#include "core/params.h"

namespace ember {

struct VisualPpoConfig {
  PpoConfig ppo = ppo_defaults();    // rollout, optimiser and loss settings
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

  static const ParamTable<VisualPpoConfig>& param_table();
  // Validated params -> config; refuses what a range cannot say (bptt_length
  // must divide rollout_length, three conv layers).
  static VisualPpoConfig from_params(const Params& params);
  // PPO's defaults with the codebook paper's training values (reference §3).
  static PpoConfig ppo_defaults();
};

std::vector<ParamSpec> visual_ppo_param_specs();

}  // namespace ember
