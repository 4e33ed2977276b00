#include "agents/mansa/mansa_agent.h"

#include <cmath>
#include <sstream>

#include <torch/torch.h>

#include "agents/mansa/mansa_pg_agent.h"
#include "agents/ppo/ppo_core.h"
#include "agents/qlearning/episode_buffer.h"
#include "agents/qlearning/q_agent.h"
#include "agents/qlearning/q_learner.h"
#include "core/binary_io.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "models/init.h"

namespace ember {

namespace {

// A learner's config: the registered defaults of its id (iql, qmix, vdn),
// with MANSA's shared exploration/replay settings applied by the caller.
QLearnerConfig learner_config(const std::string& id, int64_t hidden) {
  Params p = Params::defaults(qlearning_param_specs(id));
  QLearnerConfig c = QLearnerConfig::from_params(p);
  c.mixer = id == "iql" ? "none" : id;
  if (hidden > 0) c.hidden = hidden;
  return c;
}

// Global's PPO settings (mansa.md §3.7 defaults; the width follows the base learners').
PpoConfig switch_config(const Params& p) {
  PpoConfig c;
  c.lr = p.get_float("switch_lr");
  c.anneal_lr = false;
  c.epochs = p.get_int("switch_epochs");
  c.minibatches = p.get_int("switch_minibatches");
  c.gamma = p.get_float("switch_gamma");
  c.gae_lambda = 0.95;
  c.clip = 0.2;
  c.ent_coef = p.get_float("switch_ent_coef");
  c.vf_coef = 0.5;
  c.max_grad_norm = 0.5;
  c.hidden = {p.get_int("switch_hidden"), p.get_int("switch_hidden")};
  return c;
}

double epsilon_at(int64_t env_steps, const Params& p) {
  const int64_t anneal = p.get_int("epsilon_anneal_steps");
  const double start = p.get_float("epsilon_start"), finish = p.get_float("epsilon_finish");
  if (anneal <= 0) return finish;
  return start + std::min(1.0, static_cast<double>(env_steps) / static_cast<double>(anneal)) * (finish - start);
}

class MansaAgent;

class MansaPolicy : public Policy {
 public:
  MansaPolicy(MansaAgent& agent, bool greedy) : agent_(agent), greedy_(greedy) {}
  void act(VectorEnv& envs) override;
  void on_step_end(const VectorEnv& envs) override;
  void reset_memory(int num_envs) override;

 private:
  MansaAgent& agent_;
  bool greedy_;
};

class MansaAgent : public Agent, public Sink {
 public:
  explicit MansaAgent(const AgentContext& ctx)
      : params_(ctx.params),
        layout_(EpisodeLayout::from_spec(ctx.spec, ctx.spec.max_episode_steps)),
        il_(learner_config(ctx.params.get_string("il"), ctx.params.get_int("learner_hidden")), layout_,
            derive_seed(ctx.seed, "mansa/il")),
        cl_(learner_config(ctx.params.get_string("cl"), ctx.params.get_int("learner_hidden")), layout_,
            derive_seed(ctx.seed, "mansa/cl")),
        buffer_(ctx.spec, layout_, ctx.params.get_int("buffer_size"), ctx.num_envs),
        switch_config_(switch_config(ctx.params)),
        explore_rng_(derive_seed(ctx.seed, "mansa/explore")),
        sample_rng_(derive_seed(ctx.seed, "mansa/sample")),
        switch_rng_(derive_seed(ctx.seed, "mansa/switch")),
        eval_rng_(derive_seed(ctx.seed, "mansa/eval")),
        behaviour_(*this, false),
        greedy_(*this, true) {
    num_envs_ = ctx.num_envs;
    obs_field_ = std::max(0, ctx.spec.field_index("obs"));
    has_mask_ = ctx.spec.has_action_mask;
    env_has_state_ = ctx.spec.state.has_value();
    cost_ = params_.get_float("switch_cost");
    random_switch_ = params_.get_string("switch_policy") == "random";
    random_cl_probability_ = params_.get_float("random_cl_probability");
    budget_ = params_.get_int("budget");
    switch_in_ = layout_.state_dim + (budget_ > 0 ? 1 : 0);
    at::Generator gen = make_generator(derive_seed(ctx.seed, "mansa/switch-init"));
    switcher_ = ActorCritic(switch_in_, switch_in_, 2, false, switch_config_, gen);
    switch_optimizer_ = std::make_unique<torch::optim::Adam>(switcher_->parameters(),
                                                             torch::optim::AdamOptions(switch_config_.lr).eps(1e-5));
    const auto N = static_cast<size_t>(num_envs_), T = static_cast<size_t>(rollout_length());
    const auto I = static_cast<size_t>(switch_in_);
    in_buf_.resize(T * N * I);
    g_buf_.resize(T * N);
    logp_buf_.resize(T * N);
    value_buf_.resize(T * N);
    reward_buf_.resize(T * N);
    done_buf_.resize(T * N);
    next_in_.resize(N * I);
    budget_left_.assign(N, static_cast<double>(budget_));
  }

