#include "agents/ppo/ppo_config.h"

namespace ember {

std::vector<ParamSpec> ppo_param_specs(const std::string& variant) {
  const bool multi = variant != "ppo";
  return {
      ParamSpec::integer("rollout_length", 128, 1, 1 << 20, "vector steps collected per update"),
      ParamSpec::real("lr", 2.5e-4, 0.0, 1.0, "Adam learning rate"),
      ParamSpec::boolean("anneal_lr", true, "decay the learning rate linearly to 0"),
      ParamSpec::integer("epochs", 4, 1, 1000, "passes over each rollout"),
      ParamSpec::integer("minibatches", 4, 1, 1 << 20, "minibatches per epoch"),
      ParamSpec::real("gamma", 0.99, 0.0, 1.0, "discount factor"),
      ParamSpec::real("gae_lambda", 0.95, 0.0, 1.0, "GAE lambda"),
      ParamSpec::real("clip", 0.2, 0.0, 10.0, "policy ratio clip range"),
      ParamSpec::boolean("clip_value_loss", true, "clip the value update like the policy's"),
      ParamSpec::real("ent_coef", 0.01, 0.0, 10.0, "entropy bonus coefficient"),
      ParamSpec::real("vf_coef", 0.5, 0.0, 100.0, "value loss coefficient"),
      ParamSpec::real("max_grad_norm", 0.5, 0.0, 1e6, "global gradient norm clip (0 = off)"),
      ParamSpec::boolean("normalize_advantages", true, "standardise advantages per minibatch"),
      ParamSpec::boolean("normalize_obs", false, "running mean/std observation normalisation"),
      ParamSpec::boolean("normalize_reward", false, "scale rewards by the running std of returns"),
      ParamSpec::real("init_log_std", 0.0, -20.0, 5.0, "initial log std of Gaussian actions"),
      ParamSpec::int_list("hidden", {64, 64}, 1, 1 << 16, "hidden layer widths of actor and critic"),
      ParamSpec::real("target_kl", 0.0, 0.0, 10.0, "stop epochs early above this KL (0 = off)"),
      ParamSpec::string("critic_input", variant == "mappo" ? "state" : "obs", {"obs", "state"},
                        "critic sees the agent's observation or the env's global state (centralised)"),
      ParamSpec::boolean("agent_id", multi, "append a one-hot agent id to actor and critic inputs"),
      ParamSpec::boolean("recurrent", false,
                         "GRU actor (Linear-ReLU, GRUCell, Linear; width hidden[0]) trained on whole rollout "
                         "sequences; Discrete actions only"),
  };
}

PpoConfig PpoConfig::from_params(const Params& p) {
  PpoConfig c;
  c.rollout_length = p.get_int("rollout_length");
  c.lr = p.get_float("lr");
  c.anneal_lr = p.get_bool("anneal_lr");
  c.epochs = p.get_int("epochs");
  c.minibatches = p.get_int("minibatches");
  c.gamma = p.get_float("gamma");
  c.gae_lambda = p.get_float("gae_lambda");
  c.clip = p.get_float("clip");
  c.clip_value_loss = p.get_bool("clip_value_loss");
  c.ent_coef = p.get_float("ent_coef");
  c.vf_coef = p.get_float("vf_coef");
  c.max_grad_norm = p.get_float("max_grad_norm");
  c.normalize_advantages = p.get_bool("normalize_advantages");
  c.normalize_obs = p.get_bool("normalize_obs");
  c.normalize_reward = p.get_bool("normalize_reward");
  c.init_log_std = p.get_float("init_log_std");
  c.hidden = p.get_int_list("hidden");
  c.target_kl = p.get_float("target_kl");
  c.critic_input = p.get_string("critic_input");
  c.agent_id = p.get_bool("agent_id");
  c.recurrent = p.get_bool("recurrent");
  return c;
}

}  // namespace ember
