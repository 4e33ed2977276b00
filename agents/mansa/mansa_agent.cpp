#include "agents/mansa/mansa_agent.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <torch/torch.h>

#include "agents/mansa/global_switcher.h"
#include "agents/mansa/mansa_pg_agent.h"
#include "agents/qlearning/episode_buffer.h"
#include "agents/qlearning/q_agent.h"
#include "agents/qlearning/q_learner.h"
#include "core/binary_io.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

namespace {

// MANSA's keys for one learner of the value pair: every QLearnerConfig
// setting of `id`, renamed `<prefix><name>` (il_lr, cl_recurrent, ...) with
// the id's registered default. The mixer widths exist only where there is a
// mixer. Exploration, replay and cadence stay shared (MANSA's own keys).
std::vector<ParamSpec> learner_param_specs(const std::string& id, const std::string& prefix, const std::string& role) {
  const std::vector<std::string>& names = QLearnerConfig::param_names();
  std::vector<ParamSpec> out;
  for (ParamSpec spec : qlearning_param_specs(id)) {
    const bool mixer_only = spec.name == "mixing_embed" || spec.name == "hypernet_embed";
    if (std::find(names.begin(), names.end(), spec.name) == names.end() || (mixer_only && id == "iql")) continue;
    spec.name = prefix + spec.name;
    spec.doc = role + ": " + spec.doc;
    out.push_back(std::move(spec));
  }
  return out;
}

// A learner's config: the registered defaults of its id (iql, qmix, vdn),
// overridden by MANSA's `<prefix><name>` keys.
QLearnerConfig learner_config(const std::string& id, const std::string& prefix, const Params& mansa) {
  Params p = Params::defaults(qlearning_param_specs(id));
  for (const auto& [key, value] : mansa.values())
    if (key.rfind(prefix, 0) == 0 && p.has(key.substr(prefix.size()))) p.set(key.substr(prefix.size()), value);
  QLearnerConfig c = QLearnerConfig::from_params(p);
  c.mixer = id == "iql" ? "none" : id;
  return c;
}

class MansaAgent;

// A MANSA policy acts in one of Global's modes: training (ε-greedy learners,
// sampled switch), greedy evaluation, or sampled evaluation (learners at
// eval_epsilon, sampled switch).
using Mode = GlobalSwitcher::Mode;

class MansaPolicy : public Policy {
 public:
  MansaPolicy(MansaAgent& agent, Mode mode) : agent_(agent), mode_(mode) {}
  void act(VectorEnv& envs) override;
  void on_step_end(const VectorEnv& envs) override;
  void reset_memory(int num_envs) override;

 private:
  MansaAgent& agent_;
  Mode mode_;
};

class MansaAgent : public Agent, public Sink {
 public:
  explicit MansaAgent(const AgentContext& ctx)
      : params_(ctx.params),
        layout_(EpisodeLayout::from_spec(ctx.spec, ctx.spec.max_episode_steps)),
        il_(learner_config(ctx.params.get_string("il"), "il_", ctx.params), layout_, derive_seed(ctx.seed, "mansa/il")),
        cl_(learner_config(ctx.params.get_string("cl"), "cl_", ctx.params), layout_, derive_seed(ctx.seed, "mansa/cl")),
        buffer_(ctx.spec, layout_, ctx.params.get_int("buffer_size"), ctx.num_envs),
        global_(ctx.params, ctx.spec, ctx.num_envs, ctx.seed),
        explore_rng_(derive_seed(ctx.seed, "mansa/explore")),
        sample_rng_(derive_seed(ctx.seed, "mansa/sample")),
        eval_rng_(derive_seed(ctx.seed, "mansa/eval")),
        behaviour_(*this, Mode::kTraining),
        greedy_(*this, Mode::kGreedyEvaluation),
        sampling_(*this, Mode::kSampledEvaluation) {
    num_envs_ = ctx.num_envs;
    obs_field_ = std::max(0, ctx.spec.field_index("obs"));
    has_mask_ = ctx.spec.has_action_mask;
  }

