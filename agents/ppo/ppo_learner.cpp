#include "agents/ppo/ppo_learner.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include <torch/torch.h>

#include "agents/common/running_mean_std.h"
#include "agents/ppo/ppo_config.h"
#include "agents/ppo/ppo_core.h"
#include "core/binary_io.h"
#include "core/rng.h"
#include "core/vector_env.h"
#include "models/init.h"

namespace ember {

namespace {
constexpr double kHalfLog2Pi = 0.91893853320467274178;
}  // namespace

int ppo_policy_field(const EnvSpec& spec) {
  const int named = spec.field_index("obs");
  if (named >= 0 && spec.observation[named].space.dtype == DType::kFloat32) return named;
  for (size_t i = 0; i < spec.observation.size(); ++i)
    if (spec.observation[i].space.kind == SpaceKind::kBox &&
        spec.observation[i].space.dtype == DType::kFloat32)
      return static_cast<int>(i);
  return -1;
}

struct PpoLearner::Impl {
  Impl(const PpoConfig& config, const EnvSpec& spec, int num_envs, uint64_t seed)
      : config_(config), rng_(derive_seed(seed, "ppo")), eval_rng_(derive_seed(seed, "ppo/eval")) {
    field_ = ppo_policy_field(spec);
    obs_dim_ = spec.observation[field_].space.numel();
    agents_ = spec.num_agents;
    central_critic_ = config_.critic_input == "state";
    state_dim_ = spec.state ? spec.state->numel() : agents_ * obs_dim_;
    env_has_state_ = spec.state.has_value();
    const int64_t id_dim = config_.agent_id ? agents_ : 0;
    actor_dim_ = obs_dim_ + id_dim;
    critic_dim_ = (central_critic_ ? state_dim_ : obs_dim_) + id_dim;
    rows_ = static_cast<int64_t>(num_envs) * agents_;
    continuous_ = spec.action.kind == SpaceKind::kBox;
    action_numel_ = spec.action_numel();
    out_dim_ = continuous_ ? action_numel_ : spec.action.nvec[0];
    if (continuous_) {
      action_low_ = spec.action.low;
      action_high_ = spec.action.high;
    }
    at::Generator gen = make_generator(derive_seed(seed, "ppo/init"));
    model_ = ActorCritic(actor_dim_, critic_dim_, out_dim_, continuous_, config_, gen);
    optimizer_ = std::make_unique<torch::optim::Adam>(
        model_->parameters(), torch::optim::AdamOptions(config_.lr).eps(1e-5));
    obs_rms_ = RunningMeanStd(static_cast<size_t>(obs_dim_));
    state_rms_ = RunningMeanStd(static_cast<size_t>(state_dim_));
    return_rms_ = RunningMeanStd(1);
    discounted_return_.assign(static_cast<size_t>(rows_), 0.0f);

    const auto T = static_cast<size_t>(config_.rollout_length);
    const auto B = static_cast<size_t>(rows_);
    obs_buf_.resize(T * B * static_cast<size_t>(actor_dim_));
    critic_buf_.resize(T * B * static_cast<size_t>(critic_dim_));
    act_buf_.resize(T * B * static_cast<size_t>(action_numel_));
    logp_buf_.resize(T * B);
    value_buf_.resize(T * B);
    reward_buf_.resize(T * B);
    done_buf_.resize(T * B);
    next_critic_.resize(B * static_cast<size_t>(critic_dim_));
    last_obs_.resize(B * static_cast<size_t>(actor_dim_));
    last_critic_.resize(B * static_cast<size_t>(critic_dim_));
    last_action_.resize(B * static_cast<size_t>(action_numel_));
    last_logp_.resize(B);
    last_value_.resize(B);
    mask_buf_.assign(T * B, 1.0f);
    use_legal_ = spec.has_action_mask && !continuous_;
    if (use_legal_) {
      legal_buf_.assign(T * B * static_cast<size_t>(out_dim_), 1.0f);
      last_legal_.assign(B * static_cast<size_t>(out_dim_), 1.0f);
    }
  }


