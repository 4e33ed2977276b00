#include "agents/ppo/visual_ppo_config.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ember {

namespace {
// PPO settings that have no meaning for one shared recurrent actor-critic
// over images: MLP widths, the MLP critic's input, agent ids, the GRU-actor
// switch, vector-observation normalisation and Gaussian actions.
bool applies_to_visual_ppo(const std::string& name) {
  static const char* kNotApplicable[] = {"hidden",        "critic_input", "agent_id",
                                         "recurrent",     "normalize_obs", "init_log_std"};
  return std::none_of(std::begin(kNotApplicable), std::end(kNotApplicable),
                      [&](const char* n) { return name == n; });
}

// The codebook paper's training values (reference §3) as defaults.
void set_default(std::vector<ParamSpec>& specs, const std::string& name, ParamValue value) {
  for (auto& s : specs)
    if (s.name == name) s.default_value = std::move(value);
}
}  // namespace

std::vector<ParamSpec> visual_ppo_param_specs() {
  std::vector<ParamSpec> specs;
  for (auto& s : ppo_param_specs())
    if (applies_to_visual_ppo(s.name)) specs.push_back(s);
  set_default(specs, "lr", 3e-4);
  set_default(specs, "anneal_lr", false);
  set_default(specs, "minibatches", int64_t{1});
  set_default(specs, "clip", 0.1);
  set_default(specs, "rollout_length", int64_t{128});
  specs.push_back(ParamSpec::integer("bptt_length", 32, 1, 1 << 16,
                                     "steps per training sequence (truncated BPTT); must divide rollout_length"));
  specs.push_back(ParamSpec::integer("gru_hidden", 512, 1, 1 << 14, "GRU width"));
  specs.push_back(ParamSpec::integer("prev_action_dim", 6, 0, 1024,
                                     "previous-action embedding width (0 = no previous-action input)"));
  specs.push_back(ParamSpec::int_list("conv_channels", {32, 64, 64}, 1, 4096,
                                      "channels of the CNN's three layers (8x8/4, 3x3/2, 3x3/1 padded)"));
  specs.push_back(ParamSpec::boolean("codebook", false,
                                     "pass the GRU input through the task-conditioned codebook bottleneck"));
  specs.push_back(ParamSpec::integer("codebook_size", 256, 2, 1 << 16, "codes in the codebook (K)"));
  specs.push_back(ParamSpec::integer("code_dim", 10, 1, 1 << 12, "width of each code (d)"));
  specs.push_back(ParamSpec::real("codebook_dropout", 0.1, 0.0, 0.9, "dropout on the code probabilities"));
  specs.push_back(ParamSpec::string("encoder_checkpoint", "", {},
                                    "checkpoint of an encoder_pretrain run: its CNN is loaded and frozen "
                                    "(path relative to the working directory; also read on --resume)"));
  return specs;
}

VisualPpoConfig VisualPpoConfig::from_params(const Params& p) {
  VisualPpoConfig c;
  // PpoConfig::from_params reads every PPO key; fill the inapplicable ones with their defaults
  Params full = Params::defaults(ppo_param_specs());
  for (const auto& [name, value] : p.values()) full.set(name, value);
  c.ppo = PpoConfig::from_params(full);
  c.bptt_length = p.get_int("bptt_length");
  c.gru_hidden = p.get_int("gru_hidden");
  c.prev_action_dim = p.get_int("prev_action_dim");
  c.conv_channels = p.get_int_list("conv_channels");
  c.codebook = p.get_bool("codebook");
  c.codebook_size = p.get_int("codebook_size");
  c.code_dim = p.get_int("code_dim");
  c.codebook_dropout = p.get_float("codebook_dropout");
  c.encoder_checkpoint = p.get_string("encoder_checkpoint");
  if (c.ppo.rollout_length % c.bptt_length != 0)
    throw std::invalid_argument("agent.bptt_length (" + std::to_string(c.bptt_length) +
                                ") must divide agent.rollout_length (" + std::to_string(c.ppo.rollout_length) + ")");
  if (c.conv_channels.size() != 3)
    throw std::invalid_argument("agent.conv_channels needs 3 entries (one per CNN layer), got " +
                                std::to_string(c.conv_channels.size()));
  return c;
}

}  // namespace ember
