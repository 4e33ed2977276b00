// File: envs/tabletop/register.h
//
// Registers the tabletop family: "tabletop" (LoHoRavens and Ravens
// pick-and-place tasks on Bullet, docs/envs/tabletop.md).
#pragma once

#include <vector>

#include "core/params.h"

namespace ember {

class Registry;

std::vector<ParamSpec> tabletop_param_specs();
void register_tabletop_envs(Registry& registry);

}  // namespace ember
