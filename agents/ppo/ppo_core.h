// File: agents/ppo/ppo_core.h
//
// The parts of PPO that do not depend on where the experience comes from,
// shared by the PPO/IPPO/MAPPO agent and by MANSA's switching agent:
// the actor-critic networks, categorical sampling from ember's RNG, GAE, and
// the clipped-surrogate optimisation epochs over a flat rollout.
//
// Example:
//   ActorCritic model(in, in, n_actions, /*continuous=*/false, config, gen);
//   compute_gae(rollout, gamma, lambda, adv.data(), ret.data());
//   Metrics m = ppo_optimize(model, optimizer, config, rollout, adv.data(), ret.data(), rng);
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "agents/ppo/ppo_config.h"
#include "core/agent.h"
#include "core/rng.h"
#include "models/agent_q_network.h"
#include "models/mlp.h"

namespace ember {

// Separate actor and critic MLPs; Gaussian actions add a state-independent log std.
// With config.recurrent the actor is a GRU network (rnn_actor, stepped with
// a hidden state per row) and `actor` stays empty.
struct ActorCriticImpl : torch::nn::Module {
  ActorCriticImpl(int64_t actor_in, int64_t critic_in, int64_t out_dim, bool continuous, const PpoConfig& c,
                  at::Generator& gen);
  bool recurrent() const { return !rnn_actor.is_empty(); }
  // The feed-forward actor's output for inputs [rows, actor_in].
  at::Tensor actor_head(const at::Tensor& x);
  Mlp actor{nullptr}, critic{nullptr};
  AgentQNetwork rnn_actor{nullptr};
  at::Tensor log_std;
  bool continuous;
};
TORCH_MODULE(ActorCritic);

// A rollout of T steps x B rows, flat row-major [T, B, ...]. done[t] = 1 when
// the row's episode ended at step t (rewards already carry the truncation
// bootstrap); last_values are V of the observation after step T-1.
struct RolloutView {
  int64_t T = 0, B = 0;
  const float* actor_in = nullptr;
  int64_t actor_dim = 0;
  const float* critic_in = nullptr;
  int64_t critic_dim = 0;
  const float* actions = nullptr;  // [T, B, action_numel]; discrete ids as floats
  int64_t action_numel = 1;
  const float* logp = nullptr;
  const float* values = nullptr;
  const float* rewards = nullptr;
  const float* dones = nullptr;
  const float* last_values = nullptr;  // [B]
  // Optional [T, B] 0/1: rows whose action was executed. Rows with 0 train
  // the critic only (MANSA's pair of learners); null = every row.
  const float* policy_mask = nullptr;
  // Optional [T, B, n] 0/1 legal actions (Discrete): the policy is the
  // softmax over the legal actions only, as when acting.
  const float* legal_actions = nullptr;
  // Recurrent actors: each row's hidden state before step 0 [B, hidden_dim].
  const float* initial_hidden = nullptr;
  int64_t hidden_dim = 0;
};

// Generalised advantage estimation; writes advantages and returns [T*B].
void compute_gae(const RolloutView& r, double gamma, double lambda, float* advantages, float* returns);

// 1 - Var(returns - values) / Var(returns).
double explained_variance(const float* returns, const float* values, int64_t n);

// `config.epochs` passes of shuffled minibatches over the rollout at learning rate `lr`.
Metrics ppo_optimize(ActorCritic& model, torch::optim::Optimizer& optimizer, const PpoConfig& config,
                     const RolloutView& rollout, const float* advantages, const float* returns, double lr,
                     Rng& rng);

// log pi(a) and the entropy per row of softmax(logits) [rows, n] for int64
// actions [rows]; `legal` ([rows, n] 0/1, may be undefined) restricts the
// distribution to the legal actions, as when acting.
std::pair<at::Tensor, at::Tensor> categorical_logp_entropy(const at::Tensor& logits, const at::Tensor& actions,
                                                           const at::Tensor& legal);

// One minibatch of PPO's clipped surrogate: the current network's outputs
// (with grad) beside what the rollout recorded.
struct PpoMinibatch {
  at::Tensor new_logp, entropy, values;                    // [M], from the network being trained
  at::Tensor old_logp, old_values, advantages, returns;    // [M], from the rollout
  at::Tensor mask;  // optional [M] 0/1: rows whose action was executed (policy terms only)
};

struct PpoLoss {
  at::Tensor total, policy, value, entropy;  // total = policy - ent_coef * entropy + vf_coef * value
};

// Sums of the loss terms over an update's minibatches, and its metrics.
struct PpoLossStats {
  double sum_pg = 0, sum_v = 0, sum_ent = 0, sum_kl = 0, sum_clipfrac = 0;
  int64_t count = 0;
  void add(const PpoLoss& loss);
  // config.target_kl exceeded by the mean approximate KL so far
  bool early_stop(const PpoConfig& config) const;
  Metrics metrics(const float* returns, const float* values, int64_t n, double lr) const;
};

// The clipped policy loss (advantages normalised per minibatch when
// configured), the (clipped) value loss and the entropy bonus; adds the
// approximate KL and clip fraction to `stats`.
PpoLoss ppo_minibatch_loss(const PpoConfig& config, const PpoMinibatch& minibatch, PpoLossStats& stats);

// Draws one action per row from softmax(logits) [rows, n], restricted to the
// legal actions when `mask` ([rows, n] 0/1) is given; writes the action and
// its log-probability under the (masked) distribution.
void sample_categorical(const float* logits, int64_t rows, int64_t n, const int32_t* mask, Rng& rng,
                        int32_t* actions, float* logp);

}  // namespace ember
