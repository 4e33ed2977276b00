#include "agents/mansa/mansa_agent.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <torch/torch.h>

#include "agents/common/mode_policies.h"
#include "agents/mansa/global_switcher.h"
#include "agents/mansa/mansa_config.h"
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

class MansaAgent : public ModeActor, public ModeAgent, public Sink {
 public:
  explicit MansaAgent(const AgentContext& ctx)
      : ModeAgent(static_cast<ModeActor&>(*this)),
        config_(MansaConfig::from_params(ctx.params)),
        training_(config_.value_pair.training),
        layout_(EpisodeLayout::from_spec(ctx.spec, ctx.spec.max_episode_steps)),
        il_(config_.value_pair.il, layout_, derive_seed(ctx.seed, "mansa/il")),
        cl_(config_.value_pair.cl, layout_, derive_seed(ctx.seed, "mansa/cl")),
        buffer_(ctx.spec, layout_, training_.buffer_size, ctx.num_envs),
        global_(config_.global, config_.rollout_length, ctx.spec, ctx.num_envs, ctx.seed),
        explore_rng_(derive_seed(ctx.seed, "mansa/explore")),
        sample_rng_(derive_seed(ctx.seed, "mansa/sample")),
        eval_rng_(derive_seed(ctx.seed, "mansa/eval")) {
    num_envs_ = ctx.num_envs;
    obs_field_ = std::max(0, ctx.spec.field_index("obs"));
    has_mask_ = ctx.spec.has_action_mask;
  }

  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return config_.rollout_length; }

  Metrics evaluation_metrics() const override { return {{"cl_fraction", global_.evaluation_cl_fraction()}}; }

  // ---- acting ----
  void act(VectorEnv& envs, PolicyMode mode) override {
    const int N = envs.num_envs();
    const int64_t A = layout_.agents;
    const bool evaluation = mode != PolicyMode::kBehaviour;
    // 1. Global decides, per env, whether CL acts
    const std::vector<int32_t>& g = global_.decide(envs, mode, eval_rng_);

    // 2. both learners compute their joint actions (keeping both recurrent
    // states current); the chosen one is sent to the env
    torch::NoGradGuard no_grad;
    const auto* obs = static_cast<const float*>(envs.field(obs_field_));
    const int32_t* mask = has_mask_ ? envs.action_mask() : nullptr;
    const double eps = mode == PolicyMode::kBehaviour ? training_.epsilon_after(env_steps_)
                       : mode == PolicyMode::kSample  ? training_.eval_epsilon
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

  void on_step_end(const VectorEnv& envs, PolicyMode mode) override {
    const bool evaluation = mode != PolicyMode::kBehaviour;
    const QLearner::Slot slot = evaluation ? QLearner::kEval : QLearner::kBehaviour;
    il_.reset_hidden(envs.num_envs(), envs.done(), slot);
    cl_.reset_hidden(envs.num_envs(), envs.done(), slot);
    global_.on_step_end(envs, evaluation);
  }

  void reset_memory(int num_envs, PolicyMode mode) override {
    const bool evaluation = mode != PolicyMode::kBehaviour;
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
    out.emplace_back("charts/epsilon", training_.epsilon_after(env_steps_));
    return out;
  }

  Metrics train_learners() {
    const int64_t batch = training_.batch_size;
    const int64_t finished = buffer_.episodes_added() - episodes_seen_;
    episodes_seen_ = buffer_.episodes_added();
    pending_updates_ += static_cast<double>(finished) * training_.updates_per_episode;
    const bool share = config_.value_pair.share_data;
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
  MansaConfig config_;
  QTrainingConfig training_;
  EpisodeLayout layout_;
  QLearner il_, cl_;
  EpisodeBuffer buffer_;
  GlobalSwitcher global_;
  Rng explore_rng_, sample_rng_, eval_rng_;

  int num_envs_ = 0, obs_field_ = 0;
  bool has_mask_ = false;
  int64_t env_steps_ = 0, episodes_seen_ = 0;
  double pending_updates_ = 0;
  std::vector<int32_t> il_actions_, cl_actions_;
};

}  // namespace

namespace {

// The policy-gradient pair does not read the value pair's keys: refuse them,
// rather than ignore them, when they are set.
void reject_value_pair_keys(const Params& params) {
  for (const ParamSpec& spec : MansaValuePairConfig::param_table().specs())
    if (params.has(spec.name) && params.values().at(spec.name) != spec.default_value)
      throw std::invalid_argument("agent mansa: '" + spec.name +
                                  "' configures the value pair (il: iql); the policy-gradient pair (il: ippo, cl: "
                                  "mappo) does not read it (its learners take the ippo and mappo defaults)");
}

}  // namespace

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
