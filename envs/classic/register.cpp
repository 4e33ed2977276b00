#include "envs/classic/register.h"

#include <memory>

#include "core/registry.h"
#include "envs/classic/cartpole.h"
#include "envs/classic/pendulum.h"

namespace ember {

void register_classic_envs(Registry& registry) {
  // Factories read only their own declared params and ignore common ones
  // (num_envs, ...) that the caller may pass along.
  registry.add_env({"CartPole-v1",
                    "classic cart-pole balancing, Gymnasium-exact dynamics (Discrete(2), 500 steps)",
                    {},
                    [](const Params&) -> std::unique_ptr<Env> {
                      return std::make_unique<CartPole>();
                    }});
  registry.add_env(
      {"Pendulum-v1",
       "inverted pendulum swing-up, Gymnasium-exact dynamics (Box torque in [-2, 2], 200 steps)",
       {ParamSpec::real("g", Pendulum::kDefaultGravity, 0.0, 100.0,
                        "gravitational acceleration (m/s^2)")},
       [](const Params& params) -> std::unique_ptr<Env> {
         const double g = params.has("g") ? params.get_float("g") : Pendulum::kDefaultGravity;
         return std::make_unique<Pendulum>(g);
       }});
}

}  // namespace ember
