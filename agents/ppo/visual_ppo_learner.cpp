#include "agents/ppo/visual_ppo_learner.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <torch/torch.h>

#include "agents/pretrain/pretrained_encoder.h"
#include "agents/ppo/ppo_core.h"
#include "agents/ppo/visual_ppo_config.h"
#include "core/binary_io.h"
#include "core/rng.h"
#include "core/vector_env.h"
#include "models/init.h"
#include "models/visual_actor_critic.h"

namespace ember {

std::string visual_ppo_compatibility(const EnvSpec& spec) {
  const int rgb = spec.field_index("rgb");
  if (rgb < 0) return "visual_ppo needs an observation field 'rgb' (u8 [H, W, 3]); this env has none";
  const Space& image = spec.observation[rgb].space;
  if (image.dtype != DType::kUInt8 || image.shape.size() != 3 || image.shape[2] != 3)
    return "visual_ppo needs 'rgb' as u8 [H, W, 3], got " + std::string(dtype_name(image.dtype)) + " of rank " +
           std::to_string(image.shape.size());
  const int goal = spec.field_index("goal");
  if (goal < 0 || spec.observation[goal].space.dtype != DType::kFloat32)
    return "visual_ppo needs an observation field 'goal' (f32 one-hot of the target); this env has none";
  if (spec.action.kind != SpaceKind::kDiscrete) return "visual_ppo needs Discrete actions";
  return "";
}

namespace {

// Adds the seconds since the last lap to the phase a profile entry names.
class PhaseClock {
 public:
  explicit PhaseClock(VisualPpoProfile* profile) : profile_(profile), last_(std::chrono::steady_clock::now()) {}
  void lap(double VisualPpoProfile::*phase) {
    if (!profile_) return;
    const auto now = std::chrono::steady_clock::now();
    profile_->*phase += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }

 private:
  VisualPpoProfile* profile_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

struct VisualPpoLearner::Impl {
  Impl(const VisualPpoConfig& config, const EnvSpec& spec, int num_envs, uint64_t seed)
      : config_(config),
        rng_(derive_seed(seed, "visual_ppo")),
        eval_seed_(derive_seed(seed, "visual_ppo/eval")),
        eval_rng_(eval_seed_),
        dropout_gen_(make_generator(derive_seed(seed, "visual_ppo/dropout"))) {
    const std::string reason = visual_ppo_compatibility(spec);
    if (!reason.empty()) throw std::invalid_argument(reason);
    rgb_field_ = spec.field_index("rgb");
    goal_field_ = spec.field_index("goal");
    const Space& image = spec.observation[rgb_field_].space;
    height_ = image.shape[0];
    width_ = image.shape[1];
    frame_bytes_ = height_ * width_ * 3;
    num_goals_ = spec.observation[goal_field_].space.numel();
    agents_ = spec.num_agents;
    rows_ = static_cast<int64_t>(num_envs) * agents_;
    T_ = config_.ppo.rollout_length;
    const int64_t sequences = (T_ / config_.bptt_length) * rows_;
    if (sequences < config_.ppo.minibatches)
      throw std::invalid_argument("agent.minibatches (" + std::to_string(config_.ppo.minibatches) + ") exceeds the " +
                                  std::to_string(sequences) +
                                  " training sequences per rollout (rollout_length / bptt_length x envs)");

    VisualActorCriticOptions o;
    o.height = height_;
    o.width = width_;
    o.num_goals = num_goals_;
    o.num_actions = spec.action.nvec[0];
    o.prev_action_dim = config_.prev_action_dim;
    o.hidden = config_.gru_hidden;
    o.codebook = config_.codebook;
    o.codebook_options = {config_.codebook_size, config_.code_dim, config_.codebook_dropout};
    o.encoder.channels = config_.conv_channels;
    num_actions_ = o.num_actions;
    at::Generator gen = make_generator(derive_seed(seed, "visual_ppo/init"));
    model_ = VisualActorCritic(o, gen);
    if (!config_.encoder_checkpoint.empty()) {
      // A frozen encoder: no gradients, so autograd also skips its backward pass.
      load_pretrained_encoder(config_.encoder_checkpoint, config_.conv_channels, height_, width_, model_->encoder());
      for (at::Tensor& p : model_->encoder()->parameters()) p.set_requires_grad(false);
      // Its grid is all the update needs of a frame: encoded once when
      // acting and kept, so no update epoch runs the CNN again.
      frozen_encoder_ = true;
      grid_shape_ = model_->encode(torch::zeros({1, 3, height_, width_})).sizes().vec();
      grid_numel_ = grid_shape_[1] * grid_shape_[2] * grid_shape_[3];
    }
    std::vector<at::Tensor> trainable;
    for (const at::Tensor& p : model_->parameters())
      if (p.requires_grad()) trainable.push_back(p);
    optimizer_ = std::make_unique<torch::optim::Adam>(trainable, torch::optim::AdamOptions(config_.ppo.lr).eps(1e-5));
    for (auto& prev : prev_action_) prev.assign(static_cast<size_t>(rows_), -1);
    for (auto& last : last_action_) last.assign(static_cast<size_t>(rows_), 0);

    const auto TB = static_cast<size_t>(T_ * rows_);
    if (frozen_encoder_) grids_.resize(TB * static_cast<size_t>(grid_numel_));
    else frames_.resize(TB * static_cast<size_t>(frame_bytes_));
    goals_.resize(TB);
    prev_.resize(TB);
    actions_.resize(TB);
    hidden_before_.resize(TB * static_cast<size_t>(config_.gru_hidden));
    logp_.resize(TB);
    values_.resize(TB);
    rewards_.resize(TB);
    dones_.resize(TB);
  }

