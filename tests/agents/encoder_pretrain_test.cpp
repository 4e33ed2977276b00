// Tests of encoder pretraining and frozen encoders
// (agents/pretrain/encoder_pretrain_agent.h, pretrained_encoder.h): the
// pretrainer fits objectnav's "visible" labels, its checkpoint's CNN loads
// into a visual PPO policy and stays frozen through training, and every bad
// encoder file is refused naming the key and the file.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <torch/torch.h>

#include "agents/ppo/visual_ppo_config.h"
#include "agents/ppo/visual_ppo_learner.h"
#include "agents/pretrain/pretrained_encoder.h"
#include "agents/register_builtin.h"
#include "core/binary_io.h"
#include "core/checkpoint.h"
#include "core/registry.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"
#include "models/init.h"
#include "models/visual_actor_critic.h"
#include "tests/agents/visual_ppo_harness.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

const std::vector<int64_t> kChannels = {8, 16, 16};

class EncoderPretrainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    register_builtin_envs(registry_);
    register_builtin_agents(registry_);
    dir_ = fs::temp_directory_path() / ("ember_encoder_pretrain_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Rendered starter-tier objectnav envs, optionally with the "visible" labels.
  std::unique_ptr<VectorEnv> nav_envs(int n, bool visible) {
    const EnvRegistration* reg = registry_.find_env("objectnav");
    Params p = Params::defaults(reg->params);
    p.set("tier", int64_t{3});
    p.set("max_episode_steps", int64_t{40});
    p.set("visible", visible);
    std::vector<std::unique_ptr<Env>> envs;
    for (int i = 0; i < n; ++i) envs.push_back(reg->make(p));
    auto v = std::make_unique<VectorEnv>(std::move(envs), 1);
    v->reset(21);
    return v;
  }
  std::unique_ptr<Agent> pretrainer(const EnvSpec& spec, int num_envs) {
    const AgentRegistration* reg = registry_.find_agent("encoder_pretrain");
    Params p = Params::defaults(reg->params);
    p.set("conv_channels", kChannels);
    p.set("rollout_length", int64_t{32});
    return reg->make(AgentContext{p, spec, num_envs, 5, 0});
  }
  VisualPpoConfig visual_config(const std::string& encoder_checkpoint, double lr = 3e-4) {
    Params p = Params::defaults(registry_.find_agent("visual_ppo")->params);
    p.set("lr", lr);
    p.set("gru_hidden", int64_t{16});
    p.set("conv_channels", kChannels);
    p.set("rollout_length", int64_t{16});
    p.set("bptt_length", int64_t{8});
    p.set("epochs", int64_t{1});
    p.set("minibatches", int64_t{1});
    p.set("encoder_checkpoint", encoder_checkpoint);
    return VisualPpoConfig::from_params(p);
  }
  // One rollout of the agent's behaviour policy and its update.
  static Metrics rollout_and_update(Agent& agent, VectorEnv& envs) {
    collect(envs, agent.behaviour_policy(), CollectLimit::steps(agent.rollout_length()), agent.sink(), nullptr);
    return agent.update({0, 1'000'000});
  }
  static double metric(const Metrics& m, const std::string& name) {
    for (const auto& [k, v] : m)
      if (k == name) return v;
    ADD_FAILURE() << "no metric " << name;
    return NAN;
  }
  // An encoder pretraining checkpoint of `agent` at `path`.
  static void write_pretrain_checkpoint(const Agent& agent, const std::string& path) {
    write_checkpoint(path, "name: pretrain\n", "", {}, [&](std::ostream& out) { agent.save(out); });
  }
  // A pretraining checkpoint after one update, in the test's folder.
  std::string pretrained_encoder_file() {
    auto labelled = nav_envs(2, true);
    auto agent = pretrainer(labelled->spec(), 2);
    rollout_and_update(*agent, *labelled);
    const std::string path = (dir_ / "pretrain.ckpt").string();
    write_pretrain_checkpoint(*agent, path);
    return path;
  }
  // The encoder weights a visual PPO checkpoint (agent section) holds.
  static std::vector<at::Tensor> encoder_of(const VisualPpoLearner& learner, const VisualPpoConfig& config,
                                            const EnvSpec& spec) {
    std::stringstream s;
    learner.save(s);
    read_string(s);         // format
    read_pod<int64_t>(s);   // updates
    Rng rng;
    read_rng(s, rng);
    const auto rows = read_pod<uint64_t>(s);
    s.ignore(static_cast<std::streamsize>(rows * sizeof(int64_t)));  // previous actions
    std::istringstream weights(read_string(s));
    torch::serialize::InputArchive archive;
    archive.load_from(weights);
    VisualActorCriticOptions o;
    o.num_goals = spec.observation[spec.field_index("goal")].space.numel();
    o.hidden = config.gru_hidden;
    o.encoder.channels = config.conv_channels;
    at::Generator gen = make_generator(1);
    VisualActorCritic model(o, gen);
    model->load(archive);
    return model->encoder()->parameters();
  }

  Registry registry_;
  fs::path dir_;
};

