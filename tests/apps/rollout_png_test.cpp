// `ember rollout --png DIR` writes every image-like observation of every step
// (color fields as RGB, f32 maps as gray) as PNG files.
#include <gtest/gtest.h>

#include "tests/apps/cli_harness.h"

namespace {

using namespace ember_cli_test;

TEST(RolloutPng, WritesColorAndMapFieldsOfEveryStep) {
  const std::string dir = temp_dir("rollout_png");
  write(dir + "/actions.yaml", "- [0.4, 0.1, 0.0, 0.5, 0.0, 0.0]\n- [0.3, -0.2, 0.0, 0.6, 0.2, 0.0]\n");
  write(dir + "/state.yaml", "seed: 10001\n");
  const Result r = run_ember(dir, "rollout tabletop downsample=4 --actions actions.yaml --state state.yaml --png out");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* name : {"step0_rgb", "step0_height", "step1_rgb", "step1_height", "step2_rgb", "step2_height"}) {
    const std::string bytes = read(dir + "/out/" + name + ".png");
    ASSERT_GT(bytes.size(), 8u) << name;
    EXPECT_EQ(bytes.substr(1, 3), "PNG") << name;
  }
  EXPECT_FALSE(exists(dir + "/out/step0_instruction.png"));  // token fields are not images
}

}  // namespace
