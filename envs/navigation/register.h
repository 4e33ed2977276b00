// File: envs/navigation/register.h
//
// Registers the navigation family: "objectnav" (object-goal navigation in
// procedurally generated MuJoCo houses, docs/envs/navigation.md).
#pragma once

#include <vector>

#include "core/params.h"

namespace ember {

class Registry;

std::vector<ParamSpec> objectnav_param_specs();
void register_navigation_envs(Registry& registry);

}  // namespace ember