  Policy& behaviour_policy() override { return behaviour_; }
  Policy& greedy_policy() override { return greedy_; }
  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return params_.get_int("rollout_length"); }

  Metrics evaluation_metrics() const override {
    return {{"cl_fraction", eval_steps_ ? static_cast<double>(eval_cl_steps_) / static_cast<double>(eval_steps_) : NAN}};
  }

  // ---- acting ----
  // Global's input per env: the global state (+ the share of the CL budget left).
  void switch_inputs(const VectorEnv& envs, bool final, const std::vector<double>& budget_left, float* out) const {
    const int64_t S = layout_.state_dim;
    const float* state = env_has_state_ ? (final ? envs.final_state() : envs.state())
                                        : static_cast<const float*>(final ? envs.final_field(obs_field_)
                                                                          : envs.field(obs_field_));
    for (int e = 0; e < envs.num_envs(); ++e) {
      std::copy(state + e * S, state + (e + 1) * S, out + e * switch_in_);
      if (budget_ > 0) out[e * switch_in_ + S] = static_cast<float>(budget_left[static_cast<size_t>(e)] / budget_);
    }
  }

  void act(VectorEnv& envs, bool greedy) {
    torch::NoGradGuard no_grad;
    const int N = envs.num_envs();
    const int64_t A = layout_.agents;
    std::vector<double>& budget_left = greedy ? eval_budget_left_ : budget_left_;
    if (budget_left.size() != static_cast<size_t>(N)) budget_left.assign(static_cast<size_t>(N), static_cast<double>(budget_));

    // 1. Global decides, per env, whether CL acts
    last_in_.resize(static_cast<size_t>(N * switch_in_));
    switch_inputs(envs, false, budget_left, last_in_.data());
    auto x = torch::from_blob(last_in_.data(), {N, switch_in_});
    auto logits = switcher_->actor->forward(x).contiguous();
    std::vector<int32_t> legal(static_cast<size_t>(N) * 2, 1);
    for (int e = 0; e < N; ++e)
      if (budget_ > 0 && budget_left[static_cast<size_t>(e)] <= 0) legal[static_cast<size_t>(e) * 2 + 1] = 0;
    last_g_.resize(static_cast<size_t>(N));
    last_logp_.resize(static_cast<size_t>(N));
    if (random_switch_) {
      // the control: CL acts with a fixed probability, whatever the state
      Rng& rng = greedy ? eval_rng_ : switch_rng_;
      for (int e = 0; e < N; ++e)
        last_g_[static_cast<size_t>(e)] =
            legal[static_cast<size_t>(e) * 2 + 1] && rng.uniform() < random_cl_probability_;
      std::fill(last_logp_.begin(), last_logp_.end(), 0.0f);
      last_value_.assign(static_cast<size_t>(N), 0.0f);
    } else if (greedy) {
      const float* l = logits.data_ptr<float>();
      for (int e = 0; e < N; ++e)
        last_g_[static_cast<size_t>(e)] = legal[static_cast<size_t>(e) * 2 + 1] && l[e * 2 + 1] > l[e * 2];
    } else {
      sample_categorical(logits.data_ptr<float>(), N, 2, legal.data(), switch_rng_, last_g_.data(), last_logp_.data());
      auto v = switcher_->critic->forward(x).contiguous();
      last_value_.assign(v.data_ptr<float>(), v.data_ptr<float>() + N);
    }

    // 2. both learners compute their joint actions (keeping both recurrent
    // states current); the chosen one is sent to the env
    const auto* obs = static_cast<const float*>(envs.field(obs_field_));
    const int32_t* mask = has_mask_ ? envs.action_mask() : nullptr;
    const double eps = greedy ? 0.0 : epsilon_at(env_steps_, params_);
    Rng& rng = greedy ? eval_rng_ : explore_rng_;
    const QLearner::Slot slot = greedy ? QLearner::kEval : QLearner::kBehaviour;
    il_actions_.resize(static_cast<size_t>(N * A));
    cl_actions_.resize(static_cast<size_t>(N * A));
    il_.act(obs, mask, N, eps, rng, il_actions_.data(), slot);
    cl_.act(obs, mask, N, eps, rng, cl_actions_.data(), slot);
    int32_t* out = envs.discrete_actions();
    std::vector<float> flags(static_cast<size_t>(N));
    for (int e = 0; e < N; ++e) {
      const bool use_cl = last_g_[static_cast<size_t>(e)] != 0;
      const std::vector<int32_t>& src = use_cl ? cl_actions_ : il_actions_;
      std::copy(src.begin() + e * A, src.begin() + (e + 1) * A, out + e * A);
      flags[static_cast<size_t>(e)] = use_cl ? 1.0f : 0.0f;
      if (use_cl) budget_left[static_cast<size_t>(e)] -= 1;
      if (greedy) {
        eval_cl_steps_ += use_cl;
        ++eval_steps_;
      }
    }
    if (!greedy) buffer_.set_step_flags(flags);
  }

