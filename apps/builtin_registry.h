// File: apps/builtin_registry.h
//
// The registry every ember command starts from: built-in envs and agents,
// with plugin loading enabled for configs that list `plugins:`.
#pragma once

#include <string>
#include <vector>

#include "core/registry.h"

namespace ember {

Registry make_builtin_registry();
// Loads each plugin path into `registry` (PluginError on failure).
void load_plugins(const std::vector<std::string>& paths, Registry& registry);

}  // namespace ember
