#include "agents/qlearning/q_learner.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <torch/torch.h>

#include "agents/common/running_mean_std.h"
#include "core/binary_io.h"
#include "models/agent_q_network.h"
#include "models/init.h"
#include "models/qmix_mixer.h"

namespace ember {

struct QLearner::Impl {
  QLearnerConfig config;
  EpisodeLayout layout;
  int64_t in_dim = 0;
  AgentQNetwork net{nullptr}, target_net{nullptr};
  QmixMixer mixer{nullptr}, target_mixer{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer;
  std::vector<at::Tensor> params;
  RunningMeanStd reward_rms{1};
  at::Tensor hidden[2];
  int64_t steps = 0;
  std::vector<float> input;  // acting scratch

  Impl(const QLearnerConfig& c, const EpisodeLayout& l, uint64_t seed) : config(c), layout(l) {
    in_dim = l.obs_dim + (c.agent_id ? l.agents : 0);
    at::Generator gen = make_generator(seed);
    net = AgentQNetwork(in_dim, c.hidden, l.actions, c.recurrent);
    default_init_(*net, gen);
    target_net = AgentQNetwork(in_dim, c.hidden, l.actions, c.recurrent);
    for (auto& p : net->parameters()) params.push_back(p);
    if (c.mixer == "qmix") {
      mixer = QmixMixer(l.agents, l.state_dim, c.mixing_embed, c.hypernet_embed);
      default_init_(*mixer, gen);
      target_mixer = QmixMixer(l.agents, l.state_dim, c.mixing_embed, c.hypernet_embed);
      for (auto& p : mixer->parameters()) params.push_back(p);
    }
    update_targets();
    optimizer = std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(c.lr));
  }

  // target <- tau * online + (1 - tau) * target; tau = 1 is a hard copy.
  void update_targets(double tau = 1.0) {
    torch::NoGradGuard no_grad;
    auto blend = [tau](torch::nn::Module& from, torch::nn::Module& to) {
      auto src = from.parameters();
      auto dst = to.parameters();
      for (size_t i = 0; i < src.size(); ++i) {
        if (tau >= 1.0)
          dst[i].copy_(src[i]);
        else
          dst[i].mul_(1.0 - tau).add_(src[i], tau);
      }
    };
    blend(*net, *target_net);
    if (mixer) blend(*mixer, *target_mixer);
  }

  // [.., agents, obs_dim] -> [.., agents, in_dim] with the one-hot agent id appended
  at::Tensor with_agent_id(const at::Tensor& obs) const {
    if (!config.agent_id) return obs;
    auto sizes = obs.sizes().vec();
    sizes.back() = layout.agents;
    auto ids = torch::eye(layout.agents).expand(sizes);
    return torch::cat({obs, ids}, -1);
  }

  // Q-values over a batch of episodes: obs [B, T1, A, D] -> [B, T1, A, n]
  at::Tensor unroll(AgentQNetwork& network, const at::Tensor& obs) {
    const int64_t B = obs.size(0), T1 = obs.size(1), A = layout.agents;
    // time-major [T1, B*A, in]: every (episode, agent) is one sequence from a zero state
    auto x = with_agent_id(obs).permute({1, 0, 2, 3}).reshape({T1, B * A, in_dim});
    auto q = network->forward_sequence(x);
    return q.view({T1, B, A, layout.actions}).permute({1, 0, 2, 3});
  }