// A few updates on fresh frames lower the held-out loss from the initial
// weights' and every metric stays finite; the labels have positives.
TEST_F(EncoderPretrainTest, PretrainingLowersTheHeldOutLoss) {
  auto envs = nav_envs(4, true);
  auto agent = pretrainer(envs->spec(), 4);
  const Metrics first = rollout_and_update(*agent, *envs);
  Metrics last;
  for (int u = 0; u < 5; ++u) last = rollout_and_update(*agent, *envs);
  for (const auto& [name, value] : last) EXPECT_TRUE(std::isfinite(value)) << name;
  EXPECT_GT(metric(first, "pretrain/positive_rate"), 0.0);
  EXPECT_LT(metric(last, "pretrain/held_out_loss"), metric(first, "pretrain/held_out_loss"));
}

// Without labels (visible: false) the pretrainer is refused with the reason.
TEST_F(EncoderPretrainTest, RefusesAnEnvWithoutLabels) {
  auto envs = nav_envs(1, false);
  try {
    pretrainer(envs->spec(), 1);
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("env.visible: true"), std::string::npos) << e.what();
  }
}

// The visual policy's CNN is the pretrained one, is not trained (not counted
// as trainable, unchanged after updates), and everything else still trains.
TEST_F(EncoderPretrainTest, FrozenEncoderIsLoadedAndNeverTrained) {
  const std::string path = pretrained_encoder_file();

  auto envs = nav_envs(2, false);
  const VisualPpoConfig frozen = visual_config(path), trainable = visual_config("");
  VisualPpoLearner learner(frozen, envs->spec(), 2, 3);
  VisualPpoLearner reference(trainable, envs->spec(), 2, 3);
  int64_t cnn = 0;
  for (const at::Tensor& p : encoder_of(reference, trainable, envs->spec())) cnn += p.numel();
  EXPECT_EQ(learner.parameter_count(), reference.parameter_count() - cnn);

  std::vector<at::Tensor> pretrained;
  {
    at::Generator gen = make_generator(9);
    ConvEncoderOptions o;
    o.channels = kChannels;
    ConvEncoder e(o, 64, 64, gen);
    load_pretrained_encoder(path, kChannels, 64, 64, e);
    pretrained = e->parameters();
  }
  for (int u = 0; u < 2; ++u) collect_and_update(learner, *envs, u * 32);
  const std::vector<at::Tensor> after = encoder_of(learner, frozen, envs->spec());
  ASSERT_EQ(after.size(), pretrained.size());
  for (size_t i = 0; i < after.size(); ++i) EXPECT_TRUE(torch::equal(after[i], pretrained[i])) << "tensor " << i;
}

// With a frozen encoder the update replays the grids kept while acting, not
// the frames: at lr 0 the replayed policy is the acting one (KL 0, nothing
// clipped), so the kept grids are the very inputs the actions came from.
TEST_F(EncoderPretrainTest, FrozenEncoderUpdateReplaysTheKeptGrids) {
  const std::string path = pretrained_encoder_file();

  auto envs = nav_envs(2, false);
  VisualPpoLearner learner(visual_config(path, 0.0), envs->spec(), 2, 4);
  const Metrics m = collect_and_update(learner, *envs, 0);
  EXPECT_LT(metric(m, "losses/approx_kl"), 1e-9);
  EXPECT_EQ(metric(m, "losses/clipfrac"), 0.0);
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

// Missing, truncated, foreign and mis-shaped encoder files: each a clear
// error naming agent.encoder_checkpoint and the file.
TEST_F(EncoderPretrainTest, BadEncoderFilesAreRefusedNamingKeyAndFile) {
  auto labelled = nav_envs(1, true);
  auto agent = pretrainer(labelled->spec(), 1);
  const std::string good = (dir_ / "good.ckpt").string();
  write_pretrain_checkpoint(*agent, good);
  auto envs = nav_envs(1, false);
  auto build = [&](const std::string& path, std::vector<int64_t> channels = kChannels) {
    VisualPpoConfig c = visual_config(path);
    c.conv_channels = channels;
    return [=, &envs] { VisualPpoLearner l(c, envs->spec(), 1, 1); };
  };

  const std::string missing = (dir_ / "missing.ckpt").string();
  std::string e = error_of(build(missing));
  EXPECT_NE(e.find("agent.encoder_checkpoint"), std::string::npos) << e;
  EXPECT_NE(e.find(missing), std::string::npos) << e;

  const std::string truncated = (dir_ / "truncated.ckpt").string();
  {
    std::ifstream in(good, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  e = error_of(build(truncated));
  EXPECT_NE(e.find("agent.encoder_checkpoint"), std::string::npos) << e;
  EXPECT_NE(e.find(truncated), std::string::npos) << e;

  e = error_of(build(good, {4, 8, 8}));
  EXPECT_NE(e.find("conv_channels [8, 16, 16] for 64x64 frames; this agent has conv_channels [4, 8, 8]"), std::string::npos) << e;

  const std::string foreign = (dir_ / "visual.ckpt").string();
  {
    VisualPpoLearner other(visual_config(""), envs->spec(), 1, 1);
    write_checkpoint(foreign, "name: x\n", "", {}, [&](std::ostream& out) { other.save(out); });
  }
  e = error_of(build(foreign));
  EXPECT_NE(e.find("not an encoder pretraining checkpoint"), std::string::npos) << e;
  EXPECT_NE(e.find(foreign), std::string::npos) << e;
}

}  // namespace
}  // namespace ember
