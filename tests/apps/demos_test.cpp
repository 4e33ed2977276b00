// `ember demos`: the tabletop oracle's demonstrations are written one file
// per episode, read back with every field, action, reward and step
// instruction; bad requests fail cleanly; the reader rejects damaged files.
#include <gtest/gtest.h>

#include "core/demonstrations.h"
#include "tests/apps/cli_harness.h"

namespace {

using namespace ember_cli_test;

using ember::DemoEpisode;
using ember::read_demo_episode;

const char kTabletopConfig[] =
    "name: demo\n"
    "env: {id: tabletop, task: stack-block-of-same-size, downsample: 4, num_envs: 1}\n"
    "agent: {id: oracle}\n"
    "train: {steps: 10, seed: 2}\n";

TEST(Demos, TabletopOracleEpisodesRoundTripThroughTheFileFormat) {
  const std::string dir = temp_dir("demos");
  write(dir + "/demo.yaml", kTabletopConfig);
  const Result r = run_ember(dir, "demos demo.yaml --episodes 3 --out out");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  ASSERT_TRUE(exists(dir + "/out/index.json"));
  for (const char* name : {"episode_000000.demo", "episode_000001.demo", "episode_000002.demo"}) {
    const DemoEpisode e = read_demo_episode(dir + "/out/" + name);
    EXPECT_EQ(e.env_id, "tabletop");
    EXPECT_EQ(e.description.rfind("stack blocks of the same size", 0), 0u) << e.description;
    ASSERT_GT(e.steps, 0);
    ASSERT_EQ(e.fields.size(), 3u);  // rgb, height, instruction
    EXPECT_EQ(e.fields[0].shape, (std::vector<int64_t>{1, 80, 40, 3}));
    EXPECT_EQ(e.fields[0].data.size(), static_cast<size_t>(e.steps + 1) * 80 * 40 * 3);
    EXPECT_FALSE(e.discrete_actions);
    EXPECT_EQ(e.continuous.size(), static_cast<size_t>(e.steps) * 6);
    EXPECT_GT(e.total_reward(), 0.99);  // only successful episodes are kept
    EXPECT_TRUE(e.terminated);
    for (const std::string& s : e.step_instructions) EXPECT_EQ(s.rfind("pick up the ", 0), 0u) << s;
    ASSERT_EQ(e.metric_names[0], "score");
    EXPECT_NEAR(e.metric_values[0], e.total_reward(), 1e-5);
  }
  // A second run into the same folder is refused rather than mixing episodes.
  const Result again = run_ember(dir, "demos demo.yaml --episodes 1 --out out");
  EXPECT_EQ(again.exit_code, 2) << again.output;
  EXPECT_NE(again.output.find("already holds demonstrations"), std::string::npos) << again.output;
}

TEST(Demos, DiscreteExpertsRecordActionIdsAndEmptyStepInstructions) {
  const std::string dir = temp_dir("demos_nav");
  write(dir + "/nav.yaml",
        "name: nav\nenv: {id: objectnav, split: test, render: false, shaping: false, num_envs: 1}\n"
        "agent: {id: oracle}\n");
  const Result r = run_ember(dir, "demos nav.yaml --episodes 2 --out out");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const DemoEpisode e = read_demo_episode(dir + "/out/episode_000001.demo");
  EXPECT_EQ(e.env_id, "objectnav");
  ASSERT_GT(e.steps, 0);
  EXPECT_TRUE(e.discrete_actions);
  EXPECT_EQ(e.discrete.size(), static_cast<size_t>(e.steps));
  EXPECT_EQ(e.discrete.back(), 3);  // the episode ends with End
  for (const std::string& s : e.step_instructions) EXPECT_TRUE(s.empty());
  EXPECT_TRUE(e.terminated);
}

TEST(Demos, EnvWithoutAnExpertIsABadRequest) {
  const std::string dir = temp_dir("demos_no_expert");
  write(dir + "/cp.yaml", "name: cp\nenv: {id: CartPole-v1}\nagent: {id: random}\n");
  const Result r = run_ember(dir, "demos cp.yaml --episodes 1 --out out");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no scripted expert"), std::string::npos) << r.output;
  EXPECT_FALSE(exists(dir + "/out"));
}

TEST(Demos, ReaderNamesTheFileOfATruncatedEpisode) {
  const std::string dir = temp_dir("demos_truncated");
  write(dir + "/demo.yaml", kTabletopConfig);
  ASSERT_EQ(run_ember(dir, "demos demo.yaml --episodes 1 --out out").exit_code, 0);
  const std::string path = dir + "/out/episode_000000.demo";
  const std::string bytes = read(path);
  write(path, bytes.substr(0, bytes.size() / 2));
  try {
    read_demo_episode(path);
    FAIL() << "a truncated file was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

}  // namespace
