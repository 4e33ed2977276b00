// File: core/env_factory.h
//
// Builds the envs a RunConfig describes, through the registry.
#pragma once

#include <memory>

#include "core/config.h"
#include "core/registry.h"
#include "core/vector_env.h"

namespace ember {

// `num_envs` copies of the configured env, stepped by `num_threads` threads.
std::unique_ptr<VectorEnv> make_vector_env(const RunConfig& config, const Registry& registry,
                                           int num_envs, int num_threads);
// One env, e.g. to read its spec.
std::unique_ptr<Env> make_env(const RunConfig& config, const Registry& registry);

}  // namespace ember