  void reset_hidden(const VectorEnv& envs, bool greedy) {
    const QLearner::Slot slot = greedy ? QLearner::kEval : QLearner::kBehaviour;
    il_.reset_hidden(envs.num_envs(), envs.done(), slot);
    cl_.reset_hidden(envs.num_envs(), envs.done(), slot);
    std::vector<double>& budget_left = greedy ? eval_budget_left_ : budget_left_;
    for (int e = 0; e < envs.num_envs(); ++e)
      if (envs.done()[e]) budget_left[static_cast<size_t>(e)] = static_cast<double>(budget_);
  }

  void reset_all(int num_envs, bool greedy) {
    const QLearner::Slot slot = greedy ? QLearner::kEval : QLearner::kBehaviour;
    il_.reset_hidden(num_envs, nullptr, slot);
    cl_.reset_hidden(num_envs, nullptr, slot);
    if (greedy) {
      eval_budget_left_.assign(static_cast<size_t>(num_envs), static_cast<double>(budget_));
      eval_cl_steps_ = eval_steps_ = 0;
    }
  }

  // ---- Sink ----
  void before_step(const VectorEnv& envs) override {
    buffer_.before_step(envs);
    const auto N = static_cast<size_t>(num_envs_), t = static_cast<size_t>(t_), I = static_cast<size_t>(switch_in_);
    std::copy(last_in_.begin(), last_in_.end(), in_buf_.begin() + static_cast<long>(t * N * I));
    for (size_t e = 0; e < N; ++e) {
      g_buf_[t * N + e] = static_cast<float>(last_g_[e]);
      logp_buf_[t * N + e] = last_logp_[e];
      value_buf_[t * N + e] = last_value_[e];
    }
  }

