#include "agents/ppo/ppo_core.h"

#include <cmath>
#include <numeric>
#include <stdexcept>

#include <torch/torch.h>

#include "models/init.h"

namespace ember {

namespace {
constexpr double kHalfLog2Pi = 0.91893853320467274178;
}

ActorCriticImpl::ActorCriticImpl(int64_t actor_in, int64_t critic_in, int64_t out_dim, bool continuous,
                                 const PpoConfig& c, at::Generator& gen)
    : continuous(continuous) {
  if (c.recurrent) {
    if (continuous) throw std::invalid_argument("PPO: a recurrent actor needs a Discrete action space");
    // EPyMARL's rnn agent as the policy: Linear-ReLU, GRUCell, Linear to logits
    rnn_actor = register_module("rnn_actor", AgentQNetwork(actor_in, c.hidden.front(), out_dim, true));
    default_init_(*rnn_actor, gen);
  } else {
    actor = register_module("actor", Mlp(actor_in, c.hidden, out_dim, 0.01, gen));
  }
  critic = register_module("critic", Mlp(critic_in, c.hidden, 1, 1.0, gen));
  if (continuous) log_std = register_parameter("log_std", torch::full({out_dim}, c.init_log_std));
}

void compute_gae(const RolloutView& r, double gamma, double lambda, float* advantages, float* returns) {
  const int64_t T = r.T, B = r.B;
  std::vector<float> gae(static_cast<size_t>(B), 0.0f);
  const auto g = static_cast<float>(gamma), l = static_cast<float>(lambda);
  for (int64_t t = T - 1; t >= 0; --t) {
    for (int64_t b = 0; b < B; ++b) {
      const int64_t i = t * B + b;
      const float next_value = t == T - 1 ? r.last_values[b] : r.values[i + B];
      const float not_done = 1.0f - r.dones[i];
      const float delta = r.rewards[i] + g * next_value * not_done - r.values[i];
      gae[static_cast<size_t>(b)] = delta + g * l * not_done * gae[static_cast<size_t>(b)];
      advantages[i] = gae[static_cast<size_t>(b)];
      returns[i] = advantages[i] + r.values[i];
    }
  }
}

double explained_variance(const float* returns, const float* values, int64_t n) {
  double mean = 0, mean_res = 0, var_y = 0, var_res = 0;
  for (int64_t i = 0; i < n; ++i) mean += returns[i], mean_res += returns[i] - values[i];
  mean /= static_cast<double>(n);
  mean_res /= static_cast<double>(n);
  for (int64_t i = 0; i < n; ++i) {
    var_y += (returns[i] - mean) * (returns[i] - mean);
    const double res = returns[i] - values[i] - mean_res;
    var_res += res * res;
  }
  return var_y == 0 ? 0.0 : 1.0 - var_res / var_y;
}

at::Tensor ActorCriticImpl::actor_head(const at::Tensor& x) { return actor->forward(x); }

Metrics ppo_optimize(ActorCritic& model, torch::optim::Optimizer& optimizer, const PpoConfig& config,
                     const RolloutView& r, const float* advantages, const float* returns, double lr, Rng& rng) {
  for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
  const int64_t N = r.T * r.B;
  auto blob = [](const float* p, std::vector<int64_t> shape) {
    return torch::from_blob(const_cast<float*>(p), shape);
  };
  auto obs = blob(r.actor_in, {N, r.actor_dim});
  auto critic_in = blob(r.critic_in, {N, r.critic_dim});
  auto actions = blob(r.actions, {N, r.action_numel});
  auto old_logp = blob(r.logp, {N});
  auto old_values = blob(r.values, {N});
  auto adv_all = blob(advantages, {N});
  auto ret_all = blob(returns, {N});
  at::Tensor discrete_actions;
  if (!model->continuous) discrete_actions = actions.squeeze(1).to(torch::kLong);
  at::Tensor policy_mask;  // undefined: every row's action was executed
  if (r.policy_mask) policy_mask = blob(r.policy_mask, {N});

  PpoLossStats stats;
  // One gradient step on the flat rollout entries `idx`, whose actor outputs are `head`.
  auto optimize_minibatch = [&](const at::Tensor& idx, const at::Tensor& head) {
    PpoMinibatch mb;
    mb.old_logp = old_logp.index_select(0, idx);
    mb.advantages = adv_all.index_select(0, idx);
    mb.returns = ret_all.index_select(0, idx);
    mb.old_values = old_values.index_select(0, idx);
    if (policy_mask.defined()) mb.mask = policy_mask.index_select(0, idx);
    if (model->continuous) {
      auto log_std = model->log_std.expand_as(head);
      auto z = (actions.index_select(0, idx) - head) / log_std.exp();
      mb.new_logp = (-0.5 * z * z - log_std - kHalfLog2Pi).sum(1);
      mb.entropy = (0.5 + kHalfLog2Pi + log_std).sum(1);
    } else {
      at::Tensor legal;
      if (r.legal_actions) legal = blob(r.legal_actions, {N, head.size(1)}).index_select(0, idx);
      std::tie(mb.new_logp, mb.entropy) =
          categorical_logp_entropy(head, discrete_actions.index_select(0, idx), legal);
    }
    mb.values = model->critic->forward(critic_in.index_select(0, idx)).squeeze(1);
    PpoLoss loss = ppo_minibatch_loss(config, mb, stats);
    optimizer.zero_grad();
    loss.total.backward();
    if (config.max_grad_norm > 0) torch::nn::utils::clip_grad_norm_(model->parameters(), config.max_grad_norm);
    optimizer.step();
    stats.add(loss);
  };

  bool stop = false;
  if (!model->recurrent()) {
    // minibatches of shuffled (step, row) entries
    const int64_t mb_size = std::max<int64_t>(1, N / config.minibatches);
    std::vector<int64_t> order(static_cast<size_t>(N));
    for (int64_t epoch = 0; epoch < config.epochs && !stop; ++epoch) {
      std::iota(order.begin(), order.end(), 0);
      for (int64_t i = N - 1; i > 0; --i) std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(rng.uniform_int(i + 1))]);
      for (int64_t start = 0; start + mb_size <= N; start += mb_size) {
        auto idx = torch::from_blob(order.data() + start, {mb_size}, torch::kLong);
        optimize_minibatch(idx, model->actor_head(obs.index_select(0, idx)));
      }
      if (stats.early_stop(config)) stop = true;
    }
  } else {
    // minibatches of shuffled rows, each replayed as a whole sequence from
    // the hidden state it had at the rollout's start, reset where an episode
    // ended (as when acting)
    const int64_t T = r.T, B = r.B, H = r.hidden_dim;
    const int64_t rows_per_mb = std::max<int64_t>(1, B / config.minibatches);
    auto h0_all = blob(r.initial_hidden, {B, H});
    auto obs_tb = obs.view({T, B, r.actor_dim});
    auto ended = blob(r.dones, {T, B}) > 0;
    std::vector<int64_t> order(static_cast<size_t>(B));
    for (int64_t epoch = 0; epoch < config.epochs && !stop; ++epoch) {
      std::iota(order.begin(), order.end(), 0);
      for (int64_t i = B - 1; i > 0; --i) std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(rng.uniform_int(i + 1))]);
      for (int64_t start = 0; start + rows_per_mb <= B; start += rows_per_mb) {
        auto rows = torch::from_blob(order.data() + start, {rows_per_mb}, torch::kLong);
        // an episode that ended at step t - 1 starts afresh at step t
        auto starts = torch::cat({torch::zeros({1, rows_per_mb}, torch::kBool),
                                  ended.index_select(1, rows).slice(0, 0, T - 1)});
        auto heads = model->rnn_actor->forward_sequence(obs_tb.index_select(1, rows), h0_all.index_select(0, rows),
                                                        starts);
        // flat entries t * B + row, in the same order as the heads
        auto idx = (torch::arange(T, torch::kLong).unsqueeze(1) * B + rows.unsqueeze(0)).reshape({T * rows_per_mb});
        optimize_minibatch(idx, heads.reshape({T * rows_per_mb, -1}));
      }
      if (stats.early_stop(config)) stop = true;
    }
  }
  return stats.metrics(returns, r.values, N, lr);
}

