#include "agents/ppo/ppo_config.h"

namespace ember {

const ParamTable<PpoConfig>& PpoConfig::param_table() {
  using C = PpoConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .integer("rollout_length", &C::rollout_length, 1, 1 << 20, "vector steps collected per update")
          .real("lr", &C::lr, 0.0, 1.0, "Adam learning rate")
          .boolean("anneal_lr", &C::anneal_lr, "decay the learning rate linearly to 0")
          .integer("epochs", &C::epochs, 1, 1000, "passes over each rollout")
          .integer("minibatches", &C::minibatches, 1, 1 << 20, "minibatches per epoch")
          .real("gamma", &C::gamma, 0.0, 1.0, "discount factor")
          .real("gae_lambda", &C::gae_lambda, 0.0, 1.0, "GAE lambda")
          .real("clip", &C::clip, 0.0, 10.0, "policy ratio clip range")
          .boolean("clip_value_loss", &C::clip_value_loss, "clip the value update like the policy's")
          .real("ent_coef", &C::ent_coef, 0.0, 10.0, "entropy bonus coefficient")
          .real("vf_coef", &C::vf_coef, 0.0, 100.0, "value loss coefficient")
          .real("max_grad_norm", &C::max_grad_norm, 0.0, 1e6, "global gradient norm clip (0 = off)")
          .boolean("normalize_advantages", &C::normalize_advantages, "standardise advantages per minibatch")
          .boolean("normalize_obs", &C::normalize_obs, "running mean/std observation normalisation")
          .boolean("normalize_reward", &C::normalize_reward, "scale rewards by the running std of returns")
          .real("init_log_std", &C::init_log_std, -20.0, 5.0, "initial log std of Gaussian actions")
          .int_list("hidden", &C::hidden, 1, 1 << 16, "hidden layer widths of actor and critic")
          .real("target_kl", &C::target_kl, 0.0, 10.0, "stop epochs early above this KL (0 = off)")
          .string("critic_input", &C::critic_input, {"obs", "state"},
                  "critic sees the agent's observation or the env's global state (centralised)")
          .boolean("agent_id", &C::agent_id, "append a one-hot agent id to actor and critic inputs")
          .boolean("recurrent", &C::recurrent,
                   "GRU actor (Linear-ReLU, GRUCell, Linear; width hidden[0]) trained on whole rollout "
                   "sequences; Discrete actions only");
  return table;
}

PpoConfig PpoConfig::defaults_for(const std::string& variant) {
  PpoConfig c;
  c.agent_id = variant != "ppo";
  if (variant == "mappo") c.critic_input = "state";
  return c;
}

std::vector<ParamSpec> ppo_param_specs(const std::string& variant) {
  return PpoConfig::param_table().specs(PpoConfig::defaults_for(variant));
}

}  // namespace ember
