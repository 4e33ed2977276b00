// Bad planner_actor settings in a config are errors naming the file, line,
// key and value (config validation), or the file and key (a combination the
// agent factory refuses), before anything runs.
#include <gtest/gtest.h>

#include "agents/register_builtin.h"
#include "core/config.h"
#include "core/registry.h"
#include "envs/register_builtin.h"
#include "run/build_run.h"

namespace ember {
namespace {

std::string config_error(const std::string& agent_line) {
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  const std::string text = "env: {id: tabletop, task: put-block-in-matching-bowl, downsample: 4}\n" + agent_line +
                           "\ntrain: {steps: 10}\n";
  try {
    build_run(parse_run_config(text, "configs/p.yaml", {}, registry), registry, RunUse::kEvaluate);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "<no ConfigError>";
}

TEST(PlannerConfig, UnknownPlannerNamesFileLineKeyAndValue) {
  const std::string e = config_error("agent: {id: planner_actor, planner: llama}");
  EXPECT_NE(e.find("configs/p.yaml:2"), std::string::npos) << e;
  EXPECT_NE(e.find("agent.planner"), std::string::npos) << e;
  EXPECT_NE(e.find("llama"), std::string::npos) << e;
}

TEST(PlannerConfig, TimeoutOutOfRangeAndWrongType) {
  std::string e = config_error("agent: {id: planner_actor, planner: external, command: cat, timeout: -1}");
  EXPECT_NE(e.find("configs/p.yaml:2"), std::string::npos) << e;
  EXPECT_NE(e.find("agent.timeout"), std::string::npos) << e;
  e = config_error("agent: {id: planner_actor, log_steps: sometimes}");
  EXPECT_NE(e.find("agent.log_steps"), std::string::npos) << e;
  e = config_error("agent: {id: planner_actor, actor: transporter}");
  EXPECT_NE(e.find("agent.actor"), std::string::npos) << e;
}

TEST(PlannerConfig, ExternalPlannerWithoutCommandNamesFileAndKey) {
  const std::string e = config_error("agent: {id: planner_actor, planner: external}");
  EXPECT_NE(e.find("configs/p.yaml"), std::string::npos) << e;
  EXPECT_NE(e.find("agent.command"), std::string::npos) << e;
}

TEST(PlannerConfig, AGoodConfigBuilds) {
  EXPECT_EQ(config_error("agent: {id: planner_actor, planner: symbolic}"), "<no ConfigError>");
}

}  // namespace
}  // namespace ember
