#include "agents/ppo/visual_ppo_config.h"

#include <stdexcept>
#include <string>

namespace ember {

PpoConfig VisualPpoConfig::ppo_defaults() {
  PpoConfig c;
  c.lr = 3e-4;
  c.anneal_lr = false;
  c.minibatches = 1;
  c.clip = 0.1;
  return c;
}

const ParamTable<VisualPpoConfig>& VisualPpoConfig::param_table() {
  using C = VisualPpoConfig;
  // PPO settings that have no meaning for one shared recurrent actor-critic
  // over images: MLP widths, the MLP critic's input, agent ids, the GRU-actor
  // switch, vector-observation normalisation and Gaussian actions.
  const Embedding ppo_rows = Embedding::as_is().without(
      {"hidden", "critic_input", "agent_id", "recurrent", "normalize_obs", "init_log_std"});
  static const ParamTable<C> table =
      ParamTable<C>()
          .embed(PpoConfig::param_table(), &C::ppo, ppo_rows)
          .integer("bptt_length", &C::bptt_length, 1, 1 << 16,
                   "steps per training sequence (truncated BPTT); must divide rollout_length")
          .integer("gru_hidden", &C::gru_hidden, 1, 1 << 14, "GRU width")
          .integer("prev_action_dim", &C::prev_action_dim, 0, 1024,
                   "previous-action embedding width (0 = no previous-action input)")
          .int_list("conv_channels", &C::conv_channels, 1, 4096,
                    "channels of the CNN's three layers (8x8/4, 3x3/2, 3x3/1 padded)")
          .boolean("codebook", &C::codebook, "pass the GRU input through the task-conditioned codebook bottleneck")
          .integer("codebook_size", &C::codebook_size, 2, 1 << 16, "codes in the codebook (K)")
          .integer("code_dim", &C::code_dim, 1, 1 << 12, "width of each code (d)")
          .real("codebook_dropout", &C::codebook_dropout, 0.0, 0.9, "dropout on the code probabilities")
          .string("encoder_checkpoint", &C::encoder_checkpoint, {},
                  "checkpoint of an encoder_pretrain run: its CNN is loaded and frozen "
                  "(path relative to the working directory; also read on --resume)");
  return table;
}

std::vector<ParamSpec> visual_ppo_param_specs() { return VisualPpoConfig::param_table().specs(); }

VisualPpoConfig VisualPpoConfig::from_params(const Params& p) {
  // the PPO settings the table leaves out keep PpoConfig's defaults
  const VisualPpoConfig c = param_table().fill(p);
  if (c.ppo.rollout_length % c.bptt_length != 0)
    throw std::invalid_argument("agent.bptt_length (" + std::to_string(c.bptt_length) +
                                ") must divide agent.rollout_length (" + std::to_string(c.ppo.rollout_length) + ")");
  if (c.conv_channels.size() != 3)
    throw std::invalid_argument("agent.conv_channels needs 3 entries (one per CNN layer), got " +
                                std::to_string(c.conv_channels.size()));
  return c;
}

}  // namespace ember
