// File: apps/env_config.h
//
// Builds a RunConfig for commands that name an env directly
// (`ember check-env ID size=10`, `ember rollout ID ...`): the words
// `key=value` become `env.key=value` overrides, validated like a config file.
#pragma once

#include <string>
#include <vector>

#include "core/config.h"
#include "core/registry.h"

namespace ember {

RunConfig config_for_env(const std::string& env_id, const std::vector<std::string>& env_overrides,
                         Registry& registry);

}  // namespace ember
