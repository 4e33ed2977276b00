// File: envs/classic/register.h
//
// Registration of the classic-control family: CartPole-v1 and Pendulum-v1
// (envs/classic/cartpole.h, envs/classic/pendulum.h). Called from
// register_builtin_envs().
#pragma once

namespace ember {

class Registry;

// Adds CartPole-v1 (no parameters) and Pendulum-v1 (param `g`) to `registry`.
void register_classic_envs(Registry& registry);

}  // namespace ember
