// Tests of the codebook visual policy (models/codebook_bottleneck.h,
// models/visual_actor_critic.h, agents/ppo/visual_ppo_learner.h): the
// bottleneck has the reference's size and arithmetic, and a short PPO run on
// rendered objectnav frames replays its recurrent rollout exactly, keeps its
// losses finite and restores itself from a checkpoint. The learning run
// (Success rising above random) is the long benchmark of
// benchmarks/results/codebook.md.

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include <torch/torch.h>

#include "agents/ppo/visual_ppo_config.h"
#include "agents/ppo/visual_ppo_learner.h"
#include "agents/register_builtin.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"
#include "models/codebook_bottleneck.h"
#include "models/init.h"
#include "models/visual_actor_critic.h"
#include "tests/agents/visual_ppo_harness.h"

namespace ember {
namespace {

int64_t parameter_count(torch::nn::Module& module) {
  int64_t n = 0;
  for (const auto& p : module.parameters()) n += p.numel();
  return n;
}

// The reference's module: K = 256 codes of d = 10 over E = 1574 has 423,074 parameters.
TEST(CodebookBottleneck, ParameterCountMatchesTheReference) {
  EXPECT_EQ(CodebookBottleneckImpl::parameter_count(1574, 256, 10), 423074);
  at::Generator gen = make_generator(1);
  CodebookBottleneck codebook(1574, CodebookOptions{}, gen);
  EXPECT_EQ(parameter_count(*codebook), 423074);
}

// Without dropout the output is the up-projection of a convex combination of the codes.
TEST(CodebookBottleneck, OutputIsUpsampledConvexCombinationOfCodes) {
  at::Generator gen = make_generator(2);
  CodebookBottleneck codebook(20, CodebookOptions{8, 3, 0.1}, gen);
  auto e = torch::randn({5, 20}, gen);
  auto p = codebook->probabilities(e);
  EXPECT_TRUE(torch::allclose(p.sum(1), torch::ones({5}), 1e-6, 1e-6));
  EXPECT_TRUE((p >= 0).all().item<bool>());
  auto params = codebook->named_parameters();
  auto expected = torch::matmul(torch::matmul(p, params["codebook"]), params["upsample.weight"].t()) +
                  params["upsample.bias"];
  EXPECT_TRUE(torch::allclose(codebook->forward(e, nullptr), expected, 1e-5, 1e-5));
}

// Dropout masks come from the generator the caller passes: same state, same output.
TEST(CodebookBottleneck, DropoutDrawsOnlyFromTheGivenGenerator) {
  at::Generator gen = make_generator(3);
  CodebookBottleneck codebook(20, CodebookOptions{64, 4, 0.5}, gen);
  auto e = torch::randn({6, 20}, gen);
  at::Generator a = make_generator(7), b = make_generator(7);
  auto with_a = codebook->forward(e, &a);
  EXPECT_TRUE(torch::equal(with_a, codebook->forward(e, &b)));
  EXPECT_FALSE(torch::allclose(with_a, codebook->forward(e, nullptr)));
}

// At 64 x 64 the default CNN gives the reference's 7 x 7 grid, so e has the
// reference's 1568 + 6 = 1574 entries; the codebook adds exactly its 423,074 parameters.
TEST(VisualActorCritic, EmbeddingHasTheReferenceWidthAndTheCodebookItsSize) {
  at::Generator gen = make_generator(4);
  VisualActorCriticOptions o;
  VisualActorCritic baseline(o, gen);
  EXPECT_EQ(baseline->embed_dim(), 1574);
  o.codebook = true;
  VisualActorCritic with_codebook(o, gen);
  EXPECT_EQ(parameter_count(*with_codebook) - parameter_count(*baseline), 423074);

  auto frames = torch::rand({3, 3, 64, 64}, gen);
  auto goals = torch::tensor({0, 5, 10}, torch::kLong);
  auto prev = torch::tensor({-1, 2, 5}, torch::kLong);
  auto x = with_codebook->features(with_codebook->encode(frames), goals, prev, nullptr);
  ASSERT_EQ(x.sizes(), (std::vector<int64_t>{3, 1574}));
  auto h = with_codebook->recur(x, torch::zeros({3, 512}));
  auto [logits, value] = with_codebook->heads(h);
  EXPECT_EQ(logits.sizes(), (std::vector<int64_t>{3, 6}));
  EXPECT_EQ(value.sizes(), (std::vector<int64_t>{3}));
}

class VisualPpoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    set_torch_threads(1);
    register_builtin_envs(registry_);
    register_builtin_agents(registry_);
  }
  // Rendered tier-0 objectnav envs; short episodes so that a rollout holds
  // terminations (End) and truncations.
  std::unique_ptr<VectorEnv> nav_envs(int n, int64_t max_steps = 12) {
    const EnvRegistration* reg = registry_.find_env("objectnav");
    Params p = Params::defaults(reg->params);
    p.set("max_episode_steps", max_steps);
    std::vector<std::unique_ptr<Env>> envs;
    for (int i = 0; i < n; ++i) envs.push_back(reg->make(p));
    auto v = std::make_unique<VectorEnv>(std::move(envs), 1);
    v->reset(11);
    return v;
  }
  VisualPpoConfig small_config(std::vector<std::pair<std::string, ParamValue>> overrides) {
    Params p = Params::defaults(registry_.find_agent("visual_ppo")->params);
    p.set("gru_hidden", int64_t{32});
    p.set("conv_channels", std::vector<int64_t>{8, 16, 16});
    p.set("rollout_length", int64_t{32});
    p.set("bptt_length", int64_t{8});
    p.set("epochs", int64_t{1});
    p.set("minibatches", int64_t{2});
    for (auto& kv : overrides) p.set(kv.first, kv.second);
    return VisualPpoConfig::from_params(p);
  }
  static double metric(const Metrics& m, const std::string& name) {
    for (const auto& [k, v] : m)
      if (k == name) return v;
    ADD_FAILURE() << "no metric " << name;
    return NAN;
  }
  Registry registry_;
};