std::pair<at::Tensor, at::Tensor> categorical_logp_entropy(const at::Tensor& logits, const at::Tensor& actions,
                                                           const at::Tensor& legal) {
  at::Tensor masked = logits;
  if (legal.defined()) masked = logits.masked_fill(legal == 0, -1e9);  // the distribution acting sampled from
  auto logp_all = torch::log_softmax(masked, 1);
  auto logp = logp_all.gather(1, actions.unsqueeze(1)).squeeze(1);
  auto entropy = -(logp_all.exp() * logp_all).sum(1);
  return {logp, entropy};
}

PpoLoss ppo_minibatch_loss(const PpoConfig& config, const PpoMinibatch& mb, PpoLossStats& stats) {
  const int64_t mb_size = mb.new_logp.size(0);
  const at::Tensor& mask = mb.mask;
  // mean over the rows the policy terms are about (all, or the executed ones)
  auto policy_mean = [&](const at::Tensor& x) {
    return mask.defined() ? (x * mask).sum() / mask.sum().clamp_min(1.0) : x.mean();
  };
  auto log_ratio = mb.new_logp - mb.old_logp;
  auto ratio = log_ratio.exp();
  {
    torch::NoGradGuard no_grad;
    stats.sum_kl += policy_mean((ratio - 1) - log_ratio).item<double>();
    stats.sum_clipfrac += policy_mean(((ratio - 1.0).abs() > config.clip).to(torch::kFloat)).item<double>();
  }
  at::Tensor adv = mb.advantages;
  if (config.normalize_advantages && mb_size > 1) {
    if (mask.defined()) {
      const auto mean = policy_mean(adv);
      adv = (adv - mean) / (policy_mean((adv - mean).pow(2)).sqrt() + 1e-8);
    } else {
      adv = (adv - adv.mean()) / (adv.std() + 1e-8);
    }
  }
  PpoLoss loss;
  loss.policy = policy_mean(torch::max(-adv * ratio, -adv * torch::clamp(ratio, 1 - config.clip, 1 + config.clip)));
  const at::Tensor& v = mb.values;
  if (config.clip_value_loss) {
    auto v_clipped = mb.old_values + torch::clamp(v - mb.old_values, -config.clip, config.clip);
    loss.value = 0.5 * torch::max((v - mb.returns).pow(2), (v_clipped - mb.returns).pow(2)).mean();
  } else {
    loss.value = 0.5 * (v - mb.returns).pow(2).mean();
  }
  loss.entropy = policy_mean(mb.entropy);
  loss.total = loss.policy - config.ent_coef * loss.entropy + config.vf_coef * loss.value;
  return loss;
}

