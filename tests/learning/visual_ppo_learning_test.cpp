// The long learning test of the codebook visual policy (ctest label "long";
// run with `cmake --build build --target learning_tests_run`, not in the fast
// suite): the pipeline that learns within a CPU budget
// (benchmarks/results/codebook.md) — `ember train` of the encoder
// pretraining config (200k frames), then of the frozen-encoder codebook
// config on the starter tier for 300k env steps — and `ember eval` of its
// checkpoint on unseen test houses. Success must rise well above the uniform
// random policy's (0.005 on the same suite): at least 10x, i.e. 0.05. (The
// end-to-end codebook config reached 0.038 at 500k steps, 3 seeds pooled.)
// Takes about 20-30 minutes on one core.

#include <gtest/gtest.h>

#include <string>

#include <yaml-cpp/yaml.h>

#include "tests/apps/cli_harness.h"

namespace {

using namespace ember_cli_test;

// The mean of the runs' "success" metrics in an `ember eval` results.json
// (one per evaluation seed, each over the suite's episodes); -1 if none.
// yaml-cpp reads the JSON (a YAML subset).
double success_of(const std::string& results_path) {
  const YAML::Node results = YAML::LoadFile(results_path);
  double sum = 0;
  int runs = 0;
  for (const YAML::Node& task : results["results"])
    for (const YAML::Node& run : task["runs"]) {
      sum += run["metrics"]["success"].as<double>();
      ++runs;
    }
  return runs > 0 ? sum / runs : -1;
}

TEST(VisualPpoLearning, FrozenEncoderCodebookPolicySucceedsFarMoreOftenThanRandomOnUnseenHouses) {
  const std::string dir = temp_dir("visual_learning");
  const std::string src = EMBER_SOURCE_DIR;
  const Result pretrain = run_ember(dir, "train " + src + "/configs/navigation/pretrain_encoder.yaml --name pretrain");
  ASSERT_EQ(pretrain.exit_code, 0) << pretrain.output;
  const Result train = run_ember(dir, "train " + src +
                                          "/configs/navigation/ppo_codebook_frozen.yaml train.steps=300_000 "
                                          "agent.encoder_checkpoint=runs/pretrain/checkpoints/latest.ckpt --name learn");
  ASSERT_EQ(train.exit_code, 0) << train.output;
  const Result eval = run_ember(dir, "eval " + src + "/benchmarks/suites/objectnav_starter.yaml --checkpoint runs/learn/checkpoints/latest.ckpt --out eval eval.deterministic=false");
  ASSERT_EQ(eval.exit_code, 0) << eval.output;
  const double success = success_of(dir + "/eval/results.json");
  EXPECT_GE(success, 0.05) << eval.output;
}

}  // namespace
