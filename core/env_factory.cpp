#include "core/env_factory.h"

#include <stdexcept>

namespace ember {

std::unique_ptr<Env> make_env(const RunConfig& config, const Registry& registry) {
  const EnvRegistration* reg = registry.find_env(config.env_id);
  if (!reg) throw std::invalid_argument("unknown env '" + config.env_id + "'");
  auto env = reg->make(config.env);
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

}  // namespace ember