  // ---- acting ----
  void act(const VectorEnv& envs, Mode mode, const ActionBuffer& out) {
    const bool greedy = mode != Mode::kBehaviour;  // evaluation: no statistics, no recording
    torch::NoGradGuard no_grad;
    const int64_t rows = static_cast<int64_t>(envs.num_envs()) * agents_;
    if (!greedy && rows != rows_)
      throw std::logic_error("PPO behaviour policy was built for " + std::to_string(rows_) +
                             " rows, got " + std::to_string(rows));
    std::vector<float>& obs = greedy ? eval_obs_ : last_obs_;
    obs.resize(static_cast<size_t>(rows * actor_dim_));
    if (!greedy && config_.normalize_obs) {
      obs_rms_.update(envs.field_as<float>(field_), rows);
      if (central_critic_) state_rms_.update(state_rows(envs, false), envs.num_envs());
    }
    build_actor_inputs(envs.field_as<float>(field_), rows, obs.data());
    at::Tensor x = torch::from_blob(obs.data(), {rows, actor_dim_});
    at::Tensor head = actor_forward(x, mode, rows).contiguous();
    const float* h = head.data_ptr<float>();
    // the env's legal actions [rows, n] (acting and the update use the same masked distribution)
    legal_ = use_legal_ ? envs.action_mask() : nullptr;
    if (mode == Mode::kGreedy) {
      write_greedy_actions(out, h, rows);
      return;
    }
    if (mode == Mode::kSample) {
      write_sampled_actions(out, h, rows);
      return;
    }
    build_critic_inputs(envs.field_as<float>(field_), state_rows(envs, false), rows, last_critic_.data());
    at::Tensor value = model_->critic->forward(torch::from_blob(last_critic_.data(), {rows, critic_dim_})).contiguous();
    std::copy(value.data_ptr<float>(), value.data_ptr<float>() + rows, last_value_.begin());
    if (continuous_)
      sample_gaussian(out.continuous, h, rows);
    else
      sample_discrete(out.discrete, h, rows);
  }

  // ---- recurrent actor ----
  // The actor's output for this step; a recurrent actor advances the hidden
  // state of `mode` (behaviour and the two evaluation modes keep their own).
  at::Tensor actor_forward(const at::Tensor& x, Mode mode, int64_t rows) {
    if (!model_->recurrent()) return model_->actor_head(x);
    at::Tensor& h = hidden_[static_cast<int>(mode)];
    if (!h.defined() || h.size(0) != rows) h = torch::zeros({rows, model_->rnn_actor->hidden()});
    if (mode == Mode::kBehaviour && t_ == 0) {
      // the rollout starts here: updates replay each row from this state
      initial_hidden_.assign(h.data_ptr<float>(), h.data_ptr<float>() + h.numel());
    }
    auto out = model_->rnn_actor->forward(x, h);
    h = out.second;
    return out.first;
  }

  // Rows of finished episodes start the next one from a zero state.
  void on_step_end(const VectorEnv& envs, Mode mode) {
    at::Tensor& h = hidden_[static_cast<int>(mode)];
    if (!h.defined()) return;
    float* data = h.data_ptr<float>();
    const int64_t H = h.size(1);
    for (int e = 0; e < envs.num_envs(); ++e)
      if (envs.done()[e])
        std::fill(data + static_cast<int64_t>(e) * agents_ * H, data + static_cast<int64_t>(e + 1) * agents_ * H, 0.0f);
  }

  void reset_memory(Mode mode) { hidden_[static_cast<int>(mode)] = at::Tensor(); }

  // ---- network inputs ----
  // The global state rows [envs, state_dim]: the env's state, or (without
  // one) the agents' observations concatenated, current or final.
  const float* state_rows(const VectorEnv& envs, bool final) {
    if (!central_critic_) return nullptr;
    if (env_has_state_) return final ? envs.final_state() : envs.state();
    return static_cast<const float*>(final ? envs.final_field(field_) : envs.field(field_));
  }

  // actor rows: normalised observation, then the one-hot agent id
  void build_actor_inputs(const float* obs, int64_t rows, float* out) const {
    for (int64_t r = 0; r < rows; ++r) {
      float* row = out + r * actor_dim_;
      if (config_.normalize_obs)
        obs_rms_.normalize(obs + r * obs_dim_, row, 1);
      else
        std::copy(obs + r * obs_dim_, obs + (r + 1) * obs_dim_, row);
      append_agent_id(row + obs_dim_, r);
    }
  }

  // critic rows: the agent's observation (IPPO) or its env's global state
  // (MAPPO), normalised, then the one-hot agent id
  void build_critic_inputs(const float* obs, const float* state, int64_t rows, float* out) const {
    const int64_t base = central_critic_ ? state_dim_ : obs_dim_;
    for (int64_t r = 0; r < rows; ++r) {
      float* row = out + r * critic_dim_;
      const float* src = central_critic_ ? state + (r / agents_) * state_dim_ : obs + r * obs_dim_;
      const RunningMeanStd& rms = central_critic_ ? state_rms_ : obs_rms_;
      if (config_.normalize_obs)
        rms.normalize(src, row, 1);
      else
        std::copy(src, src + base, row);
      append_agent_id(row + base, r);
    }
  }

