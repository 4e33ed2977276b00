#include "agents/pretrain/encoder_pretrain_config.h"

#include <stdexcept>
#include <string>

namespace ember {

const ParamTable<EncoderPretrainConfig>& EncoderPretrainConfig::param_table() {
  using C = EncoderPretrainConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .int_list("conv_channels", &C::conv_channels, 1, 4096,
                    "channels of the CNN's three layers (8x8/4, 3x3/2, 3x3/1 padded), as visual_ppo's")
          .integer("rollout_length", &C::rollout_length, 1, 1 << 16, "vector steps of frames per update")
          .integer("epochs", &C::epochs, 1, 1000, "passes over each rollout's frames")
          .integer("minibatches", &C::minibatches, 1, 1 << 16, "minibatches per epoch")
          .real("lr", &C::lr, 0.0, 1.0, "Adam learning rate")
          .real("expert_prob", &C::expert_prob, 0.0, 1.0,
                "behaviour: the env's expert action with this probability, else a uniform random action")
          .string("label_field", &C::label_field, {},
                  "observation field of 0/1 labels to predict from the frame (objectnav: 'visible')");
  return table;
}

EncoderPretrainConfig EncoderPretrainConfig::from_params(const Params& params) {
  EncoderPretrainConfig c = param_table().fill(params);
  if (c.conv_channels.size() != 3)
    throw std::invalid_argument("agent.conv_channels needs 3 entries (one per CNN layer), got " +
                                std::to_string(c.conv_channels.size()));
  return c;
}

std::vector<ParamSpec> encoder_pretrain_param_specs() { return EncoderPretrainConfig::param_table().specs(); }

}  // namespace ember
