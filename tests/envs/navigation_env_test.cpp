// Tests of the "objectnav" env (envs/navigation/objectnav_env.h) without
// rendering: collision blocks motion (walls and furniture), the success rule
// at its boundaries (distance and occlusion), SPL on a hand-made case,
// rewards, seeded determinism, and the registration.
#include <gtest/gtest.h>

#include <sstream>

#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/registry.h"
#include "core/vector_env.h"
#include "envs/navigation/objectnav_env.h"
#include "envs/navigation/register.h"
#include "navigation_harness.h"

namespace ember {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kApple = 9;       // sphere r = 0.12
constexpr int kTelevision = 2;  // thin box, used as an occluder

// MoveAhead into a wall stops short of it: the agent never passes the wall.
TEST(NavigationEnv, CollisionBlocksWalls) {
  NavHarness h;
  h.env.reset_in_house(box_room({make_object(kApple, 1.0, 3.0)}), kApple, {4.5, 1.0, 0.0, 0.0}, h.slot());
  for (int i = 0; i < 12; ++i) h.step(kNavMoveAhead);
  const double x = h.env.sim().pose().x;
  // Inner wall face at 5.95; the agent's radius is 0.18.
  EXPECT_LE(x, 5.95 - kAgentRadius + 1e-9);
  EXPECT_GT(x, 5.95 - kAgentRadius - 0.06);  // stops within one 5 cm substep
  EXPECT_FALSE(h.env.sim().in_collision());
  EXPECT_NEAR(h.env.path_length(), x - 4.5, 1e-9);
  // In the open a move is exactly 0.25 m.
  h.env.reset_in_house(box_room({make_object(kApple, 1.0, 3.0)}), kApple, {3.0, 1.0, kPi / 2, 0.0}, h.slot());
  h.step(kNavMoveAhead);
  EXPECT_NEAR(h.env.sim().pose().y, 1.25, 1e-9);
  EXPECT_NEAR(h.env.sim().pose().x, 3.0, 1e-9);
}

// Furniture blocks motion too (MuJoCo contact with the object geom).
TEST(NavigationEnv, CollisionBlocksObjects) {
  NavHarness h;
  const HouseObject chair = make_object(3, 3.0, 2.0);  // box 0.44 x 0.44
  h.env.reset_in_house(box_room({chair, make_object(kApple, 1.0, 3.5)}), kApple, {1.5, 2.0, 0.0, 0.0}, h.slot());
  for (int i = 0; i < 10; ++i) h.step(kNavMoveAhead);
  EXPECT_LE(h.env.sim().pose().x, 3.0 - chair.hx - kAgentRadius + 1e-9);
  EXPECT_GT(h.env.sim().pose().x, 3.0 - chair.hx - kAgentRadius - 0.06);
}

// A long random walk in generated houses never ends inside a wall or object.
TEST(NavigationEnv, RandomWalkStaysCollisionFree) {
  for (int tier = 0; tier < kNumTiers; ++tier) {
    ObjectNavConfig c = nav_config();
    c.tier = tier;
    NavHarness h(c);
    h.env.seed(100 + tier);
    h.env.reset(h.slot());
    Rng rng(5);
    const int32_t moves[3] = {kNavMoveAhead, kNavMoveAhead, kNavRotateLeft};
    for (int i = 0; i < 400; ++i) {
      h.step(moves[rng.uniform_int(3)]);
      ASSERT_FALSE(h.env.sim().in_collision()) << "tier " << tier << " step " << i;
      const AgentPose& p = h.env.sim().pose();
      ASSERT_GT(p.x, 0.0);
      ASSERT_LT(p.x, h.env.house().width);
      ASSERT_GT(p.y, 0.0);
      ASSERT_LT(p.y, h.env.house().depth);
    }
  }
}

// End succeeds with a visible target 0.99 m away and fails at 1.01 m.
TEST(NavigationEnv, SuccessRuleDistanceBoundary) {
  const HouseObject apple = make_object(kApple, 3.0, 2.0);
  const double face = apple.x - apple.hx;  // nearest footprint edge along x
  for (const auto& [gap, expect] : {std::pair<double, bool>{0.99, true}, {1.01, false}}) {
    NavHarness h;
    h.env.reset_in_house(box_room({apple}), kApple, {face - gap, 2.0, 0.0, 30.0 * kPi / 180}, h.slot());
    EXPECT_NEAR(h.env.distance_to_target(), gap, 1e-9);
    h.step(kNavEnd);
    EXPECT_EQ(h.terminated, 1);
    EXPECT_EQ(h.metrics()[0], expect ? 1.0 : 0.0) << "gap " << gap;
    EXPECT_FLOAT_EQ(h.reward, expect ? 9.99f : -0.01f);
  }
}

// Within 1 m but not visible: facing away, or occluded by another object.
TEST(NavigationEnv, SuccessNeedsVisibility) {
  const HouseObject apple = make_object(kApple, 3.0, 2.0);
  const double x = apple.x - apple.hx - 0.99;
  NavHarness h;
  h.env.reset_in_house(box_room({apple}), kApple, {x, 2.0, kPi, 30.0 * kPi / 180}, h.slot());
  EXPECT_FALSE(h.env.success_now());  // facing away
  h.env.reset_in_house(box_room({apple}), kApple, {x, 2.0, 0.0, -30.0 * kPi / 180}, h.slot());
  EXPECT_FALSE(h.env.success_now());  // looking up, the apple is below the frame
  const HouseObject tv = make_object(kTelevision, 2.5, 2.0, /*rotated=*/true);  // 0.6 m high panel
  h.env.reset_in_house(box_room({apple, tv}), kApple, {x, 2.0, 0.0, 30.0 * kPi / 180}, h.slot());
  EXPECT_FALSE(h.env.success_now());  // occluded
  h.step(kNavEnd);
  EXPECT_EQ(h.metrics()[0], 0.0);
}

// SPL on a hand-made case: d_opt = 1.3 m (grid geodesic to the 1 m goal
// region), the agent walks 6 x 0.25 m straight at the apple and succeeds.
TEST(NavigationEnv, SplHandMadeCase) {
  const HouseObject apple = make_object(kApple, 3.0, 2.0);  // footprint x in [2.88, 3.12]
  NavHarness h;
  h.env.reset_in_house(box_room({apple}), kApple, {0.625, 2.025, 0.0, 30.0 * kPi / 180}, h.slot());
  EXPECT_NEAR(h.env.optimal_distance(), 1.3, 1e-9);
  for (int i = 0; i < 5; ++i) h.step(kNavMoveAhead);
  EXPECT_FALSE(h.env.success_now());  // 1.005 m away
  h.step(kNavMoveAhead);
  h.step(kNavEnd);
  const std::vector<double> m = h.metrics();
  EXPECT_EQ(m[0], 1.0);
  EXPECT_NEAR(m[1], 1.3 / 1.5, 1e-9);
  EXPECT_EQ(m[2], 7.0);
  EXPECT_NEAR(m[3], 2.88 - 2.125, 1e-9);
  // A failed episode has SPL 0.
  h.env.reset_in_house(box_room({apple}), kApple, {0.625, 2.025, kPi, 0.0}, h.slot());
  h.step(kNavEnd);
  EXPECT_EQ(h.metrics()[0], 0.0);
  EXPECT_EQ(h.metrics()[1], 0.0);
}

// Shaping rewards progress toward the nearest target only.
TEST(NavigationEnv, ShapedReward) {
  ObjectNavConfig c = nav_config();
  c.shaping = true;
  NavHarness h(c);
  h.env.reset_in_house(box_room({make_object(kApple, 5.0, 2.0)}), kApple, {1.0, 2.0, 0.0, 0.0}, h.slot());
  h.step(kNavMoveAhead);
  EXPECT_NEAR(h.reward, -0.01 + 0.25, 1e-6);
  h.step(kNavRotateLeft);
  h.step(kNavRotateLeft);
  h.step(kNavRotateLeft);
  h.step(kNavRotateLeft);
  h.step(kNavRotateLeft);
  h.step(kNavRotateLeft);  // now facing -x
  h.step(kNavMoveAhead);   // away: no penalty
  EXPECT_NEAR(h.reward, -0.01, 1e-6);
  h.step(kNavRotateRight);
  EXPECT_NEAR(h.reward, -0.01, 1e-6);
}

// Seeded resets are deterministic; the goal one-hot names the target; the
// start is free, reachable and not already successful.
TEST(NavigationEnv, SeededResetsAreDeterministic) {
  ObjectNavConfig c = nav_config();
  c.tier = 1;
  c.split = HouseSplit::kVal;
  NavHarness a(c), b(c);
  a.env.seed(9);
  b.env.seed(9);
  Rng rng(3);
  for (int episode = 0; episode < 3; ++episode) {
    a.env.reset(a.slot());
    b.env.reset(b.slot());
    EXPECT_EQ(a.env.house().seed, b.env.house().seed);
    EXPECT_GE(a.env.house().seed, 1000000u);
    EXPECT_LT(a.env.house().seed, 1001000u);
    EXPECT_EQ(a.env.target(), b.env.target());
    for (int k = 0; k < num_object_categories(); ++k) EXPECT_EQ(a.goal[k], k == a.env.target() ? 1.0f : 0.0f);
    EXPECT_FALSE(a.env.sim().in_collision());
    EXPECT_TRUE(std::isfinite(a.env.optimal_distance()));
    EXPECT_GT(a.env.optimal_distance(), 0.0);
    for (int i = 0; i < 50; ++i) {
      const int32_t act = static_cast<int32_t>(rng.uniform_int(kNavNumActions));
      if (act == kNavEnd) continue;
      a.step(act);
      b.step(act);
      EXPECT_EQ(a.env.sim().pose().x, b.env.sim().pose().x);
      EXPECT_EQ(a.env.sim().pose().y, b.env.sim().pose().y);
      EXPECT_EQ(a.reward, b.reward);
    }
  }
  EXPECT_THROW(a.step(6), std::invalid_argument);
}

// Every starter-tier reset finds a start (small rooms with a large object
// are where starts can run out) that has not already succeeded, and nearly
// all are at least min_start_distance from the goal (the rest are the
// farthest of the candidates the env draws; objectnav_env.h).
TEST(NavigationEnv, StarterTierAlwaysHasAStart) {
  for (HouseSplit split : {HouseSplit::kTrain, HouseSplit::kTest}) {
    ObjectNavConfig c = nav_config(kStarterTier);
    c.split = split;
    NavHarness h(c);
    h.env.seed(17);
    int far = 0;
    constexpr int kEpisodes = 400;
    for (int episode = 0; episode < kEpisodes; ++episode) {
      ASSERT_NO_THROW(h.env.reset(h.slot())) << "episode " << episode;
      EXPECT_FALSE(h.env.success_now()) << "house " << h.env.house().seed;
      far += h.env.optimal_distance() >= c.min_start_distance;
    }
    EXPECT_GE(far, 0.9 * kEpisodes);
  }
}

// visible=true adds the "visible" field after depth; the oracle's episodes
// end successfully only with their target in view, and "visible" says so on
// the step End is called; no category is in view that has no object in the house.
TEST(NavigationEnv, VisibleFieldMarksCategoriesInView) {
  ObjectNavConfig c = nav_config(kStarterTier);
  c.observe_visible = true;
  EXPECT_EQ(ObjectNavEnv(c).spec().field_index("visible"), 2);
  ObjectNavConfig plain = nav_config(kStarterTier);
  EXPECT_EQ(ObjectNavEnv(plain).spec().field_index("visible"), -1);
  std::vector<std::unique_ptr<Env>> list;
  list.push_back(std::make_unique<ObjectNavEnv>(c));
  auto* env = static_cast<ObjectNavEnv*>(list.front().get());
  VectorEnv envs(std::move(list));
  envs.reset(5);
  const int field = envs.spec().field_index("visible");
  int successes = 0, in_view = 0;
  for (int step = 0; step < 400; ++step) {
    const float* visible = envs.field_as<float>(field);
    std::vector<int> present(num_object_categories(), 0);
    for (const HouseObject& o : env->house().objects) present[o.category] = 1;
    for (int k = 0; k < num_object_categories(); ++k) {
      EXPECT_TRUE(visible[k] == 0.0f || visible[k] == 1.0f);
      if (!present[k]) {
        EXPECT_EQ(visible[k], 0.0f) << "category " << k;
      }
      in_view += visible[k] == 1.0f;
    }
    const int32_t action = env->expert_action();
    if (action == kNavEnd) {
      EXPECT_TRUE(env->success_now());
      EXPECT_EQ(visible[env->target()], 1.0f) << "house " << env->house().seed;
      ++successes;
    }
    envs.discrete_actions()[0] = action;
    envs.step();
  }
  EXPECT_GE(successes, 5);
  EXPECT_GT(in_view, 0);
}

// "objectnav" is registered with its parameters and builds its spec.
TEST(NavigationEnv, Registration) {
  Registry registry;
  register_navigation_envs(registry);
  const EnvRegistration* reg = registry.find_env("objectnav");
  ASSERT_NE(reg, nullptr);
  Params p = Params::defaults(reg->params);
  p.set("render", false);
  p.set("tier", int64_t{2});
  p.set("split", std::string("test"));
  std::unique_ptr<Env> env = reg->make(p);
  const EnvSpec& s = env->spec();
  EXPECT_NO_THROW(s.validate());
  EXPECT_EQ(s.id, "objectnav");
  EXPECT_EQ(s.action, Space::discrete(6));
  EXPECT_EQ(s.max_episode_steps, 500);
  ASSERT_EQ(s.observation.size(), 2u);
  EXPECT_EQ(s.observation[0].name, "rgb");
  EXPECT_EQ(s.observation[0].space, Space::box_u8({64, 64, 3}));
  EXPECT_EQ(s.observation[1].name, "goal");
  EXPECT_EQ(s.episode_metrics, (std::vector<std::string>{"success", "spl", "episode_length", "final_distance"}));
}

// A snapshot taken mid-episode continues bit-identically in a fresh env:
// rewards, frames, episode ends and the following resets.
TEST(ObjectNavEnv, SnapshotContinuesIdentically) {
  NavHarness a(nav_config(1, /*render=*/true)), b(nav_config(1, /*render=*/true));
  a.env.seed(8);
  a.reset();
  const int32_t actions[] = {kNavRotateLeft, kNavMoveAhead, kNavMoveAhead, kNavRotateRight, kNavMoveAhead, kNavEnd};
  for (int k = 0; k < 3; ++k) a.step(actions[k]);
  std::stringstream snapshot;
  a.env.save_snapshot(snapshot);
  b.env.load_snapshot(snapshot);
  for (int k = 0; k < 40; ++k) {
    const int32_t action = actions[k % 6];
    a.step(action);
    b.step(action);
    ASSERT_EQ(a.reward, b.reward) << "step " << k;
    ASSERT_EQ(a.terminated, b.terminated) << "step " << k;
    ASSERT_EQ(a.rgb, b.rgb) << "step " << k;
    if (a.terminated) {
      a.reset();
      b.reset();
      ASSERT_EQ(a.rgb, b.rgb) << "reset after step " << k;
    }
  }
}

}  // namespace
}  // namespace ember