  Policy& behaviour_policy() override { return behaviour_; }
  Policy& greedy_policy() override { return greedy_; }
  Policy& evaluation_policy(bool deterministic) override { return deterministic ? greedy_ : sampling_; }
  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return params_.get_int("rollout_length"); }

  Metrics evaluation_metrics() const override { return {{"cl_fraction", global_.evaluation_cl_fraction()}}; }

  // ---- acting ----
  void act(VectorEnv& envs, Mode mode) {
    const int N = envs.num_envs();
    const int64_t A = layout_.agents;
    const bool evaluation = mode != Mode::kTraining;
    // 1. Global decides, per env, whether CL acts
    const std::vector<int32_t>& g = global_.decide(envs, mode, eval_rng_);

    // 2. both learners compute their joint actions (keeping both recurrent
    // states current); the chosen one is sent to the env
    torch::NoGradGuard no_grad;
    const auto* obs = static_cast<const float*>(envs.field(obs_field_));
    const int32_t* mask = has_mask_ ? envs.action_mask() : nullptr;
    const double eps = mode == Mode::kTraining           ? annealed_epsilon(env_steps_, params_)
                       : mode == Mode::kSampledEvaluation ? params_.get_float("eval_epsilon")
                                                          : 0.0;
    Rng& rng = evaluation ? eval_rng_ : explore_rng_;
    const QLearner::Slot slot = evaluation ? QLearner::kEval : QLearner::kBehaviour;
    il_actions_.resize(static_cast<size_t>(N * A));
    cl_actions_.resize(static_cast<size_t>(N * A));
    il_.act(obs, mask, N, eps, rng, il_actions_.data(), slot);
    cl_.act(obs, mask, N, eps, rng, cl_actions_.data(), slot);
    int32_t* out = envs.discrete_actions();
    std::vector<float> flags(static_cast<size_t>(N));
    for (int e = 0; e < N; ++e) {
      const bool use_cl = g[static_cast<size_t>(e)] != 0;
      const std::vector<int32_t>& src = use_cl ? cl_actions_ : il_actions_;
      std::copy(src.begin() + e * A, src.begin() + (e + 1) * A, out + e * A);
      flags[static_cast<size_t>(e)] = use_cl ? 1.0f : 0.0f;
    }
    if (!evaluation) buffer_.set_step_flags(flags);
  }

  void reset_hidden(const VectorEnv& envs, Mode mode) {
    const bool evaluation = mode != Mode::kTraining;
    const QLearner::Slot slot = evaluation ? QLearner::kEval : QLearner::kBehaviour;
    il_.reset_hidden(envs.num_envs(), envs.done(), slot);
    cl_.reset_hidden(envs.num_envs(), envs.done(), slot);
    global_.on_step_end(envs, evaluation);
  }

  void reset_all(int num_envs, Mode mode) {
    const bool evaluation = mode != Mode::kTraining;
    const QLearner::Slot slot = evaluation ? QLearner::kEval : QLearner::kBehaviour;
    il_.reset_hidden(num_envs, nullptr, slot);
    cl_.reset_hidden(num_envs, nullptr, slot);
    if (evaluation) global_.reset_evaluation(num_envs);
  }

  // ---- Sink ----
  void before_step(const VectorEnv& envs) override {
    buffer_.before_step(envs);
    global_.before_step();
  }

  void after_step(const VectorEnv& envs) override {
    buffer_.after_step(envs);
    global_.after_step(envs);
    env_steps_ += num_envs_;
  }

