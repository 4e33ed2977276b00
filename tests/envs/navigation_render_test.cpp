// Tests of egocentric rendering in the "objectnav" env (MuJoCo's renderer in
// an offscreen OSMesa context): frames are non-constant, change as the agent
// turns, are reproducible, and envs stepped on separate threads (one GL
// context each, current on its own thread) render the same frames as when
// stepped one after the other.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/env_buffers.h"
#include "envs/navigation/objectnav_env.h"
#include "navigation_harness.h"

namespace ember {
namespace {

constexpr int32_t kLookUp = kNavLookUp, kMoveAhead = kNavMoveAhead;

// A rendering env of `tier` with square frames of `size`.
NavHarness rendering(int tier = 0, int size = 64) { return NavHarness(nav_config(tier, /*render=*/true, size)); }

int distinct_values(const std::vector<uint8_t>& img) {
  std::vector<bool> seen(256, false);
  int n = 0;
  for (uint8_t v : img)
    if (!seen[v]) seen[v] = true, ++n;
  return n;
}

double changed_fraction(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  size_t changed = 0;
  for (size_t p = 0; p < a.size(); p += 3)
    if (a[p] != b[p] || a[p + 1] != b[p + 1] || a[p + 2] != b[p + 2]) ++changed;
  return static_cast<double>(changed) / (a.size() / 3);
}

// A rendered frame is not constant, and turning changes it.
TEST(NavigationRender, FrameIsNonConstantAndChangesWhenTurning) {
  NavHarness h = rendering();
  h.env.seed(1);
  h.env.reset(h.slot());
  const std::vector<uint8_t> first = h.rgb;
  EXPECT_GT(distinct_values(first), 8);
  h.step(kNavRotateLeft);
  EXPECT_GT(changed_fraction(first, h.rgb), 0.2);
  h.step(kNavRotateRight);  // back to the first pose: the same frame
  EXPECT_EQ(h.rgb, first);
  h.step(kNavLookUp);
  EXPECT_GT(changed_fraction(first, h.rgb), 0.2);
}

// Two envs stepped on two threads render exactly what they render when
// stepped on the main thread (each GL context is made current where it renders).
TEST(NavigationRender, EnvsOnSeparateThreadsRenderIdentically) {
  auto run = [](NavHarness* h, uint64_t seed, std::vector<std::vector<uint8_t>>* frames) {
    h->env.seed(seed);
    h->env.reset(h->slot());
    frames->push_back(h->rgb);
    const int32_t actions[6] = {kNavRotateLeft, kNavMoveAhead, kNavLookDown, kNavRotateRight, kNavMoveAhead,
                                kNavLookUp};
    for (int i = 0; i < 12; ++i) {
      h->step(actions[i % 6]);
      frames->push_back(h->rgb);
    }
  };
  NavHarness a = rendering(1), b = rendering(1);
  std::vector<std::vector<uint8_t>> seq_a, seq_b, par_a, par_b;
  run(&a, 11, &seq_a);
  run(&b, 12, &seq_b);
  std::thread ta([&] { run(&a, 11, &par_a); });
  std::thread tb([&] { run(&b, 12, &par_b); });
  ta.join();
  tb.join();
  EXPECT_EQ(seq_a, par_a);
  EXPECT_EQ(seq_b, par_b);
  EXPECT_NE(seq_a, seq_b);
}

// Writes a few frames as PPM when EMBER_NAV_FRAMES names a directory (for
// people checking what the agent sees; not an assertion).
// Depth is metric and grows no further than the far plane: looking level, a
// 0.25 m step ahead brings what the centre pixel sees about 0.25 m closer.
TEST(NavigationRender, DepthIsMetricAndShrinksWhenMovingAhead) {
  ObjectNavConfig c = nav_config(0, /*render=*/true);
  c.depth = true;
  ObjectNavEnv env(c);
  ASSERT_EQ(env.spec().observation.size(), 3u);
  EnvBuffers out(env.spec());
  const int centre = (c.height / 2) * c.width + c.width / 2;
  int checked = 0;
  for (uint64_t seed = 1; seed <= 20 && checked < 3; ++seed) {
    env.seed(seed);
    env.reset(out.slot());
    env.step(ActionView{&kLookUp, nullptr}, out.slot());  // start pitch 30 down -> level
    const float before = out.field<float>(2)[centre];
    const AgentPose start = env.sim().pose();
    env.step(ActionView{&kMoveAhead, nullptr}, out.slot());
    const AgentPose after = env.sim().pose();
    const double moved = std::hypot(after.x - start.x, after.y - start.y);
    if (moved < 0.24 || before < 0.6) continue;  // blocked, or too close to learn anything
    const float now = out.field<float>(2)[centre];
    EXPECT_NEAR(before - now, 0.25, 0.06) << "seed " << seed << ": " << before << " -> " << now;
    ++checked;
  }
  EXPECT_EQ(checked, 3);
  float lo = 1e9f, hi = 0.0f;
  for (int i = 0; i < c.width * c.height; ++i) {
    lo = std::min(lo, out.field<float>(2)[i]);
    hi = std::max(hi, out.field<float>(2)[i]);
  }
  EXPECT_GT(lo, 0.0f);
  EXPECT_GT(hi, lo);  // not a constant image
  EXPECT_THROW(ObjectNavEnv([] { ObjectNavConfig bad; bad.render = false; bad.depth = true; return bad; }()),
               std::invalid_argument);
}

TEST(NavigationRender, OptionalFrameDump) {
  const char* dir = std::getenv("EMBER_NAV_FRAMES");
  if (!dir) GTEST_SKIP() << "set EMBER_NAV_FRAMES=<dir> to dump frames";
  for (int tier = 0; tier < kNumTiers; ++tier) {
    NavHarness h = rendering(tier, 128);
    h.env.seed(3);
    h.env.reset(h.slot());
    for (int k = 0; k < 4; ++k) {
      const std::string path = std::string(dir) + "/tier" + std::to_string(tier) + "_" + std::to_string(k) + ".ppm";
      FILE* f = std::fopen(path.c_str(), "wb");
      ASSERT_NE(f, nullptr);
      std::fprintf(f, "P6\n128 128\n255\n");
      std::fwrite(h.rgb.data(), 1, h.rgb.size(), f);
      std::fclose(f);
      for (int r = 0; r < 3; ++r) h.step(kNavRotateLeft);
    }
  }
}

}  // namespace
}  // namespace ember
