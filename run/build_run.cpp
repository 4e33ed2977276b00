#include "run/build_run.h"

#include <stdexcept>
#include <utility>
#include <vector>

#include "run/run_factory.h"

namespace ember {

namespace {

// The agent the demonstration recorder drives: the env's own expert.
constexpr char kRecordingAgent[] = "oracle";

const AgentRegistration& agent_registration(const RunConfig& config, const Registry& registry) {
  const AgentRegistration* reg = registry.find_agent(config.agent_id);
  if (!reg) throw std::invalid_argument("unknown agent '" + config.agent_id + "'");
  return *reg;
}

// The first env of a run. When the agent has a compatibility check, any
// failure to create it is a config error at the env section, since the
// config was read to drive exactly that env.
std::unique_ptr<Env> first_env(const RunConfig& config, const Registry& registry) {
  if (!agent_registration(config, registry).compatible) return make_env(config, registry);
  const EnvRegistration* reg = registry.find_env(config.env_id);
  if (!reg) throw std::invalid_argument("unknown env '" + config.env_id + "'");
  try {
    auto env = reg->make(config.env);
    if (!env) throw std::runtime_error("the factory returned nothing");
    return env;
  } catch (const std::exception& e) {
    throw ConfigError(config.env_origin + ": env: cannot create env '" + config.env_id + "': " + e.what());
  }
}

// `count` envs stepped by `threads` threads; `first` (when given) is env 0.
std::unique_ptr<VectorEnv> vector_env(const RunConfig& config, const Registry& registry, int count, int threads,
                                      std::unique_ptr<Env> first) {
  std::vector<std::unique_ptr<Env>> envs;
  envs.reserve(static_cast<size_t>(count));
  if (first) envs.push_back(std::move(first));
  while (static_cast<int>(envs.size()) < count) envs.push_back(make_env(config, registry));
  return std::make_unique<VectorEnv>(std::move(envs), threads);
}

// The config with its agent section replaced by the oracle's defaults.
RunConfig with_recording_agent(RunConfig config) {
  config.agent_id = kRecordingAgent;
  config.agent = Params();
  return config;
}

}  // namespace

void check_agent_fits(const RunConfig& config, const Registry& registry, const EnvSpec& spec) {
  const AgentRegistration& reg = agent_registration(config, registry);
  if (!reg.compatible) return;
  const std::string reason = reg.compatible(spec);
  if (!reason.empty())
    throw ConfigError(config.agent_id_origin + ": agent.id: agent '" + config.agent_id + "' cannot drive env '" +
                      config.env_id + "': " + reason);
}

Run build_run(RunConfig config, const Registry& registry, RunUse use) {
  Run run;
  run.config = std::move(config);
  const RunConfig& cfg = run.config;
  run.seeds = derive_run_seeds(cfg);
  const int num_envs = static_cast<int>(cfg.env.get_int("num_envs"));
  const int threads = static_cast<int>(cfg.env.get_int("num_threads"));
  const int eval_envs = static_cast<int>(cfg.train.get_int("eval_num_envs"));

  std::unique_ptr<Env> first = first_env(cfg, registry);
  check_agent_fits(cfg, registry, first->spec());
  switch (use) {
    case RunUse::kTrain:
      run.envs = vector_env(cfg, registry, num_envs, threads, std::move(first));
      run.eval_envs = vector_env(cfg, registry, eval_envs, threads, nullptr);
      break;
    case RunUse::kEvaluate:
      run.eval_envs = vector_env(cfg, registry, eval_envs, threads, std::move(first));
      break;
    case RunUse::kRecord:
      run.envs = vector_env(cfg, registry, 1, 1, std::move(first));
      if (!run.envs->spec().has_expert) return run;
      break;
  }
  // A recorded run keeps the config it was asked for (it is written into the
  // demonstrations' index) but is driven by the env's expert.
  const RunConfig agent_cfg = use == RunUse::kRecord ? with_recording_agent(cfg) : cfg;
  run.agent = make_agent(agent_cfg, registry, run.spec(), num_envs, run.seeds.agent, cfg.train.get_int("steps"));
  return run;
}

}  // namespace ember