  // ---- network inputs read in place from the VectorEnv ----
  at::Tensor frames_of(const void* rgb, int64_t rows) const {
    return frames_to_float(
        torch::from_blob(const_cast<void*>(rgb), {rows, height_, width_, 3}, torch::kUInt8));
  }
  at::Tensor grid_of(const void* rgb, int64_t rows) { return model_->encode(frames_of(rgb, rows)); }
  at::Tensor goal_ids_of(const float* goal, int64_t rows) const {
    return torch::from_blob(const_cast<float*>(goal), {rows, num_goals_}).argmax(1);
  }
  at::Tensor& hidden(Mode mode, int64_t rows) {
    at::Tensor& h = hidden_[static_cast<int>(mode)];
    if (!h.defined() || h.size(0) != rows) h = torch::zeros({rows, config_.gru_hidden});
    return h;
  }
  std::vector<int64_t>& prev_actions(Mode mode, int64_t rows) {
    auto& prev = prev_action_[static_cast<int>(mode)];
    if (static_cast<int64_t>(prev.size()) != rows) prev.assign(static_cast<size_t>(rows), -1);
    return prev;
  }

  // ---- acting ----
  void act(const VectorEnv& envs, Mode mode, int32_t* out) {
    torch::NoGradGuard no_grad;
    const int64_t rows = static_cast<int64_t>(envs.num_envs()) * agents_;
    const bool behaviour = mode == Mode::kBehaviour;
    if (behaviour && rows != rows_)
      throw std::logic_error("visual PPO behaviour policy was built for " + std::to_string(rows_) + " rows, got " +
                             std::to_string(rows));
    at::Tensor& h = hidden(mode, rows);
    auto& prev = prev_actions(mode, rows);
    auto goal_ids = goal_ids_of(envs.field_as<float>(goal_field_), rows);
    auto prev_t = torch::from_blob(prev.data(), {rows}, torch::kLong);
    auto grid = grid_of(envs.field(rgb_field_), rows);
    auto x = model_->features(grid, goal_ids, prev_t, behaviour ? &dropout_gen_ : nullptr);
    at::Tensor h_next = model_->recur(x, h);
    auto [logits_t, value_t] = model_->heads(h_next);
    auto logits = logits_t.contiguous();
    const float* l = logits.data_ptr<float>();
    auto& last = last_action_[static_cast<int>(mode)];
    last.resize(static_cast<size_t>(rows));
    if (mode == Mode::kGreedy) {
      for (int64_t r = 0; r < rows; ++r)
        out[r] = static_cast<int32_t>(std::max_element(l + r * num_actions_, l + (r + 1) * num_actions_) -
                                      (l + r * num_actions_));
    } else {
      pending_logp_.resize(static_cast<size_t>(rows));
      sample_categorical(l, rows, num_actions_, nullptr, behaviour ? rng_ : eval_rng_, out, pending_logp_.data());
    }
    std::copy(out, out + rows, last.begin());
    if (behaviour) {
      // what before_step records for this step
      const auto t = static_cast<size_t>(t_), B = static_cast<size_t>(rows_);
      auto values = value_t.contiguous();
      std::copy(values.data_ptr<float>(), values.data_ptr<float>() + rows, values_.begin() + t * B);
      std::copy(pending_logp_.begin(), pending_logp_.end(), logp_.begin() + t * B);
      auto goals = goal_ids.contiguous();
      std::copy(goals.data_ptr<int64_t>(), goals.data_ptr<int64_t>() + rows, goals_.begin() + t * B);
      std::copy(prev.begin(), prev.end(), prev_.begin() + t * B);
      for (int64_t r = 0; r < rows; ++r) actions_[t * B + static_cast<size_t>(r)] = out[r];
      const auto Hd = static_cast<size_t>(config_.gru_hidden);
      std::copy(h.data_ptr<float>(), h.data_ptr<float>() + rows * config_.gru_hidden, hidden_before_.begin() + t * B * Hd);
      if (frozen_encoder_) {
        auto g = grid.contiguous();
        const auto G = static_cast<size_t>(grid_numel_);
        std::copy(g.data_ptr<float>(), g.data_ptr<float>() + rows * grid_numel_, grids_.begin() + t * B * G);
      }
    }
    h = h_next;
  }