  at::Tensor mix(QmixMixer& m, const at::Tensor& q, const at::Tensor& state) {
    // q [B, T, A], state [B, T, S] -> [B, T, 1] (IQL keeps [B, T, A])
    if (config.mixer == "vdn") return q.sum(2, true);
    if (config.mixer == "qmix") {
      const int64_t B = q.size(0), T = q.size(1);
      return m->forward(q.reshape({B * T, layout.agents}), state.reshape({B * T, layout.state_dim})).view({B, T, 1});
    }
    return q;
  }
};

QLearner::QLearner(const QLearnerConfig& config, const EpisodeLayout& layout, uint64_t seed)
    : impl_(std::make_unique<Impl>(config, layout, seed)) {}
QLearner::~QLearner() = default;

int64_t QLearner::training_steps() const { return impl_->steps; }

void QLearner::reset_hidden(int64_t envs, const uint8_t* done, Slot slot) {
  Impl& m = *impl_;
  if (!m.config.recurrent) return;
  const int64_t rows = envs * m.layout.agents;
  at::Tensor& h = m.hidden[slot];
  if (!done || !h.defined() || h.size(0) != rows) {
    h = torch::zeros({rows, m.config.hidden});
    return;
  }
  float* data = h.data_ptr<float>();
  for (int64_t e = 0; e < envs; ++e)
    if (done[e]) std::fill(data + e * m.layout.agents * m.config.hidden, data + (e + 1) * m.layout.agents * m.config.hidden, 0.0f);
}

void QLearner::act(const float* obs, const int32_t* mask, int64_t envs, double epsilon, Rng& rng, int32_t* actions,
                   Slot slot) {
  Impl& m = *impl_;
  torch::NoGradGuard no_grad;
  const int64_t A = m.layout.agents, D = m.layout.obs_dim, n = m.layout.actions, rows = envs * A;
  // input rows: observation, then the one-hot agent id
  m.input.assign(static_cast<size_t>(rows * m.in_dim), 0.0f);
  for (int64_t r = 0; r < rows; ++r) {
    std::copy(obs + r * D, obs + (r + 1) * D, m.input.begin() + r * m.in_dim);
    if (m.config.agent_id) m.input[static_cast<size_t>(r * m.in_dim + D + r % A)] = 1.0f;
  }
  at::Tensor& h = m.hidden[slot];
  if (m.config.recurrent && (!h.defined() || h.size(0) != rows)) h = torch::zeros({rows, m.config.hidden});
  auto out = m.net->forward(torch::from_blob(m.input.data(), {rows, m.in_dim}), h);
  if (m.config.recurrent) h = out.second;
  auto q = out.first.contiguous();
  const float* qv = q.data_ptr<float>();
  for (int64_t r = 0; r < rows; ++r) {
    const int32_t* legal = mask ? mask + r * n : nullptr;
    if (epsilon > 0 && rng.uniform() < epsilon) {
      int64_t count = 0;
      for (int64_t a = 0; a < n; ++a) count += legal ? legal[a] != 0 : 1;
      int64_t pick = rng.uniform_int(count);
      for (int64_t a = 0; a < n; ++a)
        if ((!legal || legal[a]) && pick-- == 0) {
          actions[r] = static_cast<int32_t>(a);
          break;
        }
      continue;
    }
    int64_t best = -1;
    for (int64_t a = 0; a < n; ++a)
      if ((!legal || legal[a]) && (best < 0 || qv[r * n + a] > qv[r * n + best])) best = a;
    actions[r] = static_cast<int32_t>(best);
  }
}

Metrics QLearner::train(const EpisodeBuffer& buffer, const std::vector<int64_t>& episodes,
                        const StepSelection& selection) {
  Impl& m = *impl_;
  const EpisodeLayout& l = m.layout;
  const EpisodeArrays& s = buffer.storage();
  const int64_t C = buffer.capacity(), L = l.max_len, A = l.agents, n = l.actions;
  // Train on the batch's longest episode rather than the replay's padded
  // length (EPyMARL's max_t_filled): the padding is masked out of the loss
  // anyway, and short episodes make most of it.
  int64_t T = 1;
  for (const int64_t e : episodes) {
    const float* filled = s.filled.data() + e * L;
    int64_t length = 0;
    while (length < L && filled[length] > 0) ++length;
    T = std::max(T, length);
  }
  const int64_t T1 = T + 1;
  auto idx = torch::from_blob(const_cast<int64_t*>(episodes.data()), {static_cast<int64_t>(episodes.size())}, torch::kLong);
  // [C, stored steps, ...] -> the batch's episodes, their first `steps` steps
  auto view = [&](const std::vector<float>& v, int64_t stored, int64_t steps, std::vector<int64_t> shape) {
    shape.insert(shape.begin(), {C, stored});
    return torch::from_blob(const_cast<float*>(v.data()), shape).index_select(0, idx).narrow(1, 0, steps);
  };
  auto obs = view(s.obs, L + 1, T1, {A, l.obs_dim});
  auto state = view(s.state, L + 1, T1, {l.state_dim});
  auto avail = view(s.avail, L + 1, T1, {A, n});
  auto reward = view(s.reward, L, T, {1});
  auto terminated = view(s.terminated, L, T, {1});
  auto filled = view(s.filled, L, T, {1});
  auto mask = filled;
  if (selection.use_flag) mask = mask * (view(s.flag, L, T, {1}) == selection.flag_value).to(torch::kFloat);
  auto actions = torch::from_blob(const_cast<int64_t*>(s.actions.data()), {C, L, A}, torch::kLong)
                     .index_select(0, idx)
                     .narrow(1, 0, T);

  const double mask_sum = mask.sum().item<double>();
  if (mask_sum == 0) return {};
  if (m.config.standardise_rewards) {
    // update the running statistics with this batch's real steps, then standardise
    auto r = reward.masked_select(filled > 0).contiguous();
    m.reward_rms.update(r.data_ptr<float>(), r.numel());
    reward = (reward - m.reward_rms.mean(0)) / m.reward_rms.stddev(0);
  }

  auto q = m.unroll(m.net, obs);                                      // [B, T1, A, n]
  auto chosen = q.slice(1, 0, T).gather(3, actions.unsqueeze(3)).squeeze(3);  // [B, T, A]
  at::Tensor target_chosen;
  {
    torch::NoGradGuard no_grad;
    auto target_q = m.unroll(m.target_net, obs).slice(1, 1, T1);  // [B, T, A, n]
    auto next_avail = avail.slice(1, 1, T1);
    target_q = target_q.masked_fill(next_avail == 0, -1e9);
    if (m.config.double_q) {
      auto best = q.detach().slice(1, 1, T1).masked_fill(next_avail == 0, -1e9).argmax(3, true);
      target_chosen = target_q.gather(3, best).squeeze(3);
    } else {
      target_chosen = std::get<0>(target_q.max(3));
    }
  }
  auto q_tot = m.mix(m.mixer, chosen, state.slice(1, 0, T));
  at::Tensor targets;
  {
    torch::NoGradGuard no_grad;
    auto next_tot = m.mix(m.target_mixer, target_chosen, state.slice(1, 1, T1));
    targets = reward + m.config.gamma * (1 - terminated) * next_tot;
  }
  auto td = (q_tot - targets) * mask;  // mask broadcasts over agents for IQL
  const double denominator = mask_sum * static_cast<double>(q_tot.size(2));
  auto loss = td.pow(2).sum() / denominator;
  m.optimizer->zero_grad();
  loss.backward();
  const double grad_norm = torch::nn::utils::clip_grad_norm_(m.params, m.config.grad_clip);
  m.optimizer->step();
  ++m.steps;
  if (m.config.target_update_tau > 0)
    m.update_targets(m.config.target_update_tau);
  else if (m.steps % m.config.target_update_interval == 0)
    m.update_targets();

  torch::NoGradGuard no_grad;
  const double q_mean = ((q_tot * mask).sum() / denominator).item<double>();
  const double target_mean = ((targets * mask).sum() / denominator).item<double>();
  return {{"losses/td_loss", loss.item<double>()},
          {"losses/grad_norm", grad_norm},
          {"losses/q_taken_mean", q_mean},
          {"losses/target_mean", target_mean}};
}

void QLearner::save(std::ostream& out) const {
  const Impl& m = *impl_;
  write_string(out, "qlearner/1");
  write_pod(out, m.steps);
  m.reward_rms.save(out);
  torch::serialize::OutputArchive archive;
  m.net->save(archive);
  torch::serialize::OutputArchive target;
  m.target_net->save(target);
  archive.write("target_net", target);
  if (m.mixer) {
    torch::serialize::OutputArchive mixer, target_mixer;
    m.mixer->save(mixer);
    m.target_mixer->save(target_mixer);
    archive.write("mixer", mixer);
    archive.write("target_mixer", target_mixer);
  }
  torch::serialize::OutputArchive optimizer;
  m.optimizer->save(optimizer);
  archive.write("optimizer", optimizer);
  // the acting GRU state, so a resumed run continues mid-episode exactly
  if (m.hidden[kBehaviour].defined()) archive.write("behaviour_hidden", m.hidden[kBehaviour]);
  std::ostringstream bytes;
  archive.save_to(bytes);
  write_string(out, bytes.str());
}

void QLearner::load(std::istream& in) {
  Impl& m = *impl_;
  if (read_string(in) != "qlearner/1") throw std::runtime_error("not a Q-learner checkpoint");
  m.steps = read_pod<int64_t>(in);
  m.reward_rms.load(in);
  std::istringstream bytes(read_string(in));
  torch::serialize::InputArchive archive;
  archive.load_from(bytes);
  m.net->load(archive);
  torch::serialize::InputArchive target;
  archive.read("target_net", target);
  m.target_net->load(target);
  if (m.mixer) {
    torch::serialize::InputArchive mixer, target_mixer;
    archive.read("mixer", mixer);
    archive.read("target_mixer", target_mixer);
    m.mixer->load(mixer);
    m.target_mixer->load(target_mixer);
  }
  torch::serialize::InputArchive optimizer;
  archive.read("optimizer", optimizer);
  m.optimizer->load(optimizer);
  at::Tensor hidden;
  if (archive.try_read("behaviour_hidden", hidden)) m.hidden[kBehaviour] = hidden;
}

}  // namespace ember