  void after_step(const VectorEnv& envs) override {
    buffer_.after_step(envs);
    const auto N = static_cast<size_t>(num_envs_), t = static_cast<size_t>(t_);
    const auto A = static_cast<size_t>(layout_.agents);
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
      reward_buf_[t * N + e] = static_cast<float>(team - cost_ * static_cast<double>(last_g_[e]));
      done_buf_[t * N + e] = envs.done()[e] ? 1.0f : 0.0f;
      if (envs.truncated()[e]) truncated.push_back(static_cast<int64_t>(e));
      window_cl_steps_ += last_g_[e];
      ++window_steps_;
    }
    env_steps_ += num_envs_;
    if (!truncated.empty()) {
      // bootstrap Global's value through truncation from the final state
      std::vector<float> final_in(N * static_cast<size_t>(switch_in_));
      std::vector<double> budget_before_reset = budget_left_;
      switch_inputs(envs, true, budget_before_reset, final_in.data());
      torch::NoGradGuard no_grad;
      auto v = switcher_->critic->forward(torch::from_blob(final_in.data(), {num_envs_, switch_in_})).contiguous();
      for (int64_t e : truncated)
        reward_buf_[t * N + static_cast<size_t>(e)] += static_cast<float>(switch_config_.gamma) * v.data_ptr<float>()[e];
    }
    ++t_;
  }

  // ---- learning ----
  Metrics update(const TrainProgress&) override {
    Metrics out = train_learners();
    const Metrics sw = train_switcher();
    for (const auto& kv : sw) out.emplace_back("switch/" + kv.first.substr(kv.first.find('/') + 1), kv.second);
    out.emplace_back("mansa/cl_fraction",
                     window_steps_ ? static_cast<double>(window_cl_steps_) / static_cast<double>(window_steps_) : NAN);
    out.emplace_back("charts/epsilon", epsilon_at(env_steps_, params_));
    window_cl_steps_ = window_steps_ = 0;
    return out;
  }

  Metrics train_learners() {
    const int64_t batch = params_.get_int("batch_size");
    const int64_t finished = buffer_.episodes_added() - episodes_seen_;
    episodes_seen_ = buffer_.episodes_added();
    pending_updates_ += static_cast<double>(finished) * params_.get_float("updates_per_episode");
    const bool share = params_.get_bool("share_data");
    double il_loss = 0, cl_loss = 0;
    int64_t il_count = 0, cl_count = 0;
    while (pending_updates_ >= 1.0) {
      pending_updates_ -= 1.0;
      if (buffer_.size() < batch) continue;
      const std::vector<int64_t> episodes = buffer_.sample(batch, sample_rng_);
      // each learner trains on the steps where it acted (or on all, with share_data)
      const Metrics il = il_.train(buffer_, episodes, {!share, 0.0f});
      const Metrics cl = cl_.train(buffer_, episodes, {!share, 1.0f});
      if (!il.empty()) il_loss += il[0].second, ++il_count;
      if (!cl.empty()) cl_loss += cl[0].second, ++cl_count;
    }
    return {{"losses/il_td_loss", il_count ? il_loss / static_cast<double>(il_count) : NAN},
            {"losses/cl_td_loss", cl_count ? cl_loss / static_cast<double>(cl_count) : NAN}};
  }

  Metrics train_switcher() {
    const int64_t T = t_;
    t_ = 0;
    if (T == 0 || random_switch_) return {};
    const int64_t N = num_envs_;
    std::vector<float> last_values(static_cast<size_t>(N));
    {
      // V of the state after the last step (budgets as they stand now)
      torch::NoGradGuard no_grad;
      auto v = switcher_->critic->forward(torch::from_blob(next_in_.data(), {N, switch_in_})).contiguous();
      std::copy(v.data_ptr<float>(), v.data_ptr<float>() + N, last_values.begin());
    }
    RolloutView r;
    r.T = T;
    r.B = N;
    r.actor_in = r.critic_in = in_buf_.data();
    r.actor_dim = r.critic_dim = switch_in_;
    r.actions = g_buf_.data();
    r.logp = logp_buf_.data();
    r.values = value_buf_.data();
    r.rewards = reward_buf_.data();
    r.dones = done_buf_.data();
    r.last_values = last_values.data();
    std::vector<float> adv(static_cast<size_t>(T * N)), ret(static_cast<size_t>(T * N));
    compute_gae(r, switch_config_.gamma, switch_config_.gae_lambda, adv.data(), ret.data());
    return ppo_optimize(switcher_, *switch_optimizer_, switch_config_, r, adv.data(), ret.data(), switch_config_.lr,
                        sample_rng_);
  }

