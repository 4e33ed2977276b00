#include "agents/mansa/mansa_pg_agent.h"

#include <istream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "agents/common/mode_policies.h"
#include "agents/mansa/global_switcher.h"
#include "agents/mansa/mansa_config.h"
#include "agents/ppo/ppo_config.h"
#include "agents/ppo/ppo_learner.h"
#include "core/binary_io.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

namespace {

// A learner's config: the registered defaults of its id (ippo, mappo), with
// MANSA's rollout length so that learners and Global update together.
PpoConfig learner_config(const std::string& id, const MansaConfig& mansa) {
  PpoConfig c = PpoConfig::defaults_for(id);
  c.rollout_length = mansa.rollout_length;
  return c;
}

class MansaPgAgent : public ModeActor, public ModeAgent, public Sink {
 public:
  explicit MansaPgAgent(const AgentContext& ctx)
      : ModeAgent(static_cast<ModeActor&>(*this)),
        config_(MansaConfig::from_params(ctx.params)),
        il_(learner_config("ippo", config_), ctx.spec, ctx.num_envs, derive_seed(ctx.seed, "mansa/il")),
        cl_(learner_config("mappo", config_), ctx.spec, ctx.num_envs, derive_seed(ctx.seed, "mansa/cl")),
        global_(config_.global, config_.rollout_length, ctx.spec, ctx.num_envs, ctx.seed),
        sample_rng_(derive_seed(ctx.seed, "mansa/sample")),
        eval_rng_(derive_seed(ctx.seed, "mansa/eval")) {}

  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return config_.rollout_length; }
  Metrics evaluation_metrics() const override { return {{"cl_fraction", global_.evaluation_cl_fraction()}}; }

  // Global decides per env; both learners act; the env receives the chosen
  // one's actions. Global follows the learners' mode: sampling evaluation
  // samples the switch too, so it evaluates the behaviour that was trained.
  void act(VectorEnv& envs, PolicyMode mode) override {
    const std::vector<int32_t>& g = global_.decide(envs, mode, eval_rng_);
    const size_t per_env = static_cast<size_t>(envs.num_agents());
    il_actions_.resize(static_cast<size_t>(envs.num_envs()) * per_env);
    cl_actions_.resize(il_actions_.size());
    il_.act(envs, mode, ActionBuffer{il_actions_.data(), nullptr});
    cl_.act(envs, mode, ActionBuffer{cl_actions_.data(), nullptr});
    int32_t* out = envs.discrete_actions();
    il_executed_.resize(g.size());
    for (size_t e = 0; e < g.size(); ++e) {
      const std::vector<int32_t>& src = g[e] ? cl_actions_ : il_actions_;
      std::copy(src.begin() + static_cast<long>(e * per_env), src.begin() + static_cast<long>((e + 1) * per_env),
                out + e * per_env);
      il_executed_[e] = g[e] ? 0 : 1;
    }
  }

  void on_step_end(const VectorEnv& envs, PolicyMode mode) override {
    global_.on_step_end(envs, mode != PolicyMode::kBehaviour);
    il_.on_step_end(envs, mode);
    cl_.on_step_end(envs, mode);
  }
  void reset_memory(int num_envs, PolicyMode mode) override {
    if (mode != PolicyMode::kBehaviour) global_.reset_evaluation(num_envs);
    il_.reset_memory(mode);
    cl_.reset_memory(mode);
  }

  // ---- Sink ----
  void before_step(const VectorEnv&) override {
    global_.before_step();
    il_.before_step(il_executed_.data());
    cl_.before_step(global_.cl_acts().data());
  }

  void after_step(const VectorEnv& envs) override {
    global_.after_step(envs);
    il_.after_step(envs);
    cl_.after_step(envs);
  }

  Metrics update(const TrainProgress& progress) override {
    Metrics out;
    auto add = [&out](const std::string& prefix, const Metrics& metrics) {
      for (const auto& kv : metrics) out.emplace_back(prefix + kv.first.substr(kv.first.find('/') + 1), kv.second);
    };
    add("il/", il_.update(progress));
    add("cl/", cl_.update(progress));
    add("switch/", global_.train(sample_rng_));
    out.emplace_back("mansa/cl_fraction", global_.take_window_cl_fraction());
    return out;
  }

  // ---- checkpoints ----
  void save(std::ostream& out) const override {
    write_string(out, "mansa-pg/1");
    for (const Rng* r : {&sample_rng_, &eval_rng_}) write_rng(out, *r);
    il_.save(out);
    cl_.save(out);
    global_.save(out);
  }

  void load(std::istream& in) override {
    if (read_string(in) != "mansa-pg/1") throw std::runtime_error("not a MANSA (IPPO + MAPPO) checkpoint");
    for (Rng* r : {&sample_rng_, &eval_rng_}) read_rng(in, *r);
    il_.load(in);
    cl_.load(in);
    global_.load(in);
  }

 private:
  MansaConfig config_;
  PpoLearner il_, cl_;
  GlobalSwitcher global_;
  Rng sample_rng_, eval_rng_;
  std::vector<int32_t> il_actions_, cl_actions_;
  std::vector<uint8_t> il_executed_;
};

}  // namespace

std::unique_ptr<Agent> make_mansa_pg_agent(const AgentContext& context) {
  return std::make_unique<MansaPgAgent>(context);
}

}  // namespace ember
