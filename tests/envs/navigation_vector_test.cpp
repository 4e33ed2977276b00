// 16 rendering objectnav envs stepped by the VectorEnv's thread pool render
// byte-identical frames to the same envs stepped alone on one thread with the
// same seeds and actions: each env's OSMesa context is current only on the
// thread drawing with it (reset on the main thread, steps and autoresets on
// pool threads), so no frame can come from another env's context.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "core/rng.h"
#include "core/vector_env.h"
#include "envs/navigation/objectnav_env.h"
#include "navigation_harness.h"

namespace ember {
namespace {

constexpr int kEnvs = 16;
constexpr int kSteps = 24;
constexpr uint64_t kSeed = 5;

using Frame = std::vector<uint8_t>;

// The action of env i at step t: uniform over the six actions, End included,
// so some episodes end and autoreset on a pool thread.
std::vector<std::vector<int32_t>> random_actions() {
  Rng rng(77);
  std::vector<std::vector<int32_t>> actions(kSteps, std::vector<int32_t>(kEnvs));
  for (auto& row : actions)
    for (int32_t& a : row) a = static_cast<int32_t>(rng.uniform_int(kNavNumActions));
  return actions;
}

// Per env, every frame it produced: the first observation, then per step the
// step's observation (the final one when the episode ended) followed, after
// an End, by the new episode's first observation.
std::vector<std::vector<Frame>> frames_from_vector_env(int threads, const std::vector<std::vector<int32_t>>& actions) {
  std::vector<std::unique_ptr<Env>> envs;
  for (int i = 0; i < kEnvs; ++i) envs.push_back(std::make_unique<ObjectNavEnv>(nav_config(0, /*render=*/true)));
  VectorEnv vec(std::move(envs), threads);
  const size_t stride = vec.field_stride(0);
  auto frame = [&](const void* base, int i) {
    const auto* p = static_cast<const uint8_t*>(base) + stride * i;
    return Frame(p, p + stride);
  };
  std::vector<std::vector<Frame>> out(kEnvs);
  vec.reset(kSeed);
  for (int i = 0; i < kEnvs; ++i) out[i].push_back(frame(vec.field(0), i));
  for (int t = 0; t < kSteps; ++t) {
    std::memcpy(vec.discrete_actions(), actions[t].data(), sizeof(int32_t) * kEnvs);
    vec.step();
    for (int i = 0; i < kEnvs; ++i) {
      if (vec.done()[i]) {
        out[i].push_back(frame(vec.final_field(0), i));
        out[i].push_back(frame(vec.field(0), i));
      } else {
        out[i].push_back(frame(vec.field(0), i));
      }
    }
  }
  return out;
}

// The same env alone on the calling thread: seeded as VectorEnv seeds env i,
// reset again after End as VectorEnv's autoreset does.
std::vector<Frame> frames_alone(int i, const std::vector<std::vector<int32_t>>& actions) {
  NavHarness h(nav_config(0, /*render=*/true));
  h.env.seed(derive_seed(kSeed, static_cast<uint64_t>(i)));
  h.reset();
  std::vector<Frame> out = {h.rgb};
  for (int t = 0; t < kSteps; ++t) {
    h.step(actions[t][i]);
    out.push_back(h.rgb);
    if (h.terminated) {
      h.reset();
      out.push_back(h.rgb);
    }
  }
  return out;
}

TEST(NavigationVectorEnv, SixteenEnvsOnPoolThreadsRenderAsWhenSteppedAlone) {
  const std::vector<std::vector<int32_t>> actions = random_actions();
  const std::vector<std::vector<Frame>> threaded = frames_from_vector_env(/*threads=*/4, actions);
  int episodes_ended = 0;
  for (int i = 0; i < kEnvs; ++i) {
    const std::vector<Frame> alone = frames_alone(i, actions);
    ASSERT_EQ(threaded[i].size(), alone.size()) << "env " << i;
    for (size_t k = 0; k < alone.size(); ++k) EXPECT_EQ(threaded[i][k], alone[k]) << "env " << i << " frame " << k;
    episodes_ended += static_cast<int>(alone.size()) - 1 - kSteps;
  }
  EXPECT_GT(episodes_ended, 0);                // some autoresets ran on pool threads
  EXPECT_NE(threaded[0][0], threaded[1][0]);  // the envs really differ
}

}  // namespace
}  // namespace ember
