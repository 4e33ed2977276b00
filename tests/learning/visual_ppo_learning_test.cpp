// The long learning test of the codebook visual policy (ctest label "long";
// run with `cmake --build build --target learning_tests_run`, not in the fast
// suite): `ember train` of the shipped codebook config on the starter tier
// for 300k env steps, then `ember eval` of its checkpoint on unseen test
// houses. Success must rise well above the uniform random policy's (0.005 on
// the same suite, benchmarks/results/codebook.md): at least 10x, i.e. 0.05.
// Takes about 15-25 minutes on one core.

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

TEST(VisualPpoLearning, CodebookPolicySucceedsFarMoreOftenThanRandomOnUnseenHouses) {
  const std::string dir = temp_dir("visual_learning");
  const std::string src = EMBER_SOURCE_DIR;
  const Result train = run_ember(dir, "train " + src + "/configs/navigation/ppo_codebook.yaml train.steps=300_000 --name learn");
  ASSERT_EQ(train.exit_code, 0) << train.output;
  const Result eval = run_ember(dir, "eval " + src + "/benchmarks/suites/objectnav_starter.yaml --checkpoint runs/learn/checkpoints/latest.ckpt --out eval eval.deterministic=false");
  ASSERT_EQ(eval.exit_code, 0) << eval.output;
  const double success = success_of(dir + "/eval/results.json");
  EXPECT_GE(success, 0.05) << eval.output;
}

}  // namespace