  // ---- learning ----
  Metrics update(const TrainProgress&) override {
    Metrics out = train_learners();
    const Metrics sw = global_.train(sample_rng_);
    for (const auto& kv : sw) out.emplace_back("switch/" + kv.first.substr(kv.first.find('/') + 1), kv.second);
    out.emplace_back("mansa/cl_fraction", global_.take_window_cl_fraction());
    out.emplace_back("charts/epsilon", annealed_epsilon(env_steps_, params_));
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

  // ---- checkpoints ----
  void save(std::ostream& out) const override {
    write_string(out, "mansa/2");
    write_pod(out, env_steps_);
    write_pod(out, episodes_seen_);
    write_pod(out, pending_updates_);
    for (const Rng* r : {&explore_rng_, &sample_rng_, &eval_rng_}) write_rng(out, *r);
    il_.save(out);
    cl_.save(out);
    global_.save(out);
    buffer_.save(out);
  }

  void load(std::istream& in) override {
    const std::string format = read_string(in);
    if (format == "mansa/1") return load_v1(in);
    if (format != "mansa/2") throw std::runtime_error("not a MANSA checkpoint");
    env_steps_ = read_pod<int64_t>(in);
    episodes_seen_ = read_pod<int64_t>(in);
    pending_updates_ = read_pod<double>(in);
    for (Rng* r : {&explore_rng_, &sample_rng_, &eval_rng_}) read_rng(in, *r);
    il_.load(in);
    cl_.load(in);
    global_.load(in);
    buffer_.load(in);
  }

  // The layout before Global became its own unit: its counters, budgets and
  // RNG sat between the agent's, its networks after the learners'.
  void load_v1(std::istream& in) {
    env_steps_ = read_pod<int64_t>(in);
    episodes_seen_ = read_pod<int64_t>(in);
    pending_updates_ = read_pod<double>(in);
    const auto window_cl_steps = read_pod<int64_t>(in);
    const auto window_steps = read_pod<int64_t>(in);
    std::vector<double> budget_left(static_cast<size_t>(num_envs_));
    read_vector(in, budget_left);
    std::string switch_rng;
    for (Rng* r : {&explore_rng_, &sample_rng_, static_cast<Rng*>(nullptr), &eval_rng_}) {
      const std::string state = read_string(in);
      if (!r) {
        switch_rng = state;
        continue;
      }
      std::istringstream s(state);
      r->load(s);
    }
    il_.load(in);
    cl_.load(in);
    const std::string archive = read_string(in);
    global_.restore(window_cl_steps, window_steps, budget_left, switch_rng, archive);
    buffer_.load(in);
  }

 private:
  Params params_;
  EpisodeLayout layout_;
  QLearner il_, cl_;
  EpisodeBuffer buffer_;
  GlobalSwitcher global_;
  Rng explore_rng_, sample_rng_, eval_rng_;
  MansaPolicy behaviour_, greedy_, sampling_;

  int num_envs_ = 0, obs_field_ = 0;
  bool has_mask_ = false;
  int64_t env_steps_ = 0, episodes_seen_ = 0;
  double pending_updates_ = 0;
  std::vector<int32_t> il_actions_, cl_actions_;

  friend class MansaPolicy;
};

void MansaPolicy::act(VectorEnv& envs) { agent_.act(envs, mode_); }
void MansaPolicy::on_step_end(const VectorEnv& envs) { agent_.reset_hidden(envs, mode_); }
void MansaPolicy::reset_memory(int num_envs) { agent_.reset_all(num_envs, mode_); }

}  // namespace

