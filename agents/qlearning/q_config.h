// File: agents/qlearning/q_config.h
//
// The settings of the value-based learners, each declared once in a
// ParamTable (core/param_table.h):
//   QLearnerConfig   the learner itself (networks, optimiser, targets); MANSA
//                    embeds it twice, as il_* and cl_*;
//   QTrainingConfig  exploration, replay and update cadence around a learner,
//                    shared by the iql/vdn/qmix agents and MANSA's value pair;
//   QAgentConfig     an iql/vdn/qmix agent: the two above plus its rollout,
//                    episode length and checkpointing switches.
// Per-id defaults (EPyMARL's iql.yaml / vdn.yaml / qmix.yaml) come from
// defaults_for(id); the declared defaults are read from those structs.
// Torch-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/param_table.h"
#include "core/params.h"

namespace ember {

struct QLearnerConfig {
  std::string mixer = "qmix";  // none | vdn | qmix
  bool recurrent = false;
  int64_t hidden = 64;
  double lr = 5e-4;
  double gamma = 0.99;
  bool double_q = true;
  int64_t target_update_interval = 200;  // training steps between hard target copies
  double target_update_tau = 0.0;        // > 0: soft (Polyak) update by this rate every step instead
  double grad_clip = 10.0;
  bool standardise_rewards = true;
  bool agent_id = true;
  int64_t mixing_embed = 32;
  int64_t hypernet_embed = 64;

  // The learner's own settings; `mixer` is set by the agent id, not a parameter.
  static const ParamTable<QLearnerConfig>& param_table();
  // iql: a GRU without mixer; vdn: sum mixing; qmix: the hypernetwork mixer.
  static QLearnerConfig defaults_for(const std::string& id);
  static QLearnerConfig from_params(const Params& params) { return param_table().fill(params); }
  static const std::vector<std::string>& param_names() { return param_table().names(); }
};

struct QTrainingConfig {
  double epsilon_start = 1.0;
  double epsilon_finish = 0.05;
  int64_t epsilon_anneal_steps = 50000;  // env steps
  double eval_epsilon = 0.05;            // evaluation with eval.deterministic false
  int64_t batch_size = 32;               // episodes per training batch
  int64_t buffer_size = 5000;            // episodes kept in replay
  double updates_per_episode = 1.0;      // training steps per finished episode

  static const ParamTable<QTrainingConfig>& param_table();
  // The behaviour epsilon after `env_steps`: epsilon_start decaying linearly
  // to epsilon_finish over epsilon_anneal_steps.
  double epsilon_after(int64_t env_steps) const;
};

struct QAgentConfig {
  QLearnerConfig learner;
  QTrainingConfig training;
  int64_t rollout_length = 50;   // vector steps collected between updates
  int64_t max_episode_len = 0;   // replay episode length (0 = the env's time limit)
  bool save_replay = true;       // store the replay in checkpoints (exact resume)

  static const ParamTable<QAgentConfig>& param_table();
  static QAgentConfig defaults_for(const std::string& id);
  // The id's defaults, every declared setting read from `params`.
  static QAgentConfig from_params(const Params& params, const std::string& id) {
    return param_table().fill(params, defaults_for(id));
  }
};

}  // namespace ember