  std::vector<float> code_probabilities(const VectorEnv& envs, Mode mode) {
    if (!config_.codebook) throw std::logic_error("visual PPO: code probabilities of a policy without a codebook");
    torch::NoGradGuard no_grad;
    const int64_t rows = static_cast<int64_t>(envs.num_envs()) * agents_;
    auto& prev = prev_actions(mode, rows);
    auto p = model_->code_probabilities(grid_of(envs.field(rgb_field_), rows),
                                        goal_ids_of(envs.field_as<float>(goal_field_), rows),
                                        torch::from_blob(prev.data(), {rows}, torch::kLong))
                 .contiguous();
    return std::vector<float>(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
  }

  // Rows whose episode ended start the next one with a zero state and no previous action.
  void on_step_end(const VectorEnv& envs, Mode mode) {
    const int m = static_cast<int>(mode);
    at::Tensor& h = hidden_[m];
    auto& prev = prev_action_[m];
    const auto& last = last_action_[m];
    if (!h.defined() || prev.size() != last.size()) return;
    float* data = h.data_ptr<float>();
    const int64_t Hd = h.size(1);
    for (size_t r = 0; r < prev.size(); ++r) {
      const bool done = envs.done()[r / static_cast<size_t>(agents_)] != 0;
      prev[r] = done ? -1 : last[r];
      if (done) std::fill(data + static_cast<int64_t>(r) * Hd, data + static_cast<int64_t>(r + 1) * Hd, 0.0f);
    }
  }

  // An evaluation starts from the same sampling stream every time, so its
  // result depends on the weights alone, not on how many evaluations (or
  // process restarts) came before.
  void reset_memory(Mode mode) {
    const int m = static_cast<int>(mode);
    if (mode == Mode::kSample) eval_rng_.seed(eval_seed_);
    hidden_[m] = at::Tensor();
    prev_action_[m].clear();
  }

  // ---- recording ----
  void before_step(const VectorEnv& envs) {
    if (frozen_encoder_) return;  // act() kept the frame's grid
    const auto n = static_cast<size_t>(rows_ * frame_bytes_);
    const auto* rgb = static_cast<const uint8_t*>(envs.field(rgb_field_));
    std::copy(rgb, rgb + n, frames_.begin() + static_cast<long>(static_cast<size_t>(t_) * n));
  }

  void after_step(const VectorEnv& envs) {
    const auto B = static_cast<size_t>(rows_), t = static_cast<size_t>(t_);
    for (size_t r = 0; r < B; ++r) {
      rewards_[t * B + r] = envs.rewards()[r];
      dones_[t * B + r] = envs.done()[r / static_cast<size_t>(agents_)] ? 1.0f : 0.0f;
    }
    bootstrap_truncated(envs, t);
    if (t_ + 1 == T_) keep_next_observation(envs);
    ++t_;
  }

  // The observation the next rollout starts from, for the update's last
  // values (kept once per rollout, not every step).
  void keep_next_observation(const VectorEnv& envs) {
    const auto* rgb = static_cast<const uint8_t*>(envs.field(rgb_field_));
    next_frames_.assign(rgb, rgb + rows_ * frame_bytes_);
    auto goals = goal_ids_of(envs.field_as<float>(goal_field_), rows_).contiguous();
    next_goals_.assign(goals.data_ptr<int64_t>(), goals.data_ptr<int64_t>() + rows_);
  }

  // A truncated episode did not end in the MDP: its last reward gets
  // gamma * V(final observation), the value after one more GRU step from the
  // state that consumed this step (before the reset).
  void bootstrap_truncated(const VectorEnv& envs, size_t t) {
    std::vector<int64_t> rows;
    for (int i = 0; i < envs.num_envs(); ++i)
      if (envs.truncated()[i])
        for (int a = 0; a < agents_; ++a) rows.push_back(static_cast<int64_t>(i) * agents_ + a);
    if (rows.empty()) return;
    torch::NoGradGuard no_grad;
    auto idx = torch::from_blob(rows.data(), {static_cast<int64_t>(rows.size())}, torch::kLong);
    auto final_u8 = torch::from_blob(const_cast<void*>(envs.final_field(rgb_field_)), {rows_, height_, width_, 3},
                                     torch::kUInt8);
    auto frames = frames_to_float(final_u8.index_select(0, idx));
    auto goals = goal_ids_of(static_cast<const float*>(envs.final_field(goal_field_)), rows_).index_select(0, idx);
    auto& last = last_action_[static_cast<int>(Mode::kBehaviour)];
    auto prev_t = torch::from_blob(last.data(), {rows_}, torch::kLong).index_select(0, idx);
    auto h = hidden_[static_cast<int>(Mode::kBehaviour)].index_select(0, idx);
    auto value =
        model_->heads(model_->recur(model_->features(model_->encode(frames), goals, prev_t, nullptr), h)).second.contiguous();
    for (size_t j = 0; j < rows.size(); ++j)
      rewards_[t * static_cast<size_t>(rows_) + static_cast<size_t>(rows[j])] +=
          static_cast<float>(config_.ppo.gamma) * value.data_ptr<float>()[j];
  }

  // V of the observations the next rollout starts from.
  std::vector<float> last_values() {
    torch::NoGradGuard no_grad;
    auto& prev = prev_actions(Mode::kBehaviour, rows_);
    auto x = model_->features(grid_of(next_frames_.data(), rows_), torch::from_blob(next_goals_.data(), {rows_}, torch::kLong),
                              torch::from_blob(prev.data(), {rows_}, torch::kLong), nullptr);
    auto v = model_->heads(model_->recur(x, hidden(Mode::kBehaviour, rows_))).second.contiguous();
    return std::vector<float>(v.data_ptr<float>(), v.data_ptr<float>() + rows_);
  }

  // ---- learning ----
  Metrics update(const TrainProgress& progress) {
    const int64_t T = t_, B = rows_;
    t_ = 0;
    if (T == 0) return {};
    if (T != T_) throw std::logic_error("visual PPO: update after " + std::to_string(T) + " of " + std::to_string(T_) + " steps");
    std::vector<float> advantages(static_cast<size_t>(T * B)), returns(static_cast<size_t>(T * B));
    const std::vector<float> last = last_values();
    RolloutView view;
    view.T = T;
    view.B = B;
    view.values = values_.data();
    view.rewards = rewards_.data();
    view.dones = dones_.data();
    view.last_values = last.data();
    compute_gae(view, config_.ppo.gamma, config_.ppo.gae_lambda, advantages.data(), returns.data());

    double lr = config_.ppo.lr;
    if (config_.ppo.anneal_lr && progress.total_env_steps > 0)
      lr *= std::max(0.0, 1.0 - static_cast<double>(progress.env_steps) / static_cast<double>(progress.total_env_steps));
    for (auto& group : optimizer_->param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);

    Metrics metrics = optimize(advantages, returns, lr);
    ++updates_;
    return metrics;
  }

  Metrics optimize(const std::vector<float>& advantages, const std::vector<float>& returns, double lr) {
    const int64_t T = T_, B = rows_, L = config_.bptt_length, chunks = T / L, S = chunks * B;
    const int64_t per_mb = S / config_.ppo.minibatches, Hd = config_.gru_hidden;
    auto blob = [](const auto* p, std::vector<int64_t> shape, c10::ScalarType type) {
      return torch::from_blob(const_cast<void*>(static_cast<const void*>(p)), shape, type);
    };
    // the recorded frames, or with a frozen encoder their grids
    std::vector<int64_t> grid_all_shape = grid_shape_;
    if (frozen_encoder_) grid_all_shape[0] = T * B;
    auto visual_all = frozen_encoder_ ? blob(grids_.data(), grid_all_shape, torch::kFloat)
                                      : blob(frames_.data(), {T * B, height_, width_, 3}, torch::kUInt8);
    auto goals_all = blob(goals_.data(), {T * B}, torch::kLong);
    auto prev_all = blob(prev_.data(), {T * B}, torch::kLong);
    auto actions_all = blob(actions_.data(), {T * B}, torch::kLong);
    auto hidden_all = blob(hidden_before_.data(), {T * B, Hd}, torch::kFloat);
    auto logp_all = blob(logp_.data(), {T * B}, torch::kFloat);
    auto values_all = blob(values_.data(), {T * B}, torch::kFloat);
    auto adv_all = blob(advantages.data(), {T * B}, torch::kFloat);
    auto ret_all = blob(returns.data(), {T * B}, torch::kFloat);

    PpoLossStats stats;
    std::vector<int64_t> order(static_cast<size_t>(S));
    at::Tensor probe_grid, probe_goals, probe_prev;  // the last minibatch's inputs, for codebook statistics
    bool stop = false;
    for (int64_t epoch = 0; epoch < config_.ppo.epochs && !stop; ++epoch) {
      std::iota(order.begin(), order.end(), 0);
      for (int64_t i = S - 1; i > 0; --i)
        std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(rng_.uniform_int(i + 1))]);
      for (int64_t start = 0; start + per_mb <= S; start += per_mb) {
        PhaseClock clock(profile_);
        // sequence s = (chunk s / B, row s % B); entries time-major [L, per_mb]
        std::vector<int64_t> idx(static_cast<size_t>(L * per_mb)), first(static_cast<size_t>(per_mb));
        std::vector<float> keep(static_cast<size_t>(L * per_mb));
        for (int64_t m = 0; m < per_mb; ++m) {
          const int64_t s = order[static_cast<size_t>(start + m)], chunk = s / B, row = s % B;
          first[static_cast<size_t>(m)] = (chunk * L) * B + row;
          for (int64_t k = 0; k < L; ++k) {
            const int64_t t = chunk * L + k;
            idx[static_cast<size_t>(k * per_mb + m)] = t * B + row;
            // an episode that ended at step t - 1 starts afresh at step t
            keep[static_cast<size_t>(k * per_mb + m)] =
                k > 0 && dones_[static_cast<size_t>((t - 1) * B + row)] > 0 ? 0.0f : 1.0f;
          }
        }
        auto index = torch::from_blob(idx.data(), {L * per_mb}, torch::kLong);
        auto visual = visual_all.index_select(0, index);
        auto grid = frozen_encoder_ ? visual : model_->encode(frames_to_float(visual));
        auto goals = goals_all.index_select(0, index);
        auto prev = prev_all.index_select(0, index);
        auto x = model_->features(grid, goals, prev, &dropout_gen_).view({L, per_mb, -1});
        auto keep_t = torch::from_blob(keep.data(), {L, per_mb, 1});
        auto h = hidden_all.index_select(0, torch::from_blob(first.data(), {per_mb}, torch::kLong));
        std::vector<at::Tensor> states;
        states.reserve(static_cast<size_t>(L));
        for (int64_t k = 0; k < L; ++k) {
          h = model_->recur(x[k], h * keep_t[k]);
          states.push_back(h);
        }
        auto [logits, values] = model_->heads(torch::cat(states, 0));
        PpoMinibatch mb;
        std::tie(mb.new_logp, mb.entropy) = categorical_logp_entropy(logits, actions_all.index_select(0, index), {});
        mb.values = values;
        mb.old_logp = logp_all.index_select(0, index);
        mb.old_values = values_all.index_select(0, index);
        mb.advantages = adv_all.index_select(0, index);
        mb.returns = ret_all.index_select(0, index);
        PpoLoss loss = ppo_minibatch_loss(config_.ppo, mb, stats);
        clock.lap(&VisualPpoProfile::forward_seconds);
        optimizer_->zero_grad();
        loss.total.backward();
        clock.lap(&VisualPpoProfile::backward_seconds);
        if (config_.ppo.max_grad_norm > 0)
          torch::nn::utils::clip_grad_norm_(model_->parameters(), config_.ppo.max_grad_norm);
        optimizer_->step();
        clock.lap(&VisualPpoProfile::optimizer_seconds);
        stats.add(loss);
        probe_grid = grid.detach(), probe_goals = goals, probe_prev = prev;
      }
      if (stats.early_stop(config_.ppo)) stop = true;
    }
    Metrics metrics = stats.metrics(returns.data(), values_.data(), T * B, lr);
    if (config_.codebook && probe_grid.defined()) append_codebook_metrics(probe_grid, probe_goals, probe_prev, metrics);
    return metrics;
  }

