// End-to-end tests of the `ember` binary: bad input gives one clear error,
// exit code 2 and no run directory; runs are deterministic; a killed or
// interrupted run resumes without losing more than one checkpoint interval.

#include <gtest/gtest.h>

#include "tests/apps/cli_harness.h"
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace {

using namespace ember_cli_test;

const char kConfig[] =
    "name: cp\n"
    "env: {id: CartPole-v1, num_envs: 4}\n"
    "agent: {id: ppo, rollout_length: 64}\n"
    "train: {steps: 6144, seed: 3, log_every: 256, checkpoint_every: 1024, eval_num_envs: 2}\n"
    "eval: {episodes: 4}\n";

class CliBadInput : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = temp_dir(::testing::UnitTest::GetInstance()->current_test_info()->name()); }
  // Writes `yaml` as bad.yaml, trains on it and expects exit 2, `message`, and no run directory.
  void expect_rejected(const std::string& yaml, const std::string& message, const std::string& overrides = "") {
    write(dir_ + "/bad.yaml", yaml);
    const Result r = run_ember(dir_, "train bad.yaml " + overrides);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << "expected '" << message << "' in:\n" << r.output;
    EXPECT_FALSE(exists(dir_ + "/runs/cp")) << "a run directory was left behind";
  }
  std::string dir_;
};

// Malformed YAML names the file and the line.
TEST_F(CliBadInput, MalformedYaml) { expect_rejected("name: cp\nenv: {id: CartPole-v1\nagent: {id: ppo}\n", "bad.yaml:"); }

// An unknown key names its path and suggests the nearest valid key.
TEST_F(CliBadInput, UnknownKeySuggestsNearest) {
  expect_rejected("name: cp\nenv: {id: CartPole-v1}\nagent: {id: ppo, lrr: 0.1}\n", "did you mean 'lr'?");
}

// A value of the wrong type names the key path.
TEST_F(CliBadInput, WrongType) {
  expect_rejected("name: cp\nenv: {id: CartPole-v1}\nagent: {id: ppo, epochs: many}\n", "agent.epochs");
}

// An out-of-range value names the key and the allowed range.
TEST_F(CliBadInput, OutOfRange) {
  expect_rejected("name: cp\nenv: {id: CartPole-v1}\nagent: {id: ppo, gamma: 1.5}\n", "agent.gamma");
}

// An unknown env id suggests a registered one.
TEST_F(CliBadInput, UnknownEnvId) {
  expect_rejected("name: cp\nenv: {id: CartPole-v2}\nagent: {id: ppo}\n", "CartPole-v1");
}

// An unknown agent id suggests a registered one.
TEST_F(CliBadInput, UnknownAgentId) { expect_rejected("name: cp\nenv: {id: CartPole-v1}\nagent: {id: ppp}\n", "'ppo'"); }

// A bad command-line override is reported as coming from the command line.
TEST_F(CliBadInput, BadOverride) {
  expect_rejected("name: cp\nenv: {id: CartPole-v1}\nagent: {id: ppo}\n", "agent.lr", "agent.lr=-3");
}

// A combination of keys an agent's factory refuses names the config file and the key.
TEST_F(CliBadInput, AgentRefusesKeyCombination) {
  expect_rejected("name: cp\nenv: {id: lbf, size: 5, players: 2, food: 1}\nagent: {id: mansa, il: ippo, cl: mappo, cl_lr: 0.001}\n",
                  "bad.yaml: agent mansa: 'cl_lr'");
}

// Two runs with the same seed and thread count write identical metrics (wall clock aside).
TEST(CliTrain, SameSeedSameMetrics) {
  const std::string dir = temp_dir("determinism");
  write(dir + "/cp.yaml", kConfig);
  const Result a = run_ember(dir, "train cp.yaml");
  const Result b = run_ember(dir, "train cp.yaml");
  ASSERT_EQ(a.exit_code, 0) << a.output;
  ASSERT_EQ(b.exit_code, 0) << b.output;
  const std::string ma = read(dir + "/runs/cp/metrics.csv"), mb = read(dir + "/runs/cp-2/metrics.csv");
  ASSERT_GT(ma.size(), 100u);
  EXPECT_EQ(without_wall_clock(ma), without_wall_clock(mb));
  EXPECT_EQ(read(dir + "/runs/cp/eval.json"), read(dir + "/runs/cp-2/eval.json"));
  EXPECT_TRUE(exists(dir + "/runs/cp/plots/returns.png"));
}