namespace {

// Keys both pairs read: the pairing and Global.
std::vector<ParamSpec> shared_param_specs() {
  return {
      ParamSpec::string("il", "iql", {"iql", "ippo"},
                        "independent learner (acts when Global chooses 0); iql pairs with qmix/vdn, ippo with mappo"),
      ParamSpec::string("cl", "qmix", {"qmix", "vdn", "mappo"}, "centralised learner (acts when Global chooses 1)"),
      // checkpoints store the resolved config, so a retired key stays declared
      ParamSpec::integer("learner_hidden", 0, 0, 0, "retired (must stay 0): set il_hidden and cl_hidden instead"),
      ParamSpec::real("switch_cost", 0.001, 0.0, 1e6, "cost c charged to Global for every step CL acts"),
      ParamSpec::integer("budget", 0, 0, 1 << 20, "CL calls allowed per episode (0 = unlimited)"),
      ParamSpec::string("switch_policy", "learned", {"learned", "random"},
                        "learned: Global (PPO) decides; random: the control, CL acts with random_cl_probability"),
      ParamSpec::real("random_cl_probability", 0.05, 0.0, 1.0,
                      "switch_policy=random: probability that CL acts at a step (match a learned run's cl_fraction)"),
      ParamSpec::real("switch_lr", 3e-4, 0.0, 1.0, "Global's Adam learning rate"),
      ParamSpec::integer("switch_epochs", 4, 1, 1000, "Global's PPO epochs per update"),
      ParamSpec::integer("switch_minibatches", 4, 1, 1 << 16, "Global's PPO minibatches per epoch"),
      ParamSpec::real("switch_gamma", 0.99, 0.0, 1.0, "Global's discount"),
      ParamSpec::real("switch_ent_coef", 0.01, 0.0, 10.0, "Global's entropy bonus"),
      ParamSpec::integer("switch_hidden", 64, 1, 1 << 16, "Global's hidden width"),
      ParamSpec::integer("rollout_length", 50, 1, 1 << 20, "vector steps between updates (Global's PPO rollout)"),
  };
}

// Keys only the value pair (il: iql) reads: exploration, replay, and each
// learner's own settings (vdn's defaults are qmix's).
std::vector<ParamSpec> value_pair_param_specs() {
  std::vector<ParamSpec> specs = {
      ParamSpec::boolean("share_data", false, "train both learners on every step (ablation; default: own steps)"),
      ParamSpec::real("epsilon_start", 1.0, 0.0, 1.0, "initial exploration rate of IL and CL"),
      ParamSpec::real("epsilon_finish", 0.05, 0.0, 1.0, "final exploration rate"),
      ParamSpec::integer("epsilon_anneal_steps", 50000, 0, int64_t{1} << 40, "env steps of linear epsilon decay"),
      ParamSpec::real("eval_epsilon", 0.05, 0.0, 1.0,
                      "exploration rate of IL and CL when eval.deterministic is false (Global then samples too)"),
      ParamSpec::integer("batch_size", 32, 1, 1 << 16, "episodes per training batch"),
      ParamSpec::integer("buffer_size", 5000, 1, 1 << 24, "episodes kept in replay"),
      ParamSpec::real("updates_per_episode", 1.0, 0.0, 1000.0, "training steps per finished episode"),
  };
  for (auto learner : {learner_param_specs("iql", "il_", "IL (iql)"), learner_param_specs("qmix", "cl_", "CL (qmix/vdn)")})
    specs.insert(specs.end(), learner.begin(), learner.end());
  for (ParamSpec& spec : specs) spec.doc += " [value pair]";
  return specs;
}

// The policy-gradient pair does not read the value pair's keys: refuse them,
// rather than ignore them, when they are set.
void reject_value_pair_keys(const Params& params) {
  for (const ParamSpec& spec : value_pair_param_specs())
    if (params.has(spec.name) && params.values().at(spec.name) != spec.default_value)
      throw std::invalid_argument("agent mansa: '" + spec.name +
                                  "' configures the value pair (il: iql); the policy-gradient pair (il: ippo, cl: "
                                  "mappo) does not read it (its learners take the ippo and mappo defaults)");
}

}  // namespace

std::vector<ParamSpec> mansa_param_specs() {
  std::vector<ParamSpec> specs = shared_param_specs();
  for (ParamSpec& spec : value_pair_param_specs()) specs.push_back(std::move(spec));
  return specs;
}

std::unique_ptr<Agent> make_mansa_agent(const AgentContext& ctx) {
  const std::string il = ctx.params.get_string("il"), cl = ctx.params.get_string("cl");
  if (il == "ippo" && cl == "mappo") {
    reject_value_pair_keys(ctx.params);
    return make_mansa_pg_agent(ctx);
  }
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
