#include "core/registry.h"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember {
namespace {

// A do-nothing env whose spec is just an id and a discrete action.
class NullEnv : public Env {
 public:
  explicit NullEnv(std::string id) {
    spec_.id = std::move(id);
    spec_.observation = {{"obs", Space::box({1}, 0.0f, 1.0f)}};
    spec_.action = Space::discrete(2);
  }
  const EnvSpec& spec() const override { return spec_; }
  void seed(uint64_t) override {}
  void reset(const EnvSlot&) override {}
  void step(const ActionView&, const EnvSlot&) override {}

 private:
  EnvSpec spec_;
};

EnvRegistration env_reg(const std::string& id, std::vector<ParamSpec> params = {}) {
  return EnvRegistration{id, "test env " + id, std::move(params),
                         [id](const Params&) { return std::make_unique<NullEnv>(id); }};
}

AgentRegistration agent_reg(const std::string& id, std::vector<ParamSpec> params = {}) {
  AgentRegistration r;
  r.id = id;
  r.doc = "test agent " + id;
  r.params = std::move(params);
  r.make = [](const AgentContext&) -> std::unique_ptr<Agent> { return nullptr; };
  return r;
}

// A registered env is found by id with its declaration intact, and its factory works.
TEST(Registry, FindsRegisteredEnv) {
  Registry registry;
  registry.add_env(env_reg("Null-v0", {ParamSpec::integer("size", 8, 5, 19, "grid side")}));
  const EnvRegistration* reg = registry.find_env("Null-v0");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->id, "Null-v0");
  EXPECT_EQ(reg->doc, "test env Null-v0");
  EXPECT_EQ(reg->origin, "built-in");
  ASSERT_EQ(reg->params.size(), 1u);
  EXPECT_EQ(reg->params[0].name, "size");
  std::unique_ptr<Env> env = reg->make(Params::defaults(reg->params));
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(env->spec().id, "Null-v0");
}

// Unknown ids give null rather than throwing.
TEST(Registry, UnknownIdsReturnNull) {
  Registry registry;
  registry.add_env(env_reg("Null-v0"));
  registry.add_agent(agent_reg("random"));
  EXPECT_EQ(registry.find_env("Null-v1"), nullptr);
  EXPECT_EQ(registry.find_agent("ppo"), nullptr);
  EXPECT_NE(registry.find_agent("random"), nullptr);
  // Env and agent ids live in separate namespaces.
  EXPECT_EQ(registry.find_env("random"), nullptr);
}

// Registering an env id twice throws std::invalid_argument naming the id and first origin.
TEST(Registry, DuplicateEnvIdThrows) {
  Registry registry;
  registry.add_env(env_reg("Null-v0"));
  EnvRegistration again = env_reg("Null-v0");
  again.origin = "/plugins/libnull.so";
  try {
    registry.add_env(again);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "env id 'Null-v0' is already registered (by built-in)");
  }
  EXPECT_EQ(registry.env_ids().size(), 1u);
}

// Registering an agent id twice throws std::invalid_argument naming the id.
TEST(Registry, DuplicateAgentIdThrows) {
  Registry registry;
  registry.add_agent(agent_reg("ppo"));
  try {
    registry.add_agent(agent_reg("ppo"));
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "agent id 'ppo' is already registered");
  }
}

// env_ids() and agent_ids() are sorted regardless of registration order.
TEST(Registry, IdsAreSorted) {
  Registry registry;
  for (const char* id : {"lbf", "CartPole-v1", "minigrid", "Acrobot-v1"}) registry.add_env(env_reg(id));
  for (const char* id : {"qmix", "dqn", "ppo"}) registry.add_agent(agent_reg(id));
  EXPECT_EQ(registry.env_ids(),
            (std::vector<std::string>{"Acrobot-v1", "CartPole-v1", "lbf", "minigrid"}));
  EXPECT_EQ(registry.agent_ids(), (std::vector<std::string>{"dqn", "ppo", "qmix"}));
}

// Pointers returned by find_* stay valid while more registrations are added (plugins load late).
TEST(Registry, PointersSurviveLaterRegistrations) {
  Registry registry;
  registry.add_env(env_reg("first"));
  const EnvRegistration* first = registry.find_env("first");
  for (int i = 0; i < 100; ++i) registry.add_env(env_reg("env" + std::to_string(i)));
  EXPECT_EQ(first, registry.find_env("first"));
  EXPECT_EQ(first->id, "first");
}

// Declarations a config could never satisfy are rejected at registration time.
TEST(Registry, RejectsMalformedParameterDeclarations) {
  Registry registry;
  try {
    registry.add_env(env_reg("bad", {ParamSpec::integer("size", 25, 5, 19, "")}));
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "env 'bad': default of parameter 'size': expected int in [5, 19], got 25");
  }
  EXPECT_THROW(registry.add_env(env_reg("clash", {ParamSpec::integer("num_envs", 4, 1, 8, "")})),
               std::invalid_argument);
  EXPECT_THROW(registry.add_agent(agent_reg("dup", {ParamSpec::boolean("x", true, ""),
                                                    ParamSpec::boolean("x", false, "")})),
               std::invalid_argument);
  EXPECT_THROW(registry.add_agent(agent_reg("reserved", {ParamSpec::string("id", "a", {}, "")})),
               std::invalid_argument);
  EXPECT_THROW(registry.add_env(env_reg("")), std::invalid_argument);
  // Nothing was half-registered.
  EXPECT_TRUE(registry.env_ids().empty());
  EXPECT_TRUE(registry.agent_ids().empty());
}

}  // namespace
}  // namespace ember