  // How many codes carry weight: the mean per-frame entropy of the code
  // probabilities, and the perplexity exp(H) of their average (the number of
  // codes an equal split would use; K when usage is uniform, 1 on collapse).
  void append_codebook_metrics(const at::Tensor& grid, const at::Tensor& goals, const at::Tensor& prev,
                               Metrics& metrics) {
    torch::NoGradGuard no_grad;
    auto p = model_->code_probabilities(grid, goals, prev);
    auto entropy = -(p * p.clamp_min(1e-12).log()).sum(1).mean().item<double>();
    auto mean_p = p.mean(0);
    auto perplexity = std::exp(-(mean_p * mean_p.clamp_min(1e-12).log()).sum().item<double>());
    metrics.emplace_back("codebook/entropy", entropy);
    metrics.emplace_back("codebook/perplexity", perplexity);
  }

  // ---- checkpoints ----
  void save(std::ostream& out) const {
    write_string(out, "visual_ppo/2");
    write_pod(out, updates_);
    write_rng(out, rng_);
    write_vector(out, prev_action_[0]);
    torch::serialize::OutputArchive archive;
    model_->save(archive);
    optimizer_->save(archive);
    archive.write("dropout_generator", dropout_gen_.get_state());
    if (hidden_[0].defined()) archive.write("behaviour_hidden", hidden_[0]);
    std::ostringstream weights;
    archive.save_to(weights);
    write_string(out, weights.str());
  }