  void on_step_end_behaviour(const VectorEnv& envs) {
    reset_hidden(envs, false);
    switch_inputs(envs, false, budget_left_, next_in_.data());
  }

  // ---- checkpoints ----
  void save(std::ostream& out) const override {
    write_string(out, "mansa/1");
    write_pod(out, env_steps_);
    write_pod(out, episodes_seen_);
    write_pod(out, pending_updates_);
    write_pod(out, window_cl_steps_);
    write_pod(out, window_steps_);
    write_vector(out, budget_left_);
    for (const Rng* r : {&explore_rng_, &sample_rng_, &switch_rng_, &eval_rng_}) {
      std::ostringstream s;
      r->save(s);
      write_string(out, s.str());
    }
    il_.save(out);
    cl_.save(out);
    torch::serialize::OutputArchive archive;
    switcher_->save(archive);
    torch::serialize::OutputArchive optimizer;
    switch_optimizer_->save(optimizer);
    archive.write("optimizer", optimizer);
    std::ostringstream bytes;
    archive.save_to(bytes);
    write_string(out, bytes.str());
    buffer_.save(out);
  }

  void load(std::istream& in) override {
    if (read_string(in) != "mansa/1") throw std::runtime_error("not a MANSA checkpoint");
    env_steps_ = read_pod<int64_t>(in);
    episodes_seen_ = read_pod<int64_t>(in);
    pending_updates_ = read_pod<double>(in);
    window_cl_steps_ = read_pod<int64_t>(in);
    window_steps_ = read_pod<int64_t>(in);
    read_vector(in, budget_left_);
    for (Rng* r : {&explore_rng_, &sample_rng_, &switch_rng_, &eval_rng_}) {
      std::istringstream s(read_string(in));
      r->load(s);
    }
    il_.load(in);
    cl_.load(in);
    std::istringstream bytes(read_string(in));
    torch::serialize::InputArchive archive;
    archive.load_from(bytes);
    switcher_->load(archive);
    torch::serialize::InputArchive optimizer;
    archive.read("optimizer", optimizer);
    switch_optimizer_->load(optimizer);
    buffer_.load(in);
  }

 private:
  Params params_;
  EpisodeLayout layout_;
  QLearner il_, cl_;
  EpisodeBuffer buffer_;
  PpoConfig switch_config_;
  Rng explore_rng_, sample_rng_, switch_rng_, eval_rng_;
  MansaPolicy behaviour_, greedy_;
  ActorCritic switcher_{nullptr};
  std::unique_ptr<torch::optim::Adam> switch_optimizer_;

  int num_envs_ = 0, obs_field_ = 0;
  bool has_mask_ = false, env_has_state_ = false;
  double cost_ = 0;
  bool random_switch_ = false;  // the random-switching control instead of the learned Global
  double random_cl_probability_ = 0;
  int64_t budget_ = 0, switch_in_ = 0;
  int64_t env_steps_ = 0, episodes_seen_ = 0, t_ = 0;
  double pending_updates_ = 0;
  int64_t window_cl_steps_ = 0, window_steps_ = 0, eval_cl_steps_ = 0, eval_steps_ = 0;
  std::vector<double> budget_left_, eval_budget_left_;

  std::vector<float> last_in_, last_logp_, last_value_, next_in_;
  std::vector<int32_t> last_g_, il_actions_, cl_actions_;
  std::vector<float> in_buf_, g_buf_, logp_buf_, value_buf_, reward_buf_, done_buf_;

  friend class MansaPolicy;
};

