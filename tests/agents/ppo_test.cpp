// Smoke tests of PPO on real envs: short runs that must beat the random
// policy. The long learning runs (475 on CartPole, Pendulum curves) live in
// benchmarks/ (scripts/bench_learning.sh).

#include <gtest/gtest.h>

#include <sstream>

#include "agents/ppo/ppo_agent.h"
#include "agents/register_builtin.h"
#include "core/config.h"
#include "core/evaluator.h"
#include "core/random_policy.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/stats.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

std::unique_ptr<VectorEnv> make_envs(const Registry& registry, const std::string& id, int n) {
  const EnvRegistration* reg = registry.find_env(id);
  std::vector<std::unique_ptr<Env>> envs;
  for (int i = 0; i < n; ++i) envs.push_back(reg->make(Params::defaults(reg->params)));
  return std::make_unique<VectorEnv>(std::move(envs), 1);
}

// Trains `agent` for `updates` rollouts and returns its greedy mean return.
double train_and_evaluate(Agent& agent, VectorEnv& envs, VectorEnv& eval_envs, int updates) {
  envs.reset(1);
  const int64_t per_update = agent.rollout_length() * envs.num_envs();
  for (int u = 0; u < updates; ++u) {
    collect(envs, agent.behaviour_policy(), CollectLimit::steps(agent.rollout_length()), agent.sink(), nullptr);
    agent.update({(u + 1) * per_update, updates * per_update});
  }
  return mean_of(evaluate(agent.greedy_policy(), eval_envs, 16, 123).returns);
}

class PpoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    set_torch_threads(1);
    register_builtin_envs(registry_);
    register_builtin_agents(registry_);
  }
  Params ppo_params(std::vector<std::pair<std::string, ParamValue>> overrides) {
    Params p = Params::defaults(registry_.find_agent("ppo")->params);
    for (auto& kv : overrides) p.set(kv.first, kv.second);
    return p;
  }
  Registry registry_;
};

// PPO learns CartPole well beyond the random policy's ~22 within 40k steps.
TEST_F(PpoTest, CartPoleBeatsRandomPolicy) {
  auto envs = make_envs(registry_, "CartPole-v1", 8);
  auto eval_envs = make_envs(registry_, "CartPole-v1", 8);
  const Params params = ppo_params({{"rollout_length", int64_t{32}}, {"epochs", int64_t{10}},
                                    {"lr", 1e-3}, {"ent_coef", 0.0}, {"gae_lambda", 0.8}, {"gamma", 0.98}});
  auto ppo = make_ppo_agent({params, envs->spec(), 8, 7, 40000});
  RandomPolicy random(envs->spec(), 5);
  const double random_return = mean_of(evaluate(random, *eval_envs, 16, 123).returns);
  const double ppo_return = train_and_evaluate(*ppo, *envs, *eval_envs, 40000 / (32 * 8));
  EXPECT_LT(random_return, 40.0);
  EXPECT_GT(ppo_return, 150.0) << "random policy: " << random_return;
}

// Gaussian PPO improves Pendulum's return over the random policy within 100k steps.
TEST_F(PpoTest, PendulumImprovesOnRandomPolicy) {
  auto envs = make_envs(registry_, "Pendulum-v1", 8);
  auto eval_envs = make_envs(registry_, "Pendulum-v1", 8);
  const Params params = ppo_params({{"rollout_length", int64_t{256}}, {"epochs", int64_t{10}}, {"minibatches", int64_t{32}},
                                    {"lr", 1e-3}, {"ent_coef", 0.0}, {"gamma", 0.9}, {"normalize_obs", true},
                                    {"normalize_reward", true}, {"anneal_lr", false}});
  auto ppo = make_ppo_agent({params, envs->spec(), 8, 7, 100000});
  RandomPolicy random(envs->spec(), 5);
  const double random_return = mean_of(evaluate(random, *eval_envs, 16, 123).returns);
  const double ppo_return = train_and_evaluate(*ppo, *envs, *eval_envs, 100000 / (256 * 8));
  EXPECT_GT(ppo_return, random_return + 200.0) << "random " << random_return << " ppo " << ppo_return;
}

// Saving and loading an agent restores identical greedy behaviour.
TEST_F(PpoTest, SaveLoadRoundTripKeepsThePolicy) {
  auto envs = make_envs(registry_, "CartPole-v1", 4);
  auto eval_envs = make_envs(registry_, "CartPole-v1", 4);
  const Params params = ppo_params({{"rollout_length", int64_t{16}}});
  auto a = make_ppo_agent({params, envs->spec(), 4, 1, 1000});
  train_and_evaluate(*a, *envs, *eval_envs, 3);
  std::stringstream state;
  a->save(state);
  auto b = make_ppo_agent({params, envs->spec(), 4, 99, 1000});
  b->load(state);
  const EvalResult ra = evaluate(a->greedy_policy(), *eval_envs, 8, 5);
  const EvalResult rb = evaluate(b->greedy_policy(), *eval_envs, 8, 5);
  EXPECT_EQ(ra.returns, rb.returns);
}

}  // namespace
}  // namespace ember
