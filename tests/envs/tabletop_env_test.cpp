// The "tabletop" env through its Env interface: spec, observations,
// reproducible episodes, bad actions, metrics, and the oracle finishing a task.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "envs/tabletop/tasks/task.h"
#include "envs/tabletop/top_down_renderer.h"
#include "tests/envs/tabletop_harness.h"

namespace ember::tabletop {
namespace {

TEST(TabletopEnv, SpecDeclaresMapsInstructionAndPickPlaceAction) {
  TabletopEnv env(tabletop_config("put-block-in-matching-bowl", 1));
  const EnvSpec& s = env.spec();
  ASSERT_EQ(s.observation.size(), 3u);
  EXPECT_EQ(s.observation[0].space.shape, (std::vector<int64_t>{320, 160, 3}));
  EXPECT_EQ(s.observation[1].space.shape, (std::vector<int64_t>{320, 160}));
  EXPECT_EQ(s.observation[2].space.kind, SpaceKind::kText);
  EXPECT_EQ(s.action.shape, (std::vector<int64_t>{6}));
  EXPECT_TRUE(s.has_expert);
  EXPECT_TRUE(s.supports_start_state);
  EXPECT_NO_THROW(s.validate());
}

TEST(TabletopEnv, ResetWritesEveryFieldAndTheInstructionTokens) {
  TabletopHarness h(tabletop_config("put-block-in-matching-bowl"));
  h.env.seed(3);
  h.reset();
  EXPECT_GT(h.tokens()[0], 1);  // a known word, neither padding nor unknown
  float max_height = 0;
  for (float z : h.height()) max_height = std::max(max_height, z);
  EXPECT_NEAR(max_height, kSmallBlock, 1e-3);  // the small blocks are the tallest things
  const std::vector<uint8_t> rgb = h.rgb();
  int table_pixels = 0;
  for (size_t i = 0; i < rgb.size(); i += 3) table_pixels += rgb[i] == kTableColor[0];
  EXPECT_GT(table_pixels, 0);
  EXPECT_LT(table_pixels, static_cast<int>(rgb.size() / 3));
  EXPECT_EQ(h.env.describe().rfind(h.env.instruction(), 0), 0u);  // instruction first, then the caption
}

TEST(TabletopEnv, SameSeedGivesTheSameSceneAndOutcome) {
  TabletopHarness a(tabletop_config("stack-block-of-same-size")), b(tabletop_config("stack-block-of-same-size"));
  a.env.seed(11);
  b.env.seed(11);
  a.reset();
  b.reset();
  ASSERT_EQ(a.env.scene_seed(), b.env.scene_seed());
  EXPECT_EQ(a.play_oracle(), b.play_oracle());
  ASSERT_EQ(a.env.scene().size(), b.env.scene().size());
  for (int i = 0; i < a.env.scene().size(); ++i) {
    EXPECT_EQ(a.env.scene().objects[size_t(i)].pose.x, b.env.scene().objects[size_t(i)].pose.x);
    EXPECT_EQ(a.env.scene().objects[size_t(i)].pose.qz, b.env.scene().objects[size_t(i)].pose.qz);
  }
  EXPECT_EQ(a.rgb(), b.rgb());
}

TEST(TabletopEnv, StartStateReplaysTheEpisodeOfASceneSeed) {
  TabletopHarness a(tabletop_config("put-block-in-matching-bowl")), b(tabletop_config("put-block-in-matching-bowl"));
  a.env.seed(5);
  a.reset();
  b.env.reset_to_state(YAML::Load("{seed: " + std::to_string(a.env.scene_seed()) + "}"), b.out.slot());
  EXPECT_EQ(a.env.instruction(), b.env.instruction());
  EXPECT_EQ(a.rgb(), b.rgb());
  EXPECT_EQ(a.height(), b.height());
  EXPECT_THROW(b.env.reset_to_state(YAML::Load("{seed: -3}"), b.out.slot()), std::invalid_argument);
  EXPECT_THROW(b.env.reset_to_state(YAML::Load("{sed: 3}"), b.out.slot()), std::invalid_argument);
}

TEST(TabletopEnv, SnapshotContinuesBitIdentically) {
  TabletopHarness a(tabletop_config("stack-smaller-over-bigger-with-same-color")),
      b(tabletop_config("stack-smaller-over-bigger-with-same-color"));
  a.env.seed(21);
  a.reset();
  a.step(a.env.expert());
  a.step(a.env.expert());
  std::stringstream snapshot;
  a.env.save_snapshot(snapshot);
  b.env.load_snapshot(snapshot);
  for (int k = 0; k < 12; ++k) {  // through the episode's end and into the next one
    const PickPlace action = a.env.expert();
    const PickPlace same = b.env.expert();
    ASSERT_EQ(action.place_x, same.place_x) << "step " << k;
    a.step(action);
    b.step(same);
    ASSERT_EQ(a.out.reward(), b.out.reward()) << "step " << k;
    ASSERT_EQ(a.rgb(), b.rgb()) << "step " << k;
    ASSERT_EQ(a.metrics(), b.metrics()) << "step " << k;
    if (a.out.terminated()) {
      ASSERT_TRUE(b.out.terminated());
      a.reset();
      b.reset();
      ASSERT_EQ(a.rgb(), b.rgb());
    }
  }
  std::stringstream garbage("not a snapshot");
  EXPECT_THROW(b.env.load_snapshot(garbage), std::runtime_error);
}

// antialias: the observation is the full-resolution view averaged down, and
// the oracle (which reads the full maps) acts exactly as without it.
TEST(TabletopEnv, AntialiasedObservationIsTheFullViewAveragedDown) {
  TabletopConfig smooth = tabletop_config("pick-and-place-primitive-with-size", 4);
  smooth.antialias = true;
  TabletopHarness a(smooth), b(tabletop_config("pick-and-place-primitive-with-size", 4));
  a.env.seed(5);
  b.env.seed(5);
  a.reset();
  b.reset();
  TopDownMaps expected;
  expected.resize(PixelGrid::downsampled(4));
  average_down(a.env.full_maps(), expected);
  EXPECT_EQ(a.rgb(), expected.rgb);
  EXPECT_NE(a.rgb(), b.rgb());  // point samples differ at every block edge
  EXPECT_EQ(a.env.expert().place_x, b.env.expert().place_x);
}

TEST(TabletopEnv, SplitsUseDisjointSceneSeeds) {
  for (uint64_t k : {0ull, 1ull, 4999ull, 123456ull}) {
    EXPECT_EQ(split_seed(EpisodeSplit::kTrain, k) % 2, 0u);
    EXPECT_EQ(split_seed(EpisodeSplit::kVal, k) % 2, 1u);
    EXPECT_LT(split_seed(EpisodeSplit::kVal, k), 10000u);
    EXPECT_GE(split_seed(EpisodeSplit::kTest, k), 10001u);
  }
}

TEST(TabletopEnv, NonFiniteActionsAreRejectedNamingTheComponent) {
  TabletopHarness h(tabletop_config("put-block-in-matching-bowl"));
  h.env.seed(1);
  h.reset();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float v[6] = {0.5f, 0.0f, 0.0f, nan, 0.0f, 0.0f};
  ActionView view;
  view.continuous = v;
  try {
    h.env.step(view, h.out.slot());
    FAIL() << "a NaN place x was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("component 3"), std::string::npos) << e.what();
  }
}

TEST(TabletopEnv, UnknownTaskIsAnErrorListingTheTasks) {
  try {
    TabletopEnv env(tabletop_config("stack-everything"));
    FAIL() << "an unknown task was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("stack-everything"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("put-block-in-matching-bowl"), std::string::npos) << e.what();
  }
}

TEST(TabletopEnv, MissesAndOutOfWorkspacePosesAreCountedUntilTheStepLimit) {
  TabletopHarness h(tabletop_config("put-block-in-matching-bowl"));
  h.env.seed(2);
  h.reset();
  int steps = 0;
  while (!h.out.terminated()) {
    h.step({0.9, 0.0, 0.0, 0.5, 0.0, 0.0});  // nothing to pick beyond the table's far edge
    EXPECT_EQ(h.out.reward(), 0.0f);
    ++steps;
  }
  const std::vector<double> m = h.metrics();  // score, success, steps, failed_grasps, out_of_workspace, unsettled
  EXPECT_EQ(m[0], 0.0);
  EXPECT_EQ(m[1], 0.0);
  EXPECT_EQ(m[2], steps);
  EXPECT_EQ(m[3], steps);
  EXPECT_EQ(m[4], steps);
  EXPECT_LE(steps, 7 + 2);  // the task's limit: blocks + 2
}

TEST(TabletopEnv, OracleSolvesMatchingBowlsInPhysics) {
  TabletopHarness h(tabletop_config("put-block-in-matching-bowl"));
  h.env.seed(7);
  for (int episode = 0; episode < 3; ++episode) {
    h.reset();
    const std::vector<float> rewards = h.play_oracle();
    double sum = 0;
    for (float r : rewards) sum += r;
    EXPECT_NEAR(sum, h.env.score(), 1e-5);
    EXPECT_GT(h.env.score(), 0.99) << "scene seed " << h.env.scene_seed();
    EXPECT_EQ(h.metrics()[1], 1.0);
  }
}

}  // namespace
}  // namespace ember::tabletop
