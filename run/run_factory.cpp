#include "run/run_factory.h"

#include <stdexcept>

namespace ember {

namespace {

// A factory's std::invalid_argument, re-thrown naming the config file.
template <typename Make>
auto refusals_name_the_file(const RunConfig& config, Make make) {
  try {
    return make();
  } catch (const std::invalid_argument& e) {
    throw ConfigError(config.source + ": " + e.what());
  }
}

}  // namespace

std::unique_ptr<Env> make_env(const RunConfig& config, const Registry& registry) {
  const EnvRegistration* reg = registry.find_env(config.env_id);
  if (!reg) throw std::invalid_argument("unknown env '" + config.env_id + "'");
  auto env = refusals_name_the_file(config, [&] { return reg->make(config.env); });
  if (!env) throw std::runtime_error("the factory of env '" + config.env_id + "' returned nothing");
  return env;
}

std::unique_ptr<VectorEnv> make_vector_env(const RunConfig& config, const Registry& registry,
                                           int num_envs, int num_threads) {
  std::vector<std::unique_ptr<Env>> envs;
  envs.reserve(static_cast<size_t>(num_envs));
  for (int i = 0; i < num_envs; ++i) envs.push_back(make_env(config, registry));
  return std::make_unique<VectorEnv>(std::move(envs), num_threads);
}

std::unique_ptr<Agent> make_agent(const RunConfig& config, const Registry& registry, const EnvSpec& spec,
                                  int num_envs, uint64_t seed, int64_t total_steps) {
  const AgentRegistration* reg = registry.find_agent(config.agent_id);
  if (!reg) throw std::invalid_argument("unknown agent '" + config.agent_id + "'");
  AgentContext ctx{config.agent, spec, num_envs, seed, total_steps};
  auto agent = refusals_name_the_file(config, [&] { return reg->make(ctx); });
  if (!agent) throw std::runtime_error("the factory of agent '" + config.agent_id + "' returned nothing");
  return agent;
}

}  // namespace ember