  void append_agent_id(float* out, int64_t row) const {
    if (!config_.agent_id) return;
    std::fill(out, out + agents_, 0.0f);
    out[row % agents_] = 1.0f;
  }

  void sample_discrete(int32_t* out, const float* logits, int64_t rows) {
    sample_categorical(logits, rows, out_dim_, legal_, rng_, out, last_logp_.data());
    for (int64_t r = 0; r < rows; ++r) last_action_[static_cast<size_t>(r)] = static_cast<float>(out[r]);
    if (legal_) std::copy(legal_, legal_ + rows * out_dim_, last_legal_.begin());
  }

  void sample_gaussian(float* out, const float* mean, int64_t rows) {
    const float* log_std = model_->log_std.data_ptr<float>();
    const int64_t d = out_dim_;
    for (int64_t r = 0; r < rows; ++r) {
      double logp = 0.0;
      for (int64_t k = 0; k < d; ++k) {
        const double eps = rng_.normal();
        const double a = mean[r * d + k] + std::exp(log_std[k]) * eps;
        logp += -0.5 * eps * eps - log_std[k] - kHalfLog2Pi;
        last_action_[static_cast<size_t>(r * d + k)] = static_cast<float>(a);
        out[r * d + k] = clip_action(a, k);
      }
      last_logp_[static_cast<size_t>(r)] = static_cast<float>(logp);
    }
  }

  // Evaluation draws from the policy with its own RNG, leaving training state alone.
  void write_sampled_actions(const ActionBuffer& buffer, const float* h, int64_t rows) {
    eval_logp_.resize(static_cast<size_t>(rows));
    if (!continuous_) {
      sample_categorical(h, rows, out_dim_, legal_, eval_rng_, buffer.discrete, eval_logp_.data());
      return;
    }
    const float* log_std = model_->log_std.data_ptr<float>();
    float* out = buffer.continuous;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t k = 0; k < out_dim_; ++k)
        out[r * out_dim_ + k] = clip_action(h[r * out_dim_ + k] + std::exp(log_std[k]) * eval_rng_.normal(), k);
  }

  void write_greedy_actions(const ActionBuffer& buffer, const float* h, int64_t rows) {
    if (continuous_) {
      float* out = buffer.continuous;
      for (int64_t i = 0; i < rows * out_dim_; ++i) out[i] = clip_action(h[i], i % out_dim_);
      return;
    }
    int32_t* out = buffer.discrete;
    for (int64_t r = 0; r < rows; ++r) {
      int64_t best = -1;
      for (int64_t k = 0; k < out_dim_; ++k)
        if ((!legal_ || legal_[r * out_dim_ + k]) && (best < 0 || h[r * out_dim_ + k] > h[r * out_dim_ + best])) best = k;
      out[r] = static_cast<int32_t>(best);
    }
  }

  float clip_action(double a, int64_t k) const {
    const auto lo = static_cast<double>(action_low_[static_cast<size_t>(k)]);
    const auto hi = static_cast<double>(action_high_[static_cast<size_t>(k)]);
    return static_cast<float>(a < lo ? lo : (a > hi ? hi : a));
  }

  // ---- recording the transition of the step being taken ----
  void before_step(const uint8_t* executed) {
    const auto B = static_cast<size_t>(rows_), t = static_cast<size_t>(t_);
    for (size_t r = 0; r < B; ++r)
      mask_buf_[t * B + r] = executed && !executed[r / static_cast<size_t>(agents_)] ? 0.0f : 1.0f;
    masked_ = masked_ || executed != nullptr;
    if (use_legal_)
      std::copy(last_legal_.begin(), last_legal_.end(),
                legal_buf_.begin() + static_cast<long>(t * B * static_cast<size_t>(out_dim_)));
    const auto D = static_cast<size_t>(actor_dim_), A = static_cast<size_t>(action_numel_);
    const auto C = static_cast<size_t>(critic_dim_);
    std::copy(last_obs_.begin(), last_obs_.end(), obs_buf_.begin() + static_cast<long>(t * B * D));
    std::copy(last_critic_.begin(), last_critic_.end(), critic_buf_.begin() + static_cast<long>(t * B * C));
    std::copy(last_action_.begin(), last_action_.end(), act_buf_.begin() + static_cast<long>(t * B * A));
    std::copy(last_logp_.begin(), last_logp_.end(), logp_buf_.begin() + static_cast<long>(t * B));
    std::copy(last_value_.begin(), last_value_.end(), value_buf_.begin() + static_cast<long>(t * B));
  }

