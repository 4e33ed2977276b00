#include "agents/ppo/ppo_agent.h"

#include <istream>
#include <ostream>

#include "agents/common/learner_policy.h"
#include "agents/ppo/ppo_config.h"
#include "agents/ppo/ppo_learner.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {
namespace {

// PPO, IPPO and MAPPO: one PpoLearner whose actions are always executed.
class PpoAgent : public Agent, public Sink {
 public:
  explicit PpoAgent(const AgentContext& ctx)
      : learner_(PpoConfig::from_params(ctx.params), ctx.spec, ctx.num_envs, ctx.seed),
        behaviour_(learner_, PpoLearner::Mode::kBehaviour),
        greedy_(learner_, PpoLearner::Mode::kGreedy),
        sampling_(learner_, PpoLearner::Mode::kSample) {}

  Policy& behaviour_policy() override { return behaviour_; }
  Policy& greedy_policy() override { return greedy_; }
  Policy& evaluation_policy(bool deterministic) override { return deterministic ? greedy_ : sampling_; }
  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return learner_.rollout_length(); }

  void before_step(const VectorEnv&) override { learner_.before_step(nullptr); }
  void after_step(const VectorEnv& envs) override { learner_.after_step(envs); }
  Metrics update(const TrainProgress& progress) override { return learner_.update(progress); }

  void save(std::ostream& out) const override { learner_.save(out); }
  void load(std::istream& in) override { learner_.load(in); }

 private:
  PpoLearner learner_;
  LearnerPolicy<PpoLearner> behaviour_, greedy_, sampling_;
};

}  // namespace

std::string ppo_compatibility(const EnvSpec& spec) {
  if (ppo_policy_field(spec) < 0) return "PPO needs an f32 Box observation field (e.g. 'obs')";
  if (spec.action.kind == SpaceKind::kMultiDiscrete) return "PPO does not support MultiDiscrete actions yet";
  return "";
}

std::unique_ptr<Agent> make_ppo_agent(const AgentContext& context) {
  return std::make_unique<PpoAgent>(context);
}

void register_ppo(Registry& registry) {
  registry.add_agent({"ppo",
                      "Proximal Policy Optimisation (GAE, clipping; discrete or Gaussian actions; "
                      "parameter sharing across agents)",
                      ppo_param_specs(), make_ppo_agent, ppo_compatibility});
  registry.add_agent({"ippo",
                      "independent PPO for multi-agent envs: shared actor and per-agent-observation critic "
                      "with agent-id inputs (EPyMARL ippo)",
                      ppo_param_specs("ippo"), make_ppo_agent, ppo_compatibility});
  registry.add_agent({"mappo",
                      "multi-agent PPO: shared actor, centralised critic on the global state "
                      "(EPyMARL mappo)",
                      ppo_param_specs("mappo"), make_ppo_agent, ppo_compatibility});
}

}  // namespace ember