void PpoLossStats::add(const PpoLoss& loss) {
  sum_pg += loss.policy.item<double>();
  sum_v += loss.value.item<double>();
  sum_ent += loss.entropy.item<double>();
  ++count;
}

bool PpoLossStats::early_stop(const PpoConfig& config) const {
  return config.target_kl > 0 && sum_kl / static_cast<double>(count) > config.target_kl;
}

Metrics PpoLossStats::metrics(const float* returns, const float* values, int64_t n, double lr) const {
  const double c = static_cast<double>(std::max<int64_t>(count, 1));
  return {{"losses/policy_loss", sum_pg / c},
          {"losses/value_loss", sum_v / c},
          {"losses/entropy", sum_ent / c},
          {"losses/approx_kl", sum_kl / c},
          {"losses/clipfrac", sum_clipfrac / c},
          {"losses/explained_variance", explained_variance(returns, values, n)},
          {"charts/learning_rate", lr}};
}

void sample_categorical(const float* logits, int64_t rows, int64_t n, const int32_t* mask, Rng& rng,
                        int32_t* actions, float* logp) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* l = logits + r * n;
    const int32_t* legal = mask ? mask + r * n : nullptr;
    float mx = -INFINITY;
    for (int64_t k = 0; k < n; ++k)
      if (!legal || legal[k]) mx = std::max(mx, l[k]);
    double z = 0.0;
    for (int64_t k = 0; k < n; ++k)
      if (!legal || legal[k]) z += std::exp(static_cast<double>(l[k] - mx));
    // inverse-CDF draw from the (masked) softmax
    const double u = rng.uniform() * z;
    double acc = 0.0;
    int64_t a = -1;
    for (int64_t k = 0; k < n; ++k) {
      if (legal && !legal[k]) continue;
      a = k;
      acc += std::exp(static_cast<double>(l[k] - mx));
      if (u < acc) break;
    }
    actions[r] = static_cast<int32_t>(a);
    logp[r] = static_cast<float>(l[a] - mx - std::log(z));
  }
}

}  // namespace ember