// SIGKILL mid-run, then --resume: the final metrics equal an uninterrupted run's.
TEST(CliTrain, KillAndResumeMatchesUninterruptedRun) {
  const std::string dir = temp_dir("resume");
  write(dir + "/cp.yaml", std::string(kConfig) + "\n");
  ASSERT_EQ(run_ember(dir, "train cp.yaml --name straight").exit_code, 0);

  // start a second run and kill it once its first checkpoint exists
  const std::string run = dir + "/runs/killed";
  const std::string cmd = "cd '" + dir + "' && exec " + std::string(EMBER_EXE) + " train cp.yaml --name killed >/dev/null 2>&1";
  pid_t pid;
  const char* argv[] = {"sh", "-c", cmd.c_str(), nullptr};
  ASSERT_EQ(posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!exists(run + "/checkpoints/latest.ckpt") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(exists(run + "/checkpoints/latest.ckpt"));

  const Result resumed = run_ember(dir, "train --resume runs/killed");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(without_wall_clock(read(dir + "/runs/straight/metrics.csv")),
            without_wall_clock(read(run + "/metrics.csv")));
  EXPECT_EQ(read(dir + "/runs/straight/eval.json"), read(run + "/eval.json"));
}

// A multi-agent Q-learning run (replay and GRU state in the checkpoint) resumed
// from its checkpoint continues exactly as the uninterrupted run.
TEST(CliTrain, ResumedIqlRunMatchesUninterruptedRun) {
  const std::string dir = temp_dir("resume_iql");
  write(dir + "/iql.yaml",
        "name: iql\n"
        "env: {id: lbf, size: 5, players: 2, food: 1, num_envs: 4, max_episode_steps: 25}\n"
        "agent: {id: iql, hidden: 16, batch_size: 8}\n"
        "train: {steps: 6000, seed: 1, log_every: 1000, checkpoint_every: 3000, eval_num_envs: 2}\n"
        "eval: {episodes: 10}\n");
  ASSERT_EQ(run_ember(dir, "train iql.yaml --name straight").exit_code, 0);
  ASSERT_EQ(run_ember(dir, "train iql.yaml train.steps=3000 --name resumed").exit_code, 0);
  const Result r = run_ember(dir, "train --resume runs/resumed train.steps=6000");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(without_wall_clock(read(dir + "/runs/straight/metrics.csv")),
            without_wall_clock(read(dir + "/runs/resumed/metrics.csv")));
  EXPECT_EQ(read(dir + "/runs/straight/eval.json"), read(dir + "/runs/resumed/eval.json"));
}

// Ctrl-C (SIGINT) saves a checkpoint and exits with 130; resuming finishes the run.
TEST(CliTrain, InterruptSavesAndResumes) {
  const std::string dir = temp_dir("interrupt");
  write(dir + "/cp.yaml", std::string(kConfig) + "");
  const std::string cmd = "cd '" + dir + "' && exec " + std::string(EMBER_EXE) +
                          " train cp.yaml train.steps=400000 train.checkpoint_every=0 >/dev/null 2>&1";
  pid_t pid;
  const char* argv[] = {"sh", "-c", cmd.c_str(), nullptr};
  ASSERT_EQ(posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (read(dir + "/runs/cp/metrics.csv").size() < 200 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_TRUE(exists(dir + "/runs/cp/checkpoints/latest.ckpt"));
  const Result resumed = run_ember(dir, "train --resume runs/cp train.steps=8192");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_TRUE(exists(dir + "/runs/cp/eval.json"));
}

// `ember rollout` replays CartPole from an explicit state and reports termination.
TEST(CliRollout, ReplaysFromExplicitState) {
  const std::string dir = temp_dir("rollout");
  write(dir + "/actions.yaml", "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
  write(dir + "/state.yaml", "{x: 0.0, x_dot: 0.0, theta: 0.2, theta_dot: 0.5}\n");
  const Result r = run_ember(dir, "rollout CartPole-v1 --actions actions.yaml --state state.yaml");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"t\":0"), std::string::npos);
  EXPECT_NE(r.output.find("\"terminated\":true"), std::string::npos) << r.output;
}

// An illegal action in a rollout file is a clear error with exit code 2.
TEST(CliRollout, IllegalActionIsAnError) {
  const std::string dir = temp_dir("rollout_bad");
  write(dir + "/actions.yaml", "[0, 1, 2]\n");
  const Result r = run_ember(dir, "rollout CartPole-v1 --actions actions.yaml");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("invalid action"), std::string::npos) << r.output;
}

// An LBF trace from upstream's simple2p1f state: two level-2 players LOAD a level-2 food together.
TEST(CliRollout, LbfFromExplicitState) {
  const std::string dir = temp_dir("rollout_lbf");
  write(dir + "/state.yaml",
        "{food: [{pos: [4, 4], level: 2}], players: [{pos: [4, 3], level: 2}, {pos: [4, 5], level: 2}]}\n");
  write(dir + "/actions.yaml", "[[5, 5]]\n");
  const Result r = run_ember(dir, "rollout lbf size=8 players=2 food=1 --state state.yaml --actions actions.yaml");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"reward\":[0.5,0.5]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"terminated\":true"), std::string::npos) << r.output;
}

