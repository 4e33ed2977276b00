// File: envs/register_builtin.h
//
// The one list of built-in environments (explicit and greppable; no static
// registration). Adding an env family means adding one call here.
#pragma once

namespace ember {

class Registry;

void register_builtin_envs(Registry& registry);

}  // namespace ember
