// The custom-agent example (examples/custom_agent, docs/custom_agents.md),
// built as a plugin the way an out-of-tree user builds it: it registers
// `hill_climb` with its declared parameters, refuses envs it cannot drive,
// learns CartPole-v1 well beyond the random policy through collect(), and its
// checkpoint restores the learnt weights.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>

#include "core/evaluator.h"
#include "core/plugin.h"
#include "core/random_policy.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/stats.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

class CustomAgentExample : public ::testing::Test {
 protected:
  void SetUp() override {
    register_builtin_envs(registry_);
    load_plugin(EMBER_TEST_PLUGIN_HILL_CLIMB, registry_);
  }
  std::unique_ptr<VectorEnv> cartpole(int n) {
    const EnvRegistration* reg = registry_.find_env("CartPole-v1");
    const Params p = Params::defaults(reg->params);
    std::vector<std::unique_ptr<Env>> envs;
    for (int i = 0; i < n; ++i) envs.push_back(reg->make(p));
    return std::make_unique<VectorEnv>(std::move(envs), 1);
  }
  std::unique_ptr<Agent> agent(const VectorEnv& envs, uint64_t seed) {
    const AgentRegistration* reg = registry_.find_agent("hill_climb");
    params_ = Params::defaults(reg->params);
    spec_ = envs.spec();
    return reg->make({params_, spec_, envs.num_envs(), seed, 0});
  }
  Registry registry_;
  Params params_;
  EnvSpec spec_;
};

TEST_F(CustomAgentExample, RegistersItsDeclaredParametersAndChecksTheEnv) {
  const AgentRegistration* reg = registry_.find_agent("hill_climb");
  ASSERT_NE(reg, nullptr);
  ASSERT_EQ(reg->params.size(), 2u);
  EXPECT_EQ(reg->params[0].name, "rollout_length");
  EXPECT_EQ(std::get<int64_t>(reg->params[0].default_value), 500);
  EXPECT_EQ(reg->params[1].name, "noise");
  EXPECT_EQ(reg->compatible(cartpole(1)->spec()), "");
  const EnvRegistration* pendulum = registry_.find_env("Pendulum-v1");
  EXPECT_NE(reg->compatible(pendulum->make(Params::defaults(pendulum->params))->spec()), "");  // Box actions
}

TEST_F(CustomAgentExample, LearnsCartPoleThroughCollectAndCheckpointsTheWeights) {
  auto envs = cartpole(8);
  auto eval_envs = cartpole(8);
  auto a = agent(*envs, 3);
  envs->reset(1);
  double best = 0;
  for (int update = 0; update < 40; ++update) {
    collect(*envs, a->behaviour_policy(), CollectLimit::steps(a->rollout_length()), a->sink(), nullptr);
    best = a->update({}).at(1).second;
  }
  const double learned = mean_of(evaluate(a->greedy_policy(), *eval_envs, 16, 7).returns);
  RandomPolicy random(eval_envs->spec(), 5);
  const double uniform = mean_of(evaluate(random, *eval_envs, 16, 7).returns);
  EXPECT_GT(learned, 4 * uniform) << "random " << uniform << ", learned " << learned << ", best candidate " << best;

  // A fresh agent loaded from the checkpoint acts as the trained one.
  std::stringstream checkpoint;
  a->save(checkpoint);
  auto restored = agent(*envs, 99);
  restored->load(checkpoint);
  EXPECT_EQ(evaluate(restored->greedy_policy(), *eval_envs, 16, 7).returns,
            evaluate(a->greedy_policy(), *eval_envs, 16, 7).returns);
}

}  // namespace
}  // namespace ember