// A wrong number of actions for a multi-agent env names the step and the expected count.
TEST(CliRollout, WrongNumberOfActionsIsAnError) {
  const std::string dir = temp_dir("rollout_count");
  write(dir + "/actions.yaml", "[[1, 2], [3]]\n");
  const Result r = run_ember(dir, "rollout lbf --actions actions.yaml");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("step 1: expected 2 action value(s)"), std::string::npos) << r.output;
}

// An invalid LBF state description names the offending key.
TEST(CliRollout, InvalidStateIsAnError) {
  const std::string dir = temp_dir("rollout_state");
  write(dir + "/state.yaml", "{food: [{pos: [4, 4], level: 2}], players: [{pos: [40, 3], level: 2}, {pos: [4, 5], level: 2}]}\n");
  write(dir + "/actions.yaml", "[[0, 0]]\n");
  const Result r = run_ember(dir, "rollout lbf --state state.yaml --actions actions.yaml");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("state.yaml"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("pos"), std::string::npos) << r.output;
}

// check-env passes on the built-in envs.
TEST(CliCheckEnv, BuiltinEnvsPass) {
  const std::string dir = temp_dir("check");
  for (const char* id : {"CartPole-v1", "Pendulum-v1", "lbf"}) {
    const Result r = run_ember(dir, std::string("check-env ") + id + " --steps 300");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("all checks passed"), std::string::npos) << r.output;
  }
}

// A numeric option that is not a whole number names the option and the text,
// where std::stoll would stop at "5x" or accept "-3" as a huge seed.
TEST(CliNumbers, MalformedNumbersNameTheOption) {
  const std::string dir = temp_dir("numbers");
  write(dir + "/actions.yaml", "[1, 0]\n");
  for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
           {"check-env CartPole-v1 --steps 5x", "--steps: '5x' is not a whole number"},
           {"check-env CartPole-v1 --seed -3", "--seed: '-3' is not a whole number"},
           {"check-env CartPole-v1 --steps 0", "--steps must be >= 1"},
           {"check-env CartPole-v1 --steps 9223372036854775808", "--steps must be >= 1 (and below 2^63)"},
           {"rollout CartPole-v1 --actions actions.yaml --seed abc", "--seed: 'abc' is not a whole number"}}) {
    const Result r = run_ember(dir, args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << args << "\n" << r.output;
  }
}

// `ember describe ENV key=value` shows the spec those parameters give, and
// refuses a misspelt key before printing anything.
TEST(CliDescribe, OverridesShapeTheEnvSpec) {
  const std::string dir = temp_dir("describe");
  const Result lbf = run_ember(dir, "describe lbf size=15 players=4 food=3");
  ASSERT_EQ(lbf.exit_code, 0) << lbf.output;
  EXPECT_NE(lbf.output.find("obs: Box(f32, [21])"), std::string::npos) << lbf.output;
  EXPECT_NE(lbf.output.find("state: Box(f32, [84])"), std::string::npos) << lbf.output;
  const Result typo = run_ember(dir, "describe lbf sise=15");
  EXPECT_EQ(typo.exit_code, 2) << typo.output;
  EXPECT_NE(typo.output.find("did you mean 'size'"), std::string::npos) << typo.output;
  EXPECT_EQ(typo.output.find("parameters (env section)"), std::string::npos) << typo.output;
  const Result agent = run_ember(dir, "describe ippo hidden=3");
  EXPECT_EQ(agent.exit_code, 2) << agent.output;
  EXPECT_NE(agent.output.find("'ippo' is an agent"), std::string::npos) << agent.output;
  const Result unknown = run_ember(dir, "describe lbff size=5");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_NE(unknown.output.find("no env or agent is called 'lbff'"), std::string::npos) << unknown.output;
}

}  // namespace
