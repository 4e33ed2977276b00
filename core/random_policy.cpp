#include "core/random_policy.h"

#include <stdexcept>
#include <string>

#include "core/vector_env.h"

namespace ember {

void RandomPolicy::act(VectorEnv& envs) {
  const int64_t rows = static_cast<int64_t>(envs.num_envs()) * spec_.num_agents;
  const Space& space = spec_.action;
  if (!space.is_discrete()) {
    float* out = envs.continuous_actions();
    const int64_t d = space.numel();
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t k = 0; k < d; ++k)
        out[r * d + k] = static_cast<float>(rng_.uniform(space.low[k], space.high[k]));
    return;
  }
  int32_t* out = envs.discrete_actions();
  const auto k = static_cast<int64_t>(space.nvec.size());
  if (!spec_.has_action_mask) {
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t j = 0; j < k; ++j) out[r * k + j] = static_cast<int32_t>(rng_.uniform_int(space.nvec[j]));
    return;
  }
  // masked: pick uniformly among the legal actions of each agent
  const int64_t n = space.nvec[0];
  const int32_t* mask = envs.action_mask();
  for (int64_t r = 0; r < rows; ++r) {
    int64_t legal = 0;
    for (int64_t a = 0; a < n; ++a) legal += mask[r * n + a] != 0;
    if (legal == 0) throw std::runtime_error("env '" + spec_.id + "' masked every action of a row");
    int64_t pick = rng_.uniform_int(legal);
    for (int64_t a = 0; a < n; ++a)
      if (mask[r * n + a] && pick-- == 0) {
        out[r] = static_cast<int32_t>(a);
        break;
      }
  }
}

}  // namespace ember