// Replaying the rollout's sequences (each from its recorded GRU state, reset
// at every episode start inside it, previous actions zeroed there) gives the
// very log-probabilities acting drew with: with lr 0 and no dropout the PPO
// ratio is 1 everywhere. A wrong reset, a shifted previous action or a stale
// hidden state would show as a non-zero KL.
TEST_F(VisualPpoTest, SequenceReplayReproducesTheActingLogProbabilities) {
  auto envs = nav_envs(4);
  VisualPpoLearner learner(small_config({{"lr", 0.0}, {"codebook", true}, {"codebook_dropout", 0.0}}), envs->spec(),
                           4, 5);
  const Metrics m = collect_and_update(learner, *envs, 0);
  // (exactly 0 here; skipping the in-sequence resets alone gives 3.5e-8 —
  // the actor's outputs start small, gain 0.01)
  EXPECT_LT(metric(m, "losses/approx_kl"), 1e-12);
  EXPECT_EQ(metric(m, "losses/clipfrac"), 0.0);
}

// A few updates with a real learning rate keep every loss finite, and the
// codebook's perplexity is a number of codes between 1 and K.
TEST_F(VisualPpoTest, ShortTrainingKeepsLossesFiniteAndReportsCodeUsage) {
  auto envs = nav_envs(4, 30);
  VisualPpoLearner learner(small_config({{"codebook", true}, {"codebook_size", int64_t{16}}}), envs->spec(), 4, 6);
  Metrics m;
  for (int u = 0; u < 3; ++u) m = collect_and_update(learner, *envs, u * 128);
  for (const auto& [name, value] : m) EXPECT_TRUE(std::isfinite(value)) << name;
  EXPECT_GE(metric(m, "codebook/perplexity"), 1.0);
  EXPECT_LE(metric(m, "codebook/perplexity"), 16.0 + 1e-9);
}

// A learner loaded from another's checkpoint acts exactly as it does.
TEST_F(VisualPpoTest, CheckpointRestoresThePolicyAndItsMemory) {
  auto envs = nav_envs(2, 30);
  const VisualPpoConfig config = small_config({{"codebook", true}});
  VisualPpoLearner trained(config, envs->spec(), 2, 7);
  collect_and_update(trained, *envs, 0);
  std::stringstream checkpoint;
  trained.save(checkpoint);
  VisualPpoLearner restored(config, envs->spec(), 2, 99);
  restored.load(checkpoint);
  int32_t a[2], b[2];
  for (auto mode : {VisualPpoLearner::Mode::kGreedy, VisualPpoLearner::Mode::kBehaviour}) {
    trained.act(*envs, mode, {a, nullptr});
    restored.act(*envs, mode, {b, nullptr});
    EXPECT_EQ(a[0], b[0]);
    EXPECT_EQ(a[1], b[1]);
  }
}

// Envs without an image and a goal are refused with the reason.
TEST_F(VisualPpoTest, RefusesEnvsWithoutRgbAndGoal) {
  const EnvRegistration* cartpole = registry_.find_env("CartPole-v1");
  const EnvSpec spec = cartpole->make(Params::defaults(cartpole->params))->spec();
  EXPECT_NE(visual_ppo_compatibility(spec).find("'rgb'"), std::string::npos);
  EXPECT_THROW(VisualPpoLearner(small_config({}), spec, 1, 1), std::invalid_argument);
}

// bptt_length must divide rollout_length (the update cuts the rollout into equal sequences).
TEST_F(VisualPpoTest, RejectsABpttLengthThatDoesNotDivideTheRollout) {
  EXPECT_THROW(small_config({{"bptt_length", int64_t{5}}}), std::invalid_argument);
}

}  // namespace
}  // namespace ember
