#include "agents/qlearning/q_config.h"

#include <algorithm>

namespace ember {

const ParamTable<QLearnerConfig>& QLearnerConfig::param_table() {
  using C = QLearnerConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .boolean("recurrent", &C::recurrent, "GRU agent network (else a 2-layer MLP)")
          .integer("hidden", &C::hidden, 1, 1 << 16, "hidden width of the agent network")
          .real("lr", &C::lr, 0.0, 1.0, "Adam learning rate")
          .real("gamma", &C::gamma, 0.0, 1.0, "discount factor")
          .boolean("double_q", &C::double_q, "double Q-learning targets")
          .integer("target_update_interval", &C::target_update_interval, 1, 1 << 30,
                   "training steps between hard target updates")
          .real("target_update_tau", &C::target_update_tau, 0.0, 1.0,
                "> 0: soft target update by this rate every training step (replaces the hard copies)")
          .real("grad_clip", &C::grad_clip, 0.0, 1e9, "global gradient norm clip")
          .boolean("standardise_rewards", &C::standardise_rewards, "standardise rewards with running statistics")
          .boolean("agent_id", &C::agent_id, "append a one-hot agent id to each observation")
          .integer("mixing_embed", &C::mixing_embed, 1, 4096, "QMIX mixing embedding width")
          .integer("hypernet_embed", &C::hypernet_embed, 1, 4096, "QMIX hypernetwork width");
  return table;
}

QLearnerConfig QLearnerConfig::defaults_for(const std::string& id) {
  QLearnerConfig c;
  if (id == "iql") {
    c.mixer = "none";
    c.recurrent = true;
    c.hidden = 128;
    c.lr = 3e-4;
  } else if (id == "vdn") {
    c.mixer = "vdn";
  }
  return c;
}

const ParamTable<QTrainingConfig>& QTrainingConfig::param_table() {
  using C = QTrainingConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .real("epsilon_start", &C::epsilon_start, 0.0, 1.0, "initial exploration rate")
          .real("epsilon_finish", &C::epsilon_finish, 0.0, 1.0, "final exploration rate")
          .integer("epsilon_anneal_steps", &C::epsilon_anneal_steps, 0, int64_t{1} << 40,
                   "env steps of linear epsilon decay")
          .real("eval_epsilon", &C::eval_epsilon, 0.0, 1.0,
                "exploration rate of the evaluation policy when eval.deterministic is false (greedy otherwise)")
          .integer("batch_size", &C::batch_size, 1, 1 << 16, "episodes per training batch")
          .integer("buffer_size", &C::buffer_size, 1, 1 << 24, "episodes kept in replay")
          .real("updates_per_episode", &C::updates_per_episode, 0.0, 1000.0, "training steps per finished episode");
  return table;
}

double QTrainingConfig::epsilon_after(int64_t env_steps) const {
  if (epsilon_anneal_steps <= 0) return epsilon_finish;
  const double frac = std::min(1.0, static_cast<double>(env_steps) / static_cast<double>(epsilon_anneal_steps));
  return epsilon_start + frac * (epsilon_finish - epsilon_start);
}

const ParamTable<QAgentConfig>& QAgentConfig::param_table() {
  using C = QAgentConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .embed(QLearnerConfig::param_table(), &C::learner)
          .embed(QTrainingConfig::param_table(), &C::training)
          .integer("rollout_length", &C::rollout_length, 1, 1 << 20, "vector steps collected between updates")
          .integer("max_episode_len", &C::max_episode_len, 0, 1 << 20,
                   "replay episode length (0 = the env's time limit)")
          .boolean("save_replay", &C::save_replay, "store the replay in checkpoints (exact resume)");
  return table;
}

QAgentConfig QAgentConfig::defaults_for(const std::string& id) {
  QAgentConfig c;
  c.learner = QLearnerConfig::defaults_for(id);
  if (id == "iql") c.training.epsilon_anneal_steps = 200000;
  return c;
}

}  // namespace ember
