// The "oracle" agent (agents/scripted/oracle_agent.h): through
// the registry and a multi-env VectorEnv it reaches every env's expert-action
// hook and succeeds on objectnav; it refuses envs without an expert.
#include <gtest/gtest.h>

#include "agents/register_builtin.h"
#include "core/agent.h"
#include "core/evaluator.h"
#include "core/registry.h"
#include "core/stats.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

TEST(OracleAgent, SucceedsOnObjectNavThroughVectorEnv) {
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  const EnvRegistration* reg = registry.find_env("objectnav");
  ASSERT_NE(reg, nullptr);
  Params env_params = Params::defaults(reg->params);
  env_params.set("split", ParamValue(std::string("test")));
  env_params.set("tier", ParamValue(int64_t{1}));
  env_params.set("render", ParamValue(false));
  env_params.set("shaping", ParamValue(false));
  std::vector<std::unique_ptr<Env>> envs;
  for (int i = 0; i < 3; ++i) envs.push_back(reg->make(env_params));
  VectorEnv venv(std::move(envs), 2);
  const AgentRegistration* agent_reg = registry.find_agent("oracle");
  ASSERT_NE(agent_reg, nullptr);
  EXPECT_EQ(agent_reg->compatible(venv.spec()), "");
  const Params agent_params = Params::defaults(agent_reg->params);
  auto agent = agent_reg->make(AgentContext{agent_params, venv.spec(), 3, 1, 0});
  const EvalResult r = evaluate(agent->greedy_policy(), venv, 9, 5);
  ASSERT_EQ(r.metric_names[0], "success");
  EXPECT_EQ(mean_of(r.metrics[0]), 1.0);
  EXPECT_GT(mean_of(r.metrics[1]), 0.85);  // spl
}

TEST(OracleAgent, RefusesEnvsWithoutAnExpert) {
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  const AgentRegistration* agent_reg = registry.find_agent("oracle");
  const EnvRegistration* cartpole = registry.find_env("CartPole-v1");
  auto env = cartpole->make(Params::defaults(cartpole->params));
  EXPECT_NE(agent_reg->compatible(env->spec()), "");
  const Params agent_params = Params::defaults(agent_reg->params);
  EXPECT_THROW(agent_reg->make(AgentContext{agent_params, env->spec(), 1, 1, 0}), std::invalid_argument);
}

}  // namespace
}  // namespace ember
