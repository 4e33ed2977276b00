// End-to-end tests of the visual PPO agent through `ember train`: a run
// resumed from its checkpoint continues exactly as the uninterrupted run, and
// configs it cannot run are refused naming the file and key, exit 2, with no
// run directory.

#include <gtest/gtest.h>

#include "tests/apps/cli_harness.h"

namespace {

using namespace ember_cli_test;

// A tiny network on rendered objectnav frames, so the test takes seconds.
const char kVisualConfig[] =
    "name: visual\n"
    "env: {id: objectnav, num_envs: 2, max_episode_steps: 40}\n"
    "agent: {id: visual_ppo, codebook: true, conv_channels: [4, 8, 8], gru_hidden: 16,\n"
    "        rollout_length: 32, bptt_length: 8, epochs: 1, minibatches: 2}\n"
    "train: {steps: 512, seed: 3, log_every: 64, checkpoint_every: 256, eval_num_envs: 2}\n"
    "eval: {episodes: 2, deterministic: false}\n";

// The GRU states, previous actions, dropout generator and env snapshots all
// travel in the checkpoint: metrics and the final evaluation match.
TEST(VisualPpoCli, ResumedRunMatchesUninterruptedRun) {
  const std::string dir = temp_dir("visual_resume");
  write(dir + "/visual.yaml", kVisualConfig);
  ASSERT_EQ(run_ember(dir, "train visual.yaml --name straight").exit_code, 0);
  ASSERT_EQ(run_ember(dir, "train visual.yaml train.steps=256 --name resumed").exit_code, 0);
  const Result r = run_ember(dir, "train --resume runs/resumed train.steps=512");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(without_wall_clock(read(dir + "/runs/straight/metrics.csv")),
            without_wall_clock(read(dir + "/runs/resumed/metrics.csv")));
  EXPECT_EQ(read(dir + "/runs/straight/eval.json"), read(dir + "/runs/resumed/eval.json"));
}

// A codebook policy on an env without images is refused before anything is written.
TEST(VisualPpoCli, RefusesAnEnvWithoutRgbNamingTheFileAndKey) {
  const std::string dir = temp_dir("visual_no_rgb");
  write(dir + "/bad.yaml", "name: bad\nenv: {id: CartPole-v1}\nagent: {id: visual_ppo, codebook: true}\n");
  const Result r = run_ember(dir, "train bad.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bad.yaml:3: agent.id"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'rgb'"), std::string::npos) << r.output;
  EXPECT_FALSE(exists(dir + "/runs"));
}

// A sequence length that does not divide the rollout is refused naming both keys.
TEST(VisualPpoCli, RefusesABpttLengthThatDoesNotDivideTheRollout) {
  const std::string dir = temp_dir("visual_bptt");
  write(dir + "/bad.yaml", "name: bad\nenv: {id: objectnav, num_envs: 2}\nagent: {id: visual_ppo, bptt_length: 5}\n");
  const Result r = run_ember(dir, "train bad.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bad.yaml: agent.bptt_length (5) must divide agent.rollout_length (128)"),
            std::string::npos)
      << r.output;
  EXPECT_FALSE(exists(dir + "/runs"));
}

// A frozen-encoder file that does not exist is refused naming the file, the
// key and the file it was given, exit 2, before a run directory exists.
TEST(VisualPpoCli, RefusesAMissingEncoderFile) {
  const std::string dir = temp_dir("visual_no_encoder");
  write(dir + "/bad.yaml",
        "name: bad\nenv: {id: objectnav, num_envs: 2}\n"
        "agent: {id: visual_ppo, encoder_checkpoint: missing.ckpt}\n");
  const Result r = run_ember(dir, "train bad.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bad.yaml: agent.encoder_checkpoint: cannot use 'missing.ckpt'"), std::string::npos)
      << r.output;
  EXPECT_FALSE(exists(dir + "/runs"));
}

}  // namespace