  void after_step(const VectorEnv& envs) {
    const auto B = static_cast<size_t>(rows_), t = static_cast<size_t>(t_);
    const float* rewards = envs.rewards();
    const uint8_t* done = envs.done();
    for (size_t r = 0; r < B; ++r) {
      float reward = rewards[r];
      if (config_.normalize_reward) {
        discounted_return_[r] = discounted_return_[r] * static_cast<float>(config_.gamma) + reward;
        return_rms_.update(&discounted_return_[r], 1);
        reward = static_cast<float>(std::clamp(reward / return_rms_.stddev(0), -10.0, 10.0));
      }
      reward_buf_[t * B + r] = reward;
      const bool episode_ended = done[r / static_cast<size_t>(agents_)] != 0;
      done_buf_[t * B + r] = episode_ended ? 1.0f : 0.0f;
      if (episode_ended) discounted_return_[r] = 0.0f;
    }
    bootstrap_truncated(envs, t);
    build_critic_inputs(envs.field_as<float>(field_), state_rows(envs, false), rows_, next_critic_.data());
    ++t_;
  }

  // A truncated episode did not end in the MDP: add gamma * V(final obs) to
  // its last reward, so GAE can treat it as an episode end everywhere else.
  void bootstrap_truncated(const VectorEnv& envs, size_t t) {
    const uint8_t* truncated = envs.truncated();
    std::vector<int64_t> rows;
    for (int i = 0; i < envs.num_envs(); ++i)
      if (truncated[i])
        for (int a = 0; a < agents_; ++a) rows.push_back(static_cast<int64_t>(i) * agents_ + a);
    if (rows.empty()) return;
    // critic inputs of every row from the final observations, then keep the truncated rows
    std::vector<float> all(static_cast<size_t>(rows_ * critic_dim_));
    build_critic_inputs(static_cast<const float*>(envs.final_field(field_)), state_rows(envs, true), rows_,
                        all.data());
    const auto C = static_cast<size_t>(critic_dim_);
    std::vector<float> x(rows.size() * C);
    for (size_t j = 0; j < rows.size(); ++j)
      std::copy(all.begin() + static_cast<long>(static_cast<size_t>(rows[j]) * C),
                all.begin() + static_cast<long>(static_cast<size_t>(rows[j] + 1) * C),
                x.begin() + static_cast<long>(j * C));
    std::vector<float> values = value_of(x, static_cast<int64_t>(rows.size()));
    for (size_t j = 0; j < rows.size(); ++j)
      reward_buf_[t * static_cast<size_t>(rows_) + static_cast<size_t>(rows[j])] +=
          static_cast<float>(config_.gamma) * values[j];
  }

  // Critic values of prepared critic inputs [n, critic_dim].
  std::vector<float> value_of(std::vector<float>& inputs, int64_t n) {
    torch::NoGradGuard no_grad;
    at::Tensor v = model_->critic->forward(torch::from_blob(inputs.data(), {n, critic_dim_})).contiguous();
    return std::vector<float>(v.data_ptr<float>(), v.data_ptr<float>() + n);
  }

  // ---- learning ----
  Metrics update(const TrainProgress& progress) {
    const int64_t T = t_, B = rows_, N = T * B;
    t_ = 0;
    if (T == 0) return {};
    std::vector<float> advantages(static_cast<size_t>(N)), returns(static_cast<size_t>(N));
    const std::vector<float> last_values = value_of(next_critic_, B);
    RolloutView rollout = rollout_view(T);
    rollout.last_values = last_values.data();
    compute_gae(rollout, config_.gamma, config_.gae_lambda, advantages.data(), returns.data());

    double lr = config_.lr;
    if (config_.anneal_lr && progress.total_env_steps > 0)
      lr *= std::max(0.0, 1.0 - static_cast<double>(progress.env_steps) /
                                    static_cast<double>(progress.total_env_steps));
    const Metrics metrics = ppo_optimize(model_, *optimizer_, config_, rollout, advantages.data(),
                                         returns.data(), lr, rng_);
    ++updates_;
    return metrics;
  }