void MansaPolicy::act(VectorEnv& envs) { agent_.act(envs, greedy_); }
void MansaPolicy::on_step_end(const VectorEnv& envs) {
  if (greedy_)
    agent_.reset_hidden(envs, true);
  else
    agent_.on_step_end_behaviour(envs);
}
void MansaPolicy::reset_memory(int num_envs) { agent_.reset_all(num_envs, greedy_); }

}  // namespace

std::vector<ParamSpec> mansa_param_specs() {
  return {
      ParamSpec::string("il", "iql", {"iql", "ippo"},
                        "independent learner (acts when Global chooses 0); iql pairs with qmix/vdn, ippo with mappo"),
      ParamSpec::string("cl", "qmix", {"qmix", "vdn", "mappo"}, "centralised learner (acts when Global chooses 1)"),
      ParamSpec::integer("learner_hidden", 0, 0, 1 << 16, "hidden width of IL and CL (0 = each learner's default)"),
      ParamSpec::real("switch_cost", 0.001, 0.0, 1e6, "cost c charged to Global for every step CL acts"),
      ParamSpec::integer("budget", 0, 0, 1 << 20, "CL calls allowed per episode (0 = unlimited)"),
      ParamSpec::string("switch_policy", "learned", {"learned", "random"},
                        "learned: Global (PPO) decides; random: the control, CL acts with random_cl_probability"),
      ParamSpec::real("random_cl_probability", 0.05, 0.0, 1.0,
                      "switch_policy=random: probability that CL acts at a step (match a learned run's cl_fraction)"),
      ParamSpec::boolean("share_data", false, "train both learners on every step (ablation; default: own steps)"),
      ParamSpec::real("switch_lr", 3e-4, 0.0, 1.0, "Global's Adam learning rate"),
      ParamSpec::integer("switch_epochs", 4, 1, 1000, "Global's PPO epochs per update"),
      ParamSpec::integer("switch_minibatches", 4, 1, 1 << 16, "Global's PPO minibatches per epoch"),
      ParamSpec::real("switch_gamma", 0.99, 0.0, 1.0, "Global's discount"),
      ParamSpec::real("switch_ent_coef", 0.01, 0.0, 10.0, "Global's entropy bonus"),
      ParamSpec::integer("switch_hidden", 64, 1, 1 << 16, "Global's hidden width"),
      ParamSpec::real("epsilon_start", 1.0, 0.0, 1.0, "initial exploration rate of IL and CL"),
      ParamSpec::real("epsilon_finish", 0.05, 0.0, 1.0, "final exploration rate"),
      ParamSpec::integer("epsilon_anneal_steps", 50000, 0, int64_t{1} << 40, "env steps of linear epsilon decay"),
      ParamSpec::integer("batch_size", 32, 1, 1 << 16, "episodes per training batch"),
      ParamSpec::integer("buffer_size", 5000, 1, 1 << 24, "episodes kept in replay"),
      ParamSpec::real("updates_per_episode", 1.0, 0.0, 1000.0, "training steps per finished episode"),
      ParamSpec::integer("rollout_length", 50, 1, 1 << 20, "vector steps between updates (Global's PPO rollout)"),
  };
}

std::unique_ptr<Agent> make_mansa_agent(const AgentContext& ctx) {
  const std::string il = ctx.params.get_string("il"), cl = ctx.params.get_string("cl");
  if (il == "ippo" && cl == "mappo") return make_mansa_pg_agent(ctx);
  if (il == "iql" && (cl == "qmix" || cl == "vdn")) return std::make_unique<MansaAgent>(ctx);
  throw std::invalid_argument("agent mansa: il '" + il + "' cannot pair with cl '" + cl +
                              "' (iql pairs with qmix or vdn, ippo with mappo)");
}

void register_mansa(Registry& registry) {
  registry.add_agent({"mansa",
                      "MANSA: IQL (or IPPO) acts by default, a PPO switching agent on the global state calls QMIX "
                      "(or MAPPO) where coordination pays (switching cost, optional CL budget)",
                      mansa_param_specs(), make_mansa_agent, qlearning_compatibility});
}

}  // namespace ember
