// build_run: each VectorEnv is created once (no extra env to check the
// agent), the agent gets the run's derived seed and the built envs' spec, an
// agent that cannot drive the env is refused naming file, line and key, and
// a recorded run is driven by the oracle agent.
#include "run/build_run.h"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

#include "core/random_policy.h"
#include "core/rng.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

// What the fake agent factory saw.
struct AgentCall {
  int calls = 0;
  uint64_t seed = 0;
  int num_envs = 0;
  std::string spec_id;
};

class FakeAgent : public Agent {
 public:
  explicit FakeAgent(const EnvSpec& spec) : policy_(spec, 1) {}
  Policy& behaviour_policy() override { return policy_; }
  Policy& greedy_policy() override { return policy_; }
  Sink* sink() override { return nullptr; }
  int64_t rollout_length() const override { return 1; }
  Metrics update(const TrainProgress&) override { return {}; }
  void save(std::ostream&) const override {}
  void load(std::istream&) override {}

 private:
  RandomPolicy policy_;
};

AgentRegistration fake_agent(const std::string& id, AgentCall* call, AgentCompatibility compatible = {}) {
  AgentRegistration reg;
  reg.id = id;
  reg.doc = "records how it was built";
  reg.make = [call](const AgentContext& ctx) -> std::unique_ptr<Agent> {
    ++call->calls;
    call->seed = ctx.seed;
    call->num_envs = ctx.num_envs;
    call->spec_id = ctx.spec.id;
    return std::make_unique<FakeAgent>(ctx.spec);
  };
  reg.compatible = std::move(compatible);
  return reg;
}

// The built-in envs, with CartPole-v1's factory counting the envs it makes.
Registry counting_registry(int* made) {
  Registry builtin;
  register_builtin_envs(builtin);
  EnvRegistration cartpole = *builtin.find_env("CartPole-v1");
  Registry r;
  const EnvFactory make = cartpole.make;
  cartpole.make = [made, make](const Params& p) {
    ++*made;
    return make(p);
  };
  r.add_env(cartpole);
  r.add_env(*builtin.find_env("lbf"));
  return r;
}

const char kConfig[] =
    "env: {id: CartPole-v1, num_envs: 3}\n"
    "agent:\n"
    "  id: fake\n"
    "train: {seed: 7, eval_num_envs: 2}\n";

// A registry whose CartPole factory counts into `made` and whose agent "fake" records into `call`.
class BuildRun : public ::testing::Test {
 protected:
  ember::Run build(RunUse use) { return build_run(parse_run_config(kConfig, "t.yaml", {}, registry), registry, use); }

  int made = 0;
  AgentCall call;
  Registry registry = counting_registry(&made);
};

TEST_F(BuildRun, TrainingBuildsEachVectorEnvOnceAndSeedsTheAgent) {
  registry.add_agent(fake_agent("fake", &call));
  ember::Run run = build(RunUse::kTrain);
  EXPECT_EQ(made, 3 + 2);  // parsing built none, the agent check reused env 0
  EXPECT_EQ(run.envs->num_envs(), 3);
  EXPECT_EQ(run.eval_envs->num_envs(), 2);
  EXPECT_EQ(call.calls, 1);
  EXPECT_EQ(call.num_envs, 3);
  EXPECT_EQ(call.spec_id, "CartPole-v1");
  EXPECT_EQ(call.seed, derive_seed(7, "agent"));
  EXPECT_EQ(run.seeds.train_envs, derive_seed(7, "train-envs"));
}

TEST_F(BuildRun, EvaluationBuildsOnlyTheEvaluationEnvs) {
  registry.add_agent(fake_agent("fake", &call));
  ember::Run run = build(RunUse::kEvaluate);
  EXPECT_EQ(made, 2);
  EXPECT_EQ(run.envs, nullptr);
  EXPECT_EQ(run.eval_envs->num_envs(), 2);
  EXPECT_EQ(call.num_envs, 3);  // the agent is the one trained on env.num_envs envs
}

TEST_F(BuildRun, AnAgentThatCannotDriveTheEnvNamesFileLineAndKey) {
  registry.add_agent(fake_agent("fake", &call, [](const EnvSpec& spec) {
    return spec.num_agents < 2 ? std::string("needs a multi-agent env") : std::string();
  }));
  try {
    build(RunUse::kTrain);
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "t.yaml:3: agent.id: agent 'fake' cannot drive env 'CartPole-v1': needs a multi-agent env");
  }
  EXPECT_EQ(call.calls, 0);
}

TEST_F(BuildRun, RecordingDrivesTheOracleOnOneEnvAndSkipsEnvsWithoutAnExpert) {
  AgentCall oracle;
  registry.add_agent(fake_agent("fake", &call));
  registry.add_agent(fake_agent("oracle", &oracle));
  ember::Run run = build(RunUse::kRecord);
  EXPECT_EQ(made, 1);
  EXPECT_EQ(run.envs->num_envs(), 1);
  EXPECT_EQ(run.agent, nullptr);  // CartPole has no scripted expert
  EXPECT_EQ(call.calls + oracle.calls, 0);
  EXPECT_EQ(run.config.agent_id, "fake");  // the config is kept as it was asked for
}

}  // namespace
}  // namespace ember