  RolloutView rollout_view(int64_t T) const {
    RolloutView r;
    r.T = T;
    r.B = rows_;
    r.actor_in = obs_buf_.data();
    r.actor_dim = actor_dim_;
    r.critic_in = critic_buf_.data();
    r.critic_dim = critic_dim_;
    r.actions = act_buf_.data();
    r.action_numel = action_numel_;
    r.logp = logp_buf_.data();
    r.values = value_buf_.data();
    r.rewards = reward_buf_.data();
    r.dones = done_buf_.data();
    r.policy_mask = masked_ ? mask_buf_.data() : nullptr;
    r.legal_actions = use_legal_ ? legal_buf_.data() : nullptr;
    if (model_->recurrent()) {
      r.initial_hidden = initial_hidden_.data();
      r.hidden_dim = model_->rnn_actor->hidden();
    }
    return r;
  }

  // ---- checkpoints ----
  void save(std::ostream& out) const {
    write_string(out, "ppo/2");
    write_pod(out, updates_);
    write_rng(out, rng_);
    obs_rms_.save(out);
    state_rms_.save(out);
    return_rms_.save(out);
    write_vector(out, discounted_return_);
    torch::serialize::OutputArchive archive;
    model_->save(archive);
    optimizer_->save(archive);
    if (model_->recurrent() && hidden_[0].defined()) archive.write("behaviour_hidden", hidden_[0]);
    std::ostringstream weights;
    archive.save_to(weights);
    write_string(out, weights.str());
  }

  void load(std::istream& in) {
    if (read_string(in) != "ppo/2") throw std::runtime_error("not a PPO checkpoint of format ppo/2");
    updates_ = read_pod<int64_t>(in);
    read_rng(in, rng_);
    obs_rms_.load(in);
    state_rms_.load(in);
    return_rms_.load(in);
    read_vector(in, discounted_return_);
    std::istringstream weights(read_string(in));
    torch::serialize::InputArchive archive;
    archive.load_from(weights);
    model_->load(archive);
    optimizer_->load(archive);
    at::Tensor hidden;
    if (archive.try_read("behaviour_hidden", hidden)) hidden_[0] = hidden;
  }

  PpoConfig config_;
  Rng rng_;
  Rng eval_rng_;
  int field_ = 0;
  int64_t obs_dim_ = 0, rows_ = 0, action_numel_ = 1, out_dim_ = 0;
  int64_t state_dim_ = 0, actor_dim_ = 0, critic_dim_ = 0;
  bool central_critic_ = false, env_has_state_ = false;
  int agents_ = 1;
  bool continuous_ = false;
  std::vector<float> action_low_, action_high_;
  ActorCritic model_{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer_;
  RunningMeanStd obs_rms_, state_rms_, return_rms_;
  std::vector<float> discounted_return_;

  int64_t t_ = 0, updates_ = 0;
  std::vector<float> obs_buf_, critic_buf_, act_buf_, logp_buf_, value_buf_, reward_buf_, done_buf_, next_critic_;
  std::vector<float> mask_buf_;  // [T, rows] 1 where this learner's action was executed
  bool masked_ = false;          // some step was recorded with an `executed` mask
  bool use_legal_ = false;       // the env declares legal-action masks (Discrete)
  const int32_t* legal_ = nullptr;           // the current step's masks, or null
  std::vector<float> last_legal_, legal_buf_;  // [rows, n] and [T, rows, n]
  at::Tensor hidden_[kPolicyModes];  // recurrent actor state per Mode, [rows, hidden]
  std::vector<float> initial_hidden_;  // the behaviour state at the rollout's start
  std::vector<float> last_obs_, last_critic_, last_action_, last_logp_, last_value_, eval_obs_, eval_logp_;
};

PpoLearner::PpoLearner(const PpoConfig& config, const EnvSpec& spec, int num_envs, uint64_t seed)
    : impl_(std::make_unique<Impl>(config, spec, num_envs, seed)) {}
PpoLearner::~PpoLearner() = default;

void PpoLearner::act(const VectorEnv& envs, Mode mode, const ActionBuffer& out) { impl_->act(envs, mode, out); }
void PpoLearner::on_step_end(const VectorEnv& envs, Mode mode) { impl_->on_step_end(envs, mode); }
void PpoLearner::reset_memory(Mode mode) { impl_->reset_memory(mode); }
void PpoLearner::before_step(const uint8_t* executed) { impl_->before_step(executed); }
void PpoLearner::after_step(const VectorEnv& envs) { impl_->after_step(envs); }
Metrics PpoLearner::update(const TrainProgress& progress) { return impl_->update(progress); }
int64_t PpoLearner::rollout_length() const { return impl_->config_.rollout_length; }
void PpoLearner::save(std::ostream& out) const { impl_->save(out); }
void PpoLearner::load(std::istream& in) { impl_->load(in); }

}  // namespace ember
