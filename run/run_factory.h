// File: run/run_factory.h
//
// Builds what a RunConfig describes — its envs and its agent — through the
// registry. A factory may refuse a combination of keys that the param specs
// alone cannot check (MANSA's il/cl pairs, say); that refusal comes back as a
// ConfigError naming the config file. These are the pieces build_run()
// (run/build_run.h) assembles a run from; commands that need a bare env or
// VectorEnv (ember describe, check-env, rollout) use them directly.
//
// Example:
//   auto envs = make_vector_env(config, registry, /*num_envs=*/4, /*num_threads=*/1);
//   std::cout << make_env(config, registry)->spec().to_string();
#pragma once

#include <memory>

#include "core/agent.h"
#include "core/config.h"
#include "core/registry.h"
#include "core/vector_env.h"

namespace ember {

// `num_envs` copies of the configured env, stepped by `num_threads` threads.
std::unique_ptr<VectorEnv> make_vector_env(const RunConfig& config, const Registry& registry,
                                           int num_envs, int num_threads);
// One env, e.g. to read its spec.
std::unique_ptr<Env> make_env(const RunConfig& config, const Registry& registry);
// The configured agent for envs of `spec` (`num_envs` of them in training).
std::unique_ptr<Agent> make_agent(const RunConfig& config, const Registry& registry, const EnvSpec& spec,
                                  int num_envs, uint64_t seed, int64_t total_steps);

}  // namespace ember
