// File: agents/pretrain/encoder_pretrain_config.h
//
// Settings of the encoder pretraining agent ("encoder_pretrain",
// encoder_pretrain_agent.h), declared once in a ParamTable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/param_table.h"
#include "core/params.h"

namespace ember {

struct EncoderPretrainConfig {
  std::vector<int64_t> conv_channels = {32, 64, 64};  // the CNN to pretrain (as visual_ppo's)
  int64_t rollout_length = 64;  // vector steps of frames per update
  int64_t epochs = 2;
  int64_t minibatches = 4;
  double lr = 1e-3;
  double expert_prob = 0.75;  // behaviour: the env's expert action with this probability, else uniform
  std::string label_field = "visible";

  static const ParamTable<EncoderPretrainConfig>& param_table();
  static EncoderPretrainConfig from_params(const Params& params);
};

std::vector<ParamSpec> encoder_pretrain_param_specs();

}  // namespace ember
