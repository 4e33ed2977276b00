#include "agents/ppo/visual_ppo_agent.h"

#include <istream>
#include <ostream>

#include "agents/common/learner_policy.h"
#include "agents/ppo/visual_ppo_config.h"
#include "agents/ppo/visual_ppo_learner.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {
namespace {

class VisualPpoAgent : public Agent, public Sink {
 public:
  explicit VisualPpoAgent(const AgentContext& ctx)
      : learner_(VisualPpoConfig::from_params(ctx.params), ctx.spec, ctx.num_envs, ctx.seed),
        behaviour_(learner_, VisualPpoLearner::Mode::kBehaviour),
        greedy_(learner_, VisualPpoLearner::Mode::kGreedy),
        sampling_(learner_, VisualPpoLearner::Mode::kSample) {}

  Policy& behaviour_policy() override { return behaviour_; }
  Policy& greedy_policy() override { return greedy_; }
  Policy& evaluation_policy(bool deterministic) override { return deterministic ? greedy_ : sampling_; }
  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return learner_.rollout_length(); }

  void before_step(const VectorEnv& envs) override { learner_.before_step(envs); }
  void after_step(const VectorEnv& envs) override { learner_.after_step(envs); }
  Metrics update(const TrainProgress& progress) override { return learner_.update(progress); }

  void save(std::ostream& out) const override { learner_.save(out); }
  void load(std::istream& in) override { learner_.load(in); }

 private:
  VisualPpoLearner learner_;
  LearnerPolicy<VisualPpoLearner> behaviour_, greedy_, sampling_;
};

std::unique_ptr<Agent> make_visual_ppo_agent(const AgentContext& context) {
  return std::make_unique<VisualPpoAgent>(context);
}

}  // namespace

void register_visual_ppo(Registry& registry) {
  registry.add_agent({"visual_ppo",
                      "recurrent visual actor-critic (CNN, goal fusion, optional task-conditioned codebook "
                      "bottleneck, GRU) trained with PPO on image observations ('rgb' + 'goal')",
                      visual_ppo_param_specs(), make_visual_ppo_agent, visual_ppo_compatibility});
}

}  // namespace ember
