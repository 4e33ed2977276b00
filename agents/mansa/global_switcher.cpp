#include "agents/mansa/global_switcher.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <torch/torch.h>

#include "agents/ppo/ppo_core.h"
#include "core/binary_io.h"
#include "core/rng.h"
#include "core/vector_env.h"
#include "models/init.h"

namespace ember {

namespace {

// Global's PPO settings (mansa.md §3.7 defaults).
PpoConfig switch_config(const SwitcherConfig& s) {
  PpoConfig c;
  c.lr = s.lr;
  c.anneal_lr = false;
  c.epochs = s.epochs;
  c.minibatches = s.minibatches;
  c.gamma = s.gamma;
  c.gae_lambda = 0.95;
  c.clip = 0.2;
  c.ent_coef = s.ent_coef;
  c.vf_coef = 0.5;
  c.max_grad_norm = 0.5;
  c.hidden = {s.hidden, s.hidden};
  return c;
}

}  // namespace

struct GlobalSwitcher::Impl {
  PpoConfig config;
  int num_envs = 0, obs_field = 0;
  int64_t agents = 1, state_dim = 0, input_dim = 0, budget = 0;
  bool env_has_state = false;
  double cost = 0;
  bool random_control = false;
  double random_cl_probability = 0;
  Rng switch_rng;
  ActorCritic model{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer;

  // the current step's decisions
  std::vector<float> input, logp, value;
  std::vector<int32_t> g;
  std::vector<uint8_t> g_bytes;
  std::vector<double> budget_left, eval_budget_left;
  // the training rollout [T, N]
  int64_t t = 0;
  std::vector<float> in_buf, g_buf, logp_buf, value_buf, reward_buf, done_buf, next_input;
  int64_t window_cl_steps = 0, window_steps = 0, eval_cl_steps = 0, eval_steps = 0;

  Impl(const SwitcherConfig& s, int64_t rollout_length, const EnvSpec& spec, int n, uint64_t seed)
      : config(switch_config(s)), num_envs(n), switch_rng(derive_seed(seed, "mansa/switch")) {
    obs_field = std::max(0, spec.field_index("obs"));
    agents = spec.num_agents;
    env_has_state = spec.state.has_value();
    state_dim = env_has_state ? spec.state->numel() : agents * spec.observation[static_cast<size_t>(obs_field)].space.numel();
    cost = s.cost;
    budget = s.budget;
    random_control = s.policy == "random";
    random_cl_probability = s.random_cl_probability;
    input_dim = state_dim + (budget > 0 ? 1 : 0);
    at::Generator gen = make_generator(derive_seed(seed, "mansa/switch-init"));
    model = ActorCritic(input_dim, input_dim, 2, false, config, gen);
    optimizer = std::make_unique<torch::optim::Adam>(model->parameters(), torch::optim::AdamOptions(config.lr).eps(1e-5));
    const auto N = static_cast<size_t>(n), T = static_cast<size_t>(rollout_length);
    const auto I = static_cast<size_t>(input_dim);
    in_buf.resize(T * N * I);
    g_buf.resize(T * N);
    logp_buf.resize(T * N);
    value_buf.resize(T * N);
    reward_buf.resize(T * N);
    done_buf.resize(T * N);
    next_input.resize(N * I);
    budget_left.assign(N, static_cast<double>(budget));
  }

  // Global's input per env: the global state (+ the share of the CL budget left).
  void inputs(const VectorEnv& envs, bool final, const std::vector<double>& left, float* out) const {
    const float* state = env_has_state ? (final ? envs.final_state() : envs.state())
                                       : static_cast<const float*>(final ? envs.final_field(obs_field)
                                                                         : envs.field(obs_field));
    for (int e = 0; e < envs.num_envs(); ++e) {
      std::copy(state + e * state_dim, state + (e + 1) * state_dim, out + e * input_dim);
      if (budget > 0) out[e * input_dim + state_dim] = static_cast<float>(left[static_cast<size_t>(e)] / budget);
    }
  }

  const std::vector<int32_t>& decide(const VectorEnv& envs, PolicyMode mode, Rng& eval_rng) {
    torch::NoGradGuard no_grad;
    const int N = envs.num_envs();
    const bool evaluation = mode != PolicyMode::kBehaviour;
    std::vector<double>& left = evaluation ? eval_budget_left : budget_left;
    if (left.size() != static_cast<size_t>(N)) left.assign(static_cast<size_t>(N), static_cast<double>(budget));
    input.resize(static_cast<size_t>(N * input_dim));
    inputs(envs, false, left, input.data());
    auto x = torch::from_blob(input.data(), {N, input_dim});
    auto logits = model->actor->forward(x).contiguous();
    std::vector<int32_t> legal(static_cast<size_t>(N) * 2, 1);
    for (int e = 0; e < N; ++e)
      if (budget > 0 && left[static_cast<size_t>(e)] <= 0) legal[static_cast<size_t>(e) * 2 + 1] = 0;
    g.resize(static_cast<size_t>(N));
    logp.resize(static_cast<size_t>(N));
    if (random_control) {
      // the control: CL acts with a fixed probability, whatever the state
      Rng& rng = evaluation ? eval_rng : switch_rng;
      for (int e = 0; e < N; ++e)
        g[static_cast<size_t>(e)] = legal[static_cast<size_t>(e) * 2 + 1] && rng.uniform() < random_cl_probability;
      std::fill(logp.begin(), logp.end(), 0.0f);
      value.assign(static_cast<size_t>(N), 0.0f);
    } else if (mode == PolicyMode::kGreedy) {
      const float* l = logits.data_ptr<float>();
      for (int e = 0; e < N; ++e)
        g[static_cast<size_t>(e)] = legal[static_cast<size_t>(e) * 2 + 1] && l[e * 2 + 1] > l[e * 2];
    } else if (mode == PolicyMode::kSample) {
      sample_categorical(logits.data_ptr<float>(), N, 2, legal.data(), eval_rng, g.data(), logp.data());
    } else {
      sample_categorical(logits.data_ptr<float>(), N, 2, legal.data(), switch_rng, g.data(), logp.data());
      auto v = model->critic->forward(x).contiguous();
      value.assign(v.data_ptr<float>(), v.data_ptr<float>() + N);
    }
    g_bytes.assign(g.begin(), g.end());
    for (int e = 0; e < N; ++e) {
      const bool cl = g[static_cast<size_t>(e)] != 0;
      if (cl) left[static_cast<size_t>(e)] -= 1;
      if (evaluation) {
        eval_cl_steps += cl;
        ++eval_steps;
      }
    }
    return g;
  }

  void before_step() {
    const auto N = static_cast<size_t>(num_envs), step = static_cast<size_t>(t), I = static_cast<size_t>(input_dim);
    std::copy(input.begin(), input.end(), in_buf.begin() + static_cast<long>(step * N * I));
    for (size_t e = 0; e < N; ++e) {
      g_buf[step * N + e] = static_cast<float>(g[e]);
      logp_buf[step * N + e] = logp[e];
      value_buf[step * N + e] = value[e];
    }
  }

  void after_step(const VectorEnv& envs) {
    const auto N = static_cast<size_t>(num_envs), step = static_cast<size_t>(t), A = static_cast<size_t>(agents);
    const bool shared = envs.spec().team_reward == TeamReward::kShared;
    std::vector<int64_t> truncated;
    for (size_t e = 0; e < N; ++e) {
      double team = 0;
      if (shared) {
        team = envs.rewards()[e * A];
      } else {
        for (size_t a = 0; a < A; ++a) team += envs.rewards()[e * A + a];
      }
      // Global's reward: the team reward minus the cost of calling CL
      reward_buf[step * N + e] = static_cast<float>(team - cost * static_cast<double>(g[e]));
      done_buf[step * N + e] = envs.done()[e] ? 1.0f : 0.0f;
      if (envs.truncated()[e]) truncated.push_back(static_cast<int64_t>(e));
      window_cl_steps += g[e];
      ++window_steps;
    }
    if (!truncated.empty()) {
      // bootstrap Global's value through truncation from the final state
      std::vector<float> final_in(N * static_cast<size_t>(input_dim));
      inputs(envs, true, budget_left, final_in.data());
      torch::NoGradGuard no_grad;
      auto v = model->critic->forward(torch::from_blob(final_in.data(), {num_envs, input_dim})).contiguous();
      for (int64_t e : truncated)
        reward_buf[step * N + static_cast<size_t>(e)] += static_cast<float>(config.gamma) * v.data_ptr<float>()[e];
    }
    ++t;
  }

  void on_step_end(const VectorEnv& envs, bool evaluation) {
    std::vector<double>& left = evaluation ? eval_budget_left : budget_left;
    for (int e = 0; e < envs.num_envs(); ++e)
      if (envs.done()[e]) left[static_cast<size_t>(e)] = static_cast<double>(budget);
    if (!evaluation) inputs(envs, false, budget_left, next_input.data());
  }

  Metrics train(Rng& rng) {
    const int64_t T = t;
    t = 0;
    if (T == 0 || random_control) return {};
    const int64_t N = num_envs;
    std::vector<float> last_values(static_cast<size_t>(N));
    {
      // V of the state after the last step (budgets as they stand now)
      torch::NoGradGuard no_grad;
      auto v = model->critic->forward(torch::from_blob(next_input.data(), {N, input_dim})).contiguous();
      std::copy(v.data_ptr<float>(), v.data_ptr<float>() + N, last_values.begin());
    }
    RolloutView r;
    r.T = T;
    r.B = N;
    r.actor_in = r.critic_in = in_buf.data();
    r.actor_dim = r.critic_dim = input_dim;
    r.actions = g_buf.data();
    r.logp = logp_buf.data();
    r.values = value_buf.data();
    r.rewards = reward_buf.data();
    r.dones = done_buf.data();
    r.last_values = last_values.data();
    std::vector<float> adv(static_cast<size_t>(T * N)), ret(static_cast<size_t>(T * N));
    compute_gae(r, config.gamma, config.gae_lambda, adv.data(), ret.data());
    return ppo_optimize(model, *optimizer, config, r, adv.data(), ret.data(), config.lr, rng);
  }
};

GlobalSwitcher::GlobalSwitcher(const SwitcherConfig& config, int64_t rollout_length, const EnvSpec& spec,
                               int num_envs, uint64_t seed)
    : impl_(std::make_unique<Impl>(config, rollout_length, spec, num_envs, seed)) {}
GlobalSwitcher::~GlobalSwitcher() = default;

const std::vector<int32_t>& GlobalSwitcher::decide(const VectorEnv& envs, PolicyMode mode, Rng& eval_rng) {
  return impl_->decide(envs, mode, eval_rng);
}
const std::vector<uint8_t>& GlobalSwitcher::cl_acts() const { return impl_->g_bytes; }
void GlobalSwitcher::before_step() { impl_->before_step(); }
void GlobalSwitcher::after_step(const VectorEnv& envs) { impl_->after_step(envs); }
void GlobalSwitcher::on_step_end(const VectorEnv& envs, bool evaluation) { impl_->on_step_end(envs, evaluation); }

void GlobalSwitcher::reset_evaluation(int num_envs) {
  impl_->eval_budget_left.assign(static_cast<size_t>(num_envs), static_cast<double>(impl_->budget));
  impl_->eval_cl_steps = impl_->eval_steps = 0;
}

Metrics GlobalSwitcher::train(Rng& rng) { return impl_->train(rng); }

double GlobalSwitcher::take_window_cl_fraction() {
  const double f = impl_->window_steps ? static_cast<double>(impl_->window_cl_steps) /
                                             static_cast<double>(impl_->window_steps)
                                       : NAN;
  impl_->window_cl_steps = impl_->window_steps = 0;
  return f;
}

double GlobalSwitcher::evaluation_cl_fraction() const {
  return impl_->eval_steps ? static_cast<double>(impl_->eval_cl_steps) / static_cast<double>(impl_->eval_steps) : NAN;
}

void GlobalSwitcher::save(std::ostream& out) const {
  const Impl& m = *impl_;
  write_string(out, "mansa-global/1");
  write_pod(out, m.window_cl_steps);
  write_pod(out, m.window_steps);
  write_vector(out, m.budget_left);
  write_rng(out, m.switch_rng);
  torch::serialize::OutputArchive archive;
  m.model->save(archive);
  torch::serialize::OutputArchive optimizer;
  m.optimizer->save(optimizer);
  archive.write("optimizer", optimizer);
  std::ostringstream bytes;
  archive.save_to(bytes);
  write_string(out, bytes.str());
}

void GlobalSwitcher::load(std::istream& in) {
  if (read_string(in) != "mansa-global/1") throw std::runtime_error("not a MANSA switching-agent checkpoint");
  const auto window_cl_steps = read_pod<int64_t>(in);
  const auto window_steps = read_pod<int64_t>(in);
  std::vector<double> budget_left(impl_->budget_left.size());
  read_vector(in, budget_left);
  const std::string rng = read_string(in);
  const std::string archive = read_string(in);
  restore(window_cl_steps, window_steps, budget_left, rng, archive);
}

void GlobalSwitcher::restore(int64_t window_cl_steps, int64_t window_steps, const std::vector<double>& budget_left,
                             const std::string& rng_state, const std::string& network_archive) {
  Impl& m = *impl_;
  if (budget_left.size() != m.budget_left.size())
    throw std::runtime_error("MANSA checkpoint holds " + std::to_string(budget_left.size()) + " envs, this run has " +
                             std::to_string(m.budget_left.size()));
  m.window_cl_steps = window_cl_steps;
  m.window_steps = window_steps;
  m.budget_left = budget_left;
  std::istringstream rng(rng_state);
  m.switch_rng.load(rng);
  std::istringstream bytes(network_archive);
  torch::serialize::InputArchive archive;
  archive.load_from(bytes);
  m.model->load(archive);
  torch::serialize::InputArchive optimizer;
  archive.read("optimizer", optimizer);
  m.optimizer->load(optimizer);
}

}  // namespace ember
