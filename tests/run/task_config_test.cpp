// task_config: a suite task's env replaces the candidate's, except for the
// params the suite keeps from the candidate (candidate_env), which the task
// may still set itself.
#include "run/task_config.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>

namespace ember {
namespace {

const char kCandidate[] = "name: c\nenv: {id: tabletop, task: put-block-in-matching-bowl, downsample: 4, num_envs: 2}\n"
                          "agent: {id: oracle}\n";

Task task_with_env(const std::string& env_yaml) {
  Task task;
  task.name = "t";
  task.env = YAML::Load(env_yaml);
  return task;
}

TEST(TaskConfig, KeptParamsComeFromTheCandidateUnlessTheTaskSetsThem) {
  const YAML::Node kept = YAML::Load(
      task_config(kCandidate, task_with_env("{id: tabletop, task: stack-block-of-same-size}"), {"num_envs", "downsample"}));
  EXPECT_EQ(kept["env"]["task"].as<std::string>(), "stack-block-of-same-size");
  EXPECT_EQ(kept["env"]["downsample"].as<int>(), 4);
  EXPECT_EQ(kept["env"]["num_envs"].as<int>(), 2);
  EXPECT_EQ(kept["agent"]["id"].as<std::string>(), "oracle");

  const YAML::Node own = YAML::Load(
      task_config(kCandidate, task_with_env("{id: tabletop, task: stack-block-of-same-size, downsample: 2}"), {"downsample"}));
  EXPECT_EQ(own["env"]["downsample"].as<int>(), 2);

  const YAML::Node replaced =
      YAML::Load(task_config(kCandidate, task_with_env("{id: tabletop, task: stack-block-of-same-size}"), {"num_envs"}));
  EXPECT_FALSE(replaced["env"]["downsample"]);
}

}  // namespace
}  // namespace ember
