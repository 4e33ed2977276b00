// `ember eval` with a suite's `metrics:` (or --metrics) shows those episode
// or agent metrics as extra columns (mean over runs), and rejects a misspelt
// suite key.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/apps/cli_harness.h"

namespace {

using namespace ember_cli_test;

const char kOracleConfig[] =
    "name: oracle\n"
    "env: {id: tabletop, task: stack-block-of-same-size, downsample: 4, num_envs: 1}\n"
    "agent: {id: oracle}\n";

TEST(EvalMetrics, SuiteMetricsBecomeTableColumns) {
  const std::string dir = temp_dir("eval_metrics");
  write(dir + "/oracle.yaml", kOracleConfig);
  write(dir + "/suite.yaml",
        "name: t\nepisodes: 3\nseeds: [1]\nmetrics: [success, steps]\n"
        "tasks:\n  - {name: same-size, env: {id: tabletop, task: stack-block-of-same-size, split: test, downsample: 4}}\n");
  const Result r = run_ember(dir, "eval suite.yaml --config oracle.yaml");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("| std | success | steps |"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("| 1.000 |"), std::string::npos) << r.output;  // the oracle's success
}

// --metrics names an agent's own evaluation metric too: MANSA's random-switching
// control at probability 1 lets CL act on every step.
TEST(EvalMetrics, AgentMetricsBecomeTableColumns) {
  const std::string dir = temp_dir("eval_agent_metrics");
  write(dir + "/mansa.yaml",
        "name: m\nenv: {id: lbf, size: 5, players: 2, food: 1}\n"
        "agent: {id: mansa, switch_policy: random, random_cl_probability: 1.0, il_hidden: 8, cl_hidden: 8}\n");
  write(dir + "/suite.yaml", "name: t\nepisodes: 4\nseeds: [1]\ntasks:\n  - {name: lbf5, env: {id: lbf, size: 5, players: 2, food: 1}}\n");
  const Result r = run_ember(dir, "eval suite.yaml --config mansa.yaml --metrics cl_fraction");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("| std | cl_fraction |"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("| - | - | 1.000 |"), std::string::npos) << r.output;  // one run: no CI; CL on every step
}

TEST(EvalMetrics, TaskGroupsGetTheirOwnIqmRow) {
  const std::string dir = temp_dir("eval_groups");
  write(dir + "/oracle.yaml", kOracleConfig);
  write(dir + "/suite.yaml",
        "name: t\nepisodes: 2\nseeds: [1]\ntasks:\n"
        "  - {name: a, group: unseen, env: {id: tabletop, task: stack-block-of-same-size, downsample: 4}}\n"
        "  - {name: b, group: unseen, env: {id: tabletop, task: stack-block-of-same-color, downsample: 4}}\n");
  const Result r = run_ember(dir, "eval suite.yaml --config oracle.yaml");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("| **unseen tasks (IQM)** | oracle |"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("| **all tasks (IQM)** | oracle |"), std::string::npos) << r.output;
}

TEST(EvalMetrics, MisspeltSuiteKeyIsAnError) {
  const std::string dir = temp_dir("eval_metrics_typo");
  write(dir + "/oracle.yaml", kOracleConfig);
  write(dir + "/suite.yaml", "name: t\nmetric: [success]\ntasks:\n  - {env: {id: tabletop}}\n");
  const Result r = run_ember(dir, "eval suite.yaml --config oracle.yaml");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("did you mean 'metrics'"), std::string::npos) << r.output;
}

// candidate_env: a name that is no param of the task's env is an error, not
// a silent no-op.
TEST(EvalMetrics, CandidateEnvNamesMustBeEnvParams) {
  const std::string dir = temp_dir("eval_candidate_env");
  write(dir + "/oracle.yaml", kOracleConfig);
  write(dir + "/suite.yaml",
        "name: t\nepisodes: 1\ncandidate_env: [downsampel]\ntasks:\n  - {env: {id: tabletop, task: stack-block-of-same-size}}\n");
  const Result r = run_ember(dir, "eval suite.yaml --config oracle.yaml");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("candidate_env names 'downsampel', which is not a param of env 'tabletop'"), std::string::npos)
      << r.output;
}

// --seeds and --episodes take whole numbers; anything else names the option.
TEST(EvalMetrics, MalformedSeedsOrEpisodesAreErrors) {
  const std::string dir = temp_dir("eval_numbers");
  write(dir + "/oracle.yaml", kOracleConfig);
  write(dir + "/suite.yaml", "name: t\ntasks:\n  - {env: {id: tabletop}}\n");
  for (const auto& [flags, message] : std::vector<std::pair<std::string, std::string>>{
           {"--seeds 1,x", "--seeds: 'x' is not a whole number"},
           {"--episodes 0", "--episodes must be >= 1"},
           {"--episodes 2.5", "--episodes: '2.5' is not a whole number"}}) {
    const Result r = run_ember(dir, "eval suite.yaml --config oracle.yaml " + flags);
    EXPECT_EQ(r.exit_code, 2) << flags << "\n" << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << flags << "\n" << r.output;
  }
}

}  // namespace
