// File: envs/lbf/register.h
//
// Registration of Level-Based Foraging as env "lbf" (envs/lbf/lbf_env.h) with
// its declared parameters. Called from register_builtin_envs().
#pragma once

#include <vector>

#include "core/params.h"

namespace ember {

class Registry;

// The declared parameters of "lbf" (names, defaults, ranges, docs).
std::vector<ParamSpec> lbf_param_specs();

// Adds "lbf" to `registry`.
void register_lbf_envs(Registry& registry);

}  // namespace ember