  void load(std::istream& in) {
    // visual_ppo/1 also held the evaluation RNG, which is now reseeded at
    // every evaluation start (reset_memory): read and dropped.
    const std::string format = read_string(in);
    if (format != "visual_ppo/1" && format != "visual_ppo/2")
      throw std::runtime_error("not a visual PPO checkpoint (format '" + format + "', expected visual_ppo/2)");
    updates_ = read_pod<int64_t>(in);
    read_rng(in, rng_);
    if (format == "visual_ppo/1") {
      Rng dropped;
      read_rng(in, dropped);
    }
    read_vector(in, prev_action_[0]);
    std::istringstream weights(read_string(in));
    torch::serialize::InputArchive archive;
    archive.load_from(weights);
    model_->load(archive);
    optimizer_->load(archive);
    at::Tensor state;
    archive.read("dropout_generator", state);
    dropout_gen_.set_state(state);
    at::Tensor hidden;
    if (archive.try_read("behaviour_hidden", hidden)) hidden_[0] = hidden;
  }

  VisualPpoConfig config_;
  Rng rng_;
  uint64_t eval_seed_;
  Rng eval_rng_;
  at::Generator dropout_gen_;
  int rgb_field_ = 0, goal_field_ = 0, agents_ = 1;
  int64_t height_ = 0, width_ = 0, frame_bytes_ = 0, num_goals_ = 0, num_actions_ = 0, rows_ = 0, T_ = 0;
  VisualActorCritic model_{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer_;

  // per policy mode: GRU state [rows, hidden], previous action (-1 = none), the action just taken
  at::Tensor hidden_[kPolicyModes];
  std::vector<int64_t> prev_action_[kPolicyModes];
  std::vector<int64_t> last_action_[kPolicyModes];
  std::vector<float> pending_logp_;

  // the rollout, [T, rows, ...] flat
  int64_t t_ = 0, updates_ = 0;
  bool frozen_encoder_ = false;
  std::vector<int64_t> grid_shape_;  // [1, C, h, w] of one frame's grid (frozen encoder only)
  int64_t grid_numel_ = 0;
  std::vector<uint8_t> frames_;  // [T, rows, H, W, 3], or, with a frozen encoder,
  std::vector<float> grids_;     // [T, rows, C, h, w] instead
  std::vector<int64_t> goals_, prev_, actions_;
  std::vector<float> hidden_before_, logp_, values_, rewards_, dones_;
  std::vector<uint8_t> next_frames_;
  std::vector<int64_t> next_goals_;
  VisualPpoProfile* profile_ = nullptr;
};

VisualPpoLearner::VisualPpoLearner(const VisualPpoConfig& config, const EnvSpec& spec, int num_envs, uint64_t seed)
    : impl_(std::make_unique<Impl>(config, spec, num_envs, seed)) {}
VisualPpoLearner::~VisualPpoLearner() = default;

void VisualPpoLearner::act(const VectorEnv& envs, Mode mode, const ActionBuffer& out) {
  impl_->act(envs, mode, out.discrete);
}
void VisualPpoLearner::on_step_end(const VectorEnv& envs, Mode mode) { impl_->on_step_end(envs, mode); }
void VisualPpoLearner::reset_memory(Mode mode) { impl_->reset_memory(mode); }
void VisualPpoLearner::before_step(const VectorEnv& envs) { impl_->before_step(envs); }
void VisualPpoLearner::after_step(const VectorEnv& envs) { impl_->after_step(envs); }
Metrics VisualPpoLearner::update(const TrainProgress& progress) { return impl_->update(progress); }
int64_t VisualPpoLearner::rollout_length() const { return impl_->T_; }
void VisualPpoLearner::save(std::ostream& out) const { impl_->save(out); }
void VisualPpoLearner::load(std::istream& in) { impl_->load(in); }
std::vector<float> VisualPpoLearner::code_probabilities(const VectorEnv& envs, Mode mode) {
  return impl_->code_probabilities(envs, mode);
}
void VisualPpoLearner::set_profile(VisualPpoProfile* profile) { impl_->profile_ = profile; }
int64_t VisualPpoLearner::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : impl_->model_->parameters())
    if (p.requires_grad()) n += p.numel();
  return n;
}

}  // namespace ember
