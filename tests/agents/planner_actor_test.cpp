// Agent "planner_actor" end to end through the registry, a VectorEnv and
// collect(): the symbolic planner + oracle actor on each LoHoRavens
// long-horizon task, the oracle planner reproducing the scripted oracle, and
// the oracle actor grounding steps (including ones it must refuse).
#include <gtest/gtest.h>

#include "agents/register_builtin.h"
#include "core/agent.h"
#include "core/evaluator.h"
#include "core/instruction_grounding.h"
#include "core/registry.h"
#include "core/stats.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"
#include "envs/tabletop/tabletop_env.h"
#include "core/env_buffers.h"

namespace ember {
namespace {

struct PlannerRun {
  EvalResult result;
  Metrics agent_metrics;
};

PlannerRun run_planner(const std::string& task, const std::string& planner, int episodes,
                       const std::string& command = "") {
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  const EnvRegistration* env_reg = registry.find_env("tabletop");
  Params env_params = Params::defaults(env_reg->params);
  env_params.set("task", ParamValue(task));
  env_params.set("split", ParamValue(std::string("test")));
  env_params.set("downsample", ParamValue(int64_t{2}));
  std::vector<std::unique_ptr<Env>> envs;
  for (int i = 0; i < 2; ++i) envs.push_back(env_reg->make(env_params));
  VectorEnv venv(std::move(envs), 1);
  // planner "" = the scripted "oracle" agent, for comparison
  const AgentRegistration* agent_reg = registry.find_agent(planner.empty() ? "oracle" : "planner_actor");
  EXPECT_EQ(agent_reg->compatible(venv.spec()), "");
  Params agent_params = Params::defaults(agent_reg->params);
  if (!planner.empty()) {
    agent_params.set("planner", ParamValue(planner));
    agent_params.set("command", ParamValue(command));
  }
  auto agent = agent_reg->make(AgentContext{agent_params, venv.spec(), 2, 1, 0});
  PlannerRun run;
  agent->greedy_policy().reset_memory(2);
  run.result = evaluate(agent->greedy_policy(), venv, episodes, 7);
  run.agent_metrics = agent->evaluation_metrics();
  return run;
}

double metric(const PlannerRun& run, const std::string& name) {
  for (size_t k = 0; k < run.result.metric_names.size(); ++k)
    if (run.result.metric_names[k] == name) return mean_of(run.result.metrics[k]);
  for (const auto& [key, value] : run.agent_metrics)
    if (key == name) return value;
  ADD_FAILURE() << "no metric " << name;
  return -1;
}

// Tasks whose instruction determines the goal: the symbolic planner with
// perfect execution succeeds on these test seeds. D, G and H reward a base
// block the caption cannot name (docs/agents/planner.md): the plan is carried
// out completely, but the score depends on the guess.
TEST(PlannerActor, SymbolicPlannerWithOracleActorOnEveryLongHorizonTask) {
  const std::vector<std::pair<std::string, double>> tasks = {
      {"put-block-in-matching-bowl", 1.0},
      {"stack-smaller-over-bigger-with-same-color", 1.0},
      {"put-block-in-mismatching-bowl", 1.0},
      {"stack-smaller-over-bigger-with-same-color-in-same-color-zone", 1.0},
      {"stack-block-of-same-color", 1.0},
      {"put-even-block-in-same-color-zone", 0.75},  // the reference's zone-0 quirk fails some scenes
      {"move-block-in-x-area-to-y-area", 0.5},      // leftover clutter can exhaust the step budget
      {"stack-block-in-absolute-area", 0.0},
      {"stack-block-of-same-size", 0.0},
      {"stack-block-with-alternate-color", 0.0},
  };
  for (const auto& [task, min_success] : tasks) {
    const PlannerRun run = run_planner(task, "symbolic", 4);
    EXPECT_GE(metric(run, "success"), min_success) << task;
    EXPECT_GT(metric(run, "score"), 0.0) << task;
    EXPECT_EQ(metric(run, "ungrounded"), 0.0) << task;  // every planned step named real objects
    EXPECT_GE(metric(run, "planned_steps"), 1.0) << task;
  }
}

// The oracle's step instructions carried out by the oracle actor are the
// scripted oracle itself: the same returns episode by episode.
TEST(PlannerActor, OraclePlannerWithOracleActorIsTheScriptedOracle) {
  for (const std::string task :
       {"put-block-in-mismatching-bowl", "move-block-in-x-area-to-y-area", "put-even-block-in-same-color-zone"}) {
    const PlannerRun planned = run_planner(task, "oracle", 6);
    const PlannerRun scripted = run_planner(task, "", 6);
    EXPECT_EQ(metric(planned, "ungrounded"), 0.0) << task;
    ASSERT_EQ(planned.result.returns.size(), 6u) << task;
    EXPECT_EQ(planned.result.returns, scripted.result.returns) << task;
    EXPECT_EQ(planned.result.lengths, scripted.result.lengths) << task;
  }
}

TEST(PlannerActor, ExternalExamplePlannerRoundTrip) {
  const std::string command = std::string("python3 ") + EMBER_SOURCE_DIR + "/examples/planner/example_planner.py 2>/dev/null";
  const PlannerRun run = run_planner("put-block-in-matching-bowl", "external", 2, command);
  EXPECT_EQ(metric(run, "success"), 1.0);
  EXPECT_GE(metric(run, "planned_steps"), 5.0);  // one step per block (5..7 blocks)
}

TEST(PlannerActor, OracleActorGroundsStepsAndRefusesWhatIsNotOnTheTable) {
  tabletop::TabletopConfig config;
  config.task = "put-block-in-matching-bowl";
  config.split = tabletop::EpisodeSplit::kTest;
  tabletop::TabletopEnv env(config);
  EnvBuffers buffers(env.spec());
  env.seed(3);
  env.reset(buffers.slot());
  // the oracle's own step grounds to the oracle's pick and place object
  const std::string step = env.expert_instruction();
  ASSERT_FALSE(step.empty());
  float action[6];
  ActionBuffer out;
  out.continuous = action;
  EXPECT_EQ(env.ground_instruction(step, out), "");
  env.step(tabletop::PickPlace{action[0], action[1], action[2], action[3], action[4], action[5]}, buffers.slot());
  EXPECT_GT(buffers.slot().reward[0], 0.0f);
  EXPECT_EQ(env.ground_instruction("pick up the gold block and place it on the red bowl.", out),
            "'gold block' is not the name of a block");
  EXPECT_NE(env.ground_instruction("pick up the red bowl and place it on the red bowl.", out), "");
  EXPECT_NE(env.ground_instruction("put everything away", out).find("not a step instruction"), std::string::npos);
  // a color that is not in this scene
  std::string absent;
  for (const std::string c : {"blue", "red", "green", "orange", "yellow", "purple", "pink", "cyan", "brown", "white", "gray"})
    if (env.describe().find(c + " block") == std::string::npos) {
      absent = c;
      break;
    }
  ASSERT_FALSE(absent.empty());
  EXPECT_EQ(env.ground_instruction("pick up the " + absent + " block and place it on the center.", out),
            "there is no " + absent + " block on the table");
}

TEST(PlannerActor, RefusesEnvsWithoutPickAndPlaceActions) {
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  const AgentRegistration* agent_reg = registry.find_agent("planner_actor");
  const EnvRegistration* cartpole = registry.find_env("CartPole-v1");
  auto env = cartpole->make(Params::defaults(cartpole->params));
  EXPECT_NE(agent_reg->compatible(env->spec()), "");
  EXPECT_THROW(agent_reg->make(AgentContext{Params::defaults(agent_reg->params), env->spec(), 1, 1, 0}),
               std::invalid_argument);
}

}  // namespace
}  // namespace ember
