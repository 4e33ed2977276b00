// File: run/build_run.h
//
// build_run() turns a parsed RunConfig into the live objects of a run, the
// same way for every command: it creates each VectorEnv once, checks that
// the agent can drive the env against the built envs' spec, derives the
// run's seeds once (run/run_seeds.h) and builds the agent for that spec.
// Parsing (core/config.h) builds nothing; this is where envs come to life.
//
//   train     the training envs (env.num_envs), the evaluation envs
//             (train.eval_num_envs) and the configured agent
//   evaluate  the evaluation envs and the configured agent (`ember eval`)
//   record    one env on one thread and the `oracle` agent, whatever agent
//             the config names (`ember demos`); no agent when the env has
//             no scripted expert, so the caller can say so
//
// Example:
//   Run run = build_run(load_run_config(path, overrides, registry), registry, RunUse::kTrain);
//   run.envs->reset(run.seeds.train_envs);
//   collect(*run.envs, run.agent->behaviour_policy(), ...);
//
// Errors: an env that cannot be created or an agent that cannot drive it is
// a ConfigError naming the config file, line and key, as a parse error
// would be, thrown before anything is written.
#pragma once

#include <memory>
#include <string>

#include "core/agent.h"
#include "core/config.h"
#include "core/registry.h"
#include "core/vector_env.h"
#include "run/run_seeds.h"

namespace ember {

enum class RunUse { kTrain, kEvaluate, kRecord };

struct Run {
  RunConfig config;
  RunSeeds seeds;
  std::unique_ptr<VectorEnv> envs;       // kTrain, kRecord; null for kEvaluate
  std::unique_ptr<VectorEnv> eval_envs;  // kTrain, kEvaluate; null for kRecord
  std::unique_ptr<Agent> agent;

  // The envs every VectorEnv of this run shares the spec of.
  const EnvSpec& spec() const { return (envs ? envs : eval_envs)->spec(); }
};

Run build_run(RunConfig config, const Registry& registry, RunUse use);

// Throws the ConfigError build_run() throws when the configured agent cannot
// drive envs of `spec` ("file:line: agent.id: agent 'x' cannot drive env 'y': why").
void check_agent_fits(const RunConfig& config, const Registry& registry, const EnvSpec& spec);

}  // namespace ember
