#include "agents/mansa/mansa_agent.h"

#include <algorithm>
#include <istream>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "agents/common/mode_policies.h"
#include "agents/mansa/global_switcher.h"
#include "agents/mansa/learner_pair.h"
#include "agents/mansa/mansa_config.h"
#include "agents/mansa/ppo_learner_pair.h"
#include "agents/mansa/q_learner_pair.h"
#include "agents/qlearning/q_agent.h"
#include "core/binary_io.h"
#include "core/registry.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

namespace {

// One MANSA for both pairs: Global decides per env whether CL acts, both
// learners of the pair act, the env receives the chosen one's joint action.
// Global follows the learners' mode, so sampling evaluation samples the
// switch too and evaluates the behaviour that was trained.
class MansaAgent : public ModeActor, public ModeAgent, public Sink {
 public:
  MansaAgent(const MansaConfig& config, std::unique_ptr<LearnerPair> pair, const AgentContext& ctx)
      : ModeAgent(static_cast<ModeActor&>(*this)),  // ModeActor, listed first, is built
        config_(config),
        pair_(std::move(pair)),
        global_(config_.global, config_.rollout_length, ctx.spec, ctx.num_envs, ctx.seed),
        sample_rng_(derive_seed(ctx.seed, "mansa/sample")),
        eval_rng_(derive_seed(ctx.seed, "mansa/eval")) {}

  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return config_.rollout_length; }
  Metrics evaluation_metrics() const override { return {{"cl_fraction", global_.evaluation_cl_fraction()}}; }

  // ---- acting ----
  void act(VectorEnv& envs, PolicyMode mode) override {
    const std::vector<int32_t>& g = global_.decide(envs, mode, eval_rng_);
    const auto per_env = static_cast<size_t>(envs.num_agents());
    il_actions_.resize(static_cast<size_t>(envs.num_envs()) * per_env);
    cl_actions_.resize(il_actions_.size());
    pair_->act(envs, mode, eval_rng_, il_actions_.data(), cl_actions_.data());
    int32_t* out = envs.discrete_actions();
    for (size_t e = 0; e < g.size(); ++e) {
      const std::vector<int32_t>& src = g[e] ? cl_actions_ : il_actions_;
      std::copy(src.begin() + static_cast<long>(e * per_env), src.begin() + static_cast<long>((e + 1) * per_env),
                out + e * per_env);
    }
  }
  void on_step_end(const VectorEnv& envs, PolicyMode mode) override {
    pair_->on_step_end(envs, mode);
    global_.on_step_end(envs, mode != PolicyMode::kBehaviour);
  }
  void reset_memory(int num_envs, PolicyMode mode) override {
    pair_->reset_memory(num_envs, mode);
    if (mode != PolicyMode::kBehaviour) global_.reset_evaluation(num_envs);
  }

  // ---- Sink ----
  void before_step(const VectorEnv& envs) override {
    global_.before_step();
    pair_->before_step(envs, global_.cl_acts());
  }
  void after_step(const VectorEnv& envs) override {
    global_.after_step(envs);
    pair_->after_step(envs);
  }

  // ---- learning: the pair first, then Global on the same sample stream ----
  Metrics update(const TrainProgress& progress) override {
    Metrics out = pair_->update(progress, sample_rng_);
    append_renamed(out, "switch/", global_.train(sample_rng_));
    out.emplace_back("mansa/cl_fraction", global_.take_window_cl_fraction());
    const Metrics trailing = pair_->trailing_metrics();
    out.insert(out.end(), trailing.begin(), trailing.end());
    return out;
  }

  // ---- checkpoints (the section layout is in learner_pair.h) ----
  void save(std::ostream& out) const override {
    write_string(out, pair_->format());
    pair_->save_state(out);
    for (const Rng* r : {&sample_rng_, &eval_rng_}) write_rng(out, *r);
    pair_->save_learners(out);
    global_.save(out);
    pair_->save_replay(out);
  }
  void load(std::istream& in) override {
    const std::string format = read_string(in);
    if (format != pair_->format()) {
      if (pair_->load_legacy(format, in, global_, sample_rng_, eval_rng_)) return;
      throw std::runtime_error("not a checkpoint of this MANSA pair (il: " + config_.il + ", cl: " + config_.cl +
                               "): its agent section has the format '" + format + "', this pair reads " +
                               pair_->readable_formats());
    }
    pair_->load_state(in);
    for (Rng* r : {&sample_rng_, &eval_rng_}) read_rng(in, *r);
    pair_->load_learners(in);
    global_.load(in);
    pair_->load_replay(in);
  }

 private:
  MansaConfig config_;
  std::unique_ptr<LearnerPair> pair_;
  GlobalSwitcher global_;
  Rng sample_rng_, eval_rng_;
  std::vector<int32_t> il_actions_, cl_actions_;
};

// The policy-gradient pair does not read the value pair's keys: refuse them,
// rather than ignore them, when they are set.
void reject_value_pair_keys(const Params& params) {
  for (const ParamSpec& spec : MansaValuePairConfig::param_table().specs())
    if (params.has(spec.name) && params.values().at(spec.name) != spec.default_value)
      throw std::invalid_argument("agent mansa: '" + spec.name +
                                  "' configures the value pair (il: iql); the policy-gradient pair (il: ippo, cl: "
                                  "mappo) does not read it (its learners take the ippo and mappo defaults)");
}

std::unique_ptr<Agent> make_mansa_agent(const AgentContext& ctx) {
  const MansaConfig config = MansaConfig::from_params(ctx.params);
  const std::string &il = config.il, &cl = config.cl;
  if (il == "ippo" && cl == "mappo") {
    reject_value_pair_keys(ctx.params);
    return std::make_unique<MansaAgent>(config, make_ppo_learner_pair(config, ctx.spec, ctx.num_envs, ctx.seed), ctx);
  }
  if (il == "iql" && (cl == "qmix" || cl == "vdn"))
    return std::make_unique<MansaAgent>(config, make_q_learner_pair(config, ctx.spec, ctx.num_envs, ctx.seed), ctx);
  throw std::invalid_argument("agent mansa: il '" + il + "' cannot pair with cl '" + cl +
                              "' (iql pairs with qmix or vdn, ippo with mappo)");
}

}  // namespace

void register_mansa(Registry& registry) {
  registry.add_agent({"mansa",
                      "MANSA: IQL (or IPPO) acts by default, a PPO switching agent on the global state calls QMIX "
                      "(or MAPPO) where coordination pays (switching cost, optional CL budget)",
                      mansa_param_specs(), make_mansa_agent, qlearning_compatibility});
}

}  // namespace ember
