// MANSA's checkpoints, one agent class for both pairs: each pair writes its
// own format tag ("mansa/2" for IQL + QMIX/VDN, "mansa-pg/1" for IPPO +
// MAPPO, the layouts of the two classes MANSA was before), an agent loaded
// from a checkpoint continues exactly as the one that wrote it, and a
// checkpoint of the other pair is refused with a message naming both formats.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>

#include "agents/register_builtin.h"
#include "core/binary_io.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

class MansaCheckpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    set_torch_threads(1);
    register_builtin_envs(registry_);
    register_builtin_agents(registry_);
  }
  // Small LBF envs, reset with seed 1.
  std::unique_ptr<VectorEnv> lbf() {
    const EnvRegistration* reg = registry_.find_env("lbf");
    Params p = Params::defaults(reg->params);
    p.set("size", int64_t{5});
    p.set("players", int64_t{2});
    p.set("food", int64_t{1});
    p.set("max_episode_steps", int64_t{10});
    std::vector<std::unique_ptr<Env>> envs;
    for (int i = 0; i < 2; ++i) envs.push_back(reg->make(p));
    auto v = std::make_unique<VectorEnv>(std::move(envs), 1);
    v->reset(1);
    return v;
  }
  std::unique_ptr<Agent> mansa(const std::string& il, const std::string& cl) {
    const AgentRegistration* reg = registry_.find_agent("mansa");
    params_ = Params::defaults(reg->params);
    params_.set("il", il);
    params_.set("cl", cl);
    params_.set("rollout_length", int64_t{10});
    if (il == "iql") {
      params_.set("il_hidden", int64_t{8});
      params_.set("cl_hidden", int64_t{8});
      params_.set("batch_size", int64_t{2});
    }
    spec_ = lbf()->spec();
    return reg->make({params_, spec_, 2, 5, 1000});
  }
  // One rollout and update; the update's metrics as text (NaN-safe).
  static std::string rollout_and_update(Agent& agent, VectorEnv& envs) {
    collect(envs, agent.behaviour_policy(), CollectLimit::steps(agent.rollout_length()), agent.sink(), nullptr);
    std::ostringstream text;
    for (const auto& [name, value] : agent.update({})) text << name << '=' << value << ' ';
    return text.str();
  }
  Registry registry_;
  Params params_;
  EnvSpec spec_;
};

TEST_F(MansaCheckpoint, EachPairKeepsItsFormatAndRestoresExactly) {
  for (const auto& [il, cl, format] : {std::make_tuple("iql", "qmix", "mansa/2"),
                                       std::make_tuple("iql", "vdn", "mansa/2"),
                                       std::make_tuple("ippo", "mappo", "mansa-pg/1")}) {
    // `original` trains two rollouts (weights, replay, RNGs all move); a twin
    // from the same seed mirrors it on a second env set, to hand the
    // restored agent envs in the same state.
    auto envs = lbf(), mirrored = lbf();
    auto original = mansa(il, cl), twin = mansa(il, cl);
    for (int i = 0; i < 2; ++i) EXPECT_EQ(rollout_and_update(*original, *envs), rollout_and_update(*twin, *mirrored));
    std::ostringstream out;
    original->save(out);
    std::istringstream tag(out.str());
    EXPECT_EQ(read_string(tag), format) << il << " + " << cl;

    auto restored = mansa(il, cl);
    std::istringstream in(out.str());
    restored->load(in);
    const std::string expected = rollout_and_update(*original, *envs);
    EXPECT_NE(expected.find("mansa/cl_fraction"), std::string::npos) << expected;
    EXPECT_EQ(rollout_and_update(*restored, *mirrored), expected) << il << " + " << cl;
  }
}

TEST_F(MansaCheckpoint, TheOtherPairsCheckpointIsRefusedNamingBothFormats) {
  auto envs = lbf();
  auto value = mansa("iql", "qmix");
  rollout_and_update(*value, *envs);
  std::ostringstream out;
  value->save(out);
  const std::string value_pair = out.str();
  auto pg = mansa("ippo", "mappo");
  std::istringstream in(value_pair);
  try {
    pg->load(in);
    ADD_FAILURE() << "the policy-gradient pair loaded a value-pair checkpoint";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'mansa/2'"), std::string::npos) << message;
    EXPECT_NE(message.find("'mansa-pg/1'"), std::string::npos) << message;
    EXPECT_NE(message.find("il: ippo"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace ember
