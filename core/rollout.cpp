#include "core/rollout.h"

#include <vector>

#include "core/vector_env.h"

namespace ember {

int64_t collect(VectorEnv& envs, Policy& policy, const CollectLimit& limit, Sink* sink,
                EpisodeLog* log, const std::atomic<bool>* should_stop) {
  const int n = envs.num_envs();
  const size_t num_metrics = envs.spec().episode_metrics.size();
  const bool by_episodes = limit.episodes_per_env > 0;
  std::vector<int64_t> finished(by_episodes ? static_cast<size_t>(n) : 0, 0);
  int envs_below_quota = n;

  int64_t steps = 0;
  while (by_episodes ? envs_below_quota > 0 : steps < limit.vector_steps) {
    if (should_stop && should_stop->load(std::memory_order_relaxed)) break;
    policy.act(envs);
    if (sink) sink->before_step(envs);
    envs.step();
    if (sink) sink->after_step(envs);
    policy.on_step_end(envs);
    ++steps;

    const uint8_t* done = envs.done();
    for (int i = 0; i < n; ++i) {
      if (!done[i]) continue;
      if (by_episodes) {
        if (finished[static_cast<size_t>(i)] >= limit.episodes_per_env) continue;
        if (++finished[static_cast<size_t>(i)] == limit.episodes_per_env) --envs_below_quota;
      }
      if (!log) continue;
      EpisodeResult r;
      r.env_index = i;
      r.ret = envs.episode_return(i);
      r.length = envs.episode_length(i);
      r.truncated = envs.truncated()[i] != 0;
      r.metrics.assign(envs.episode_metrics(i), envs.episode_metrics(i) + num_metrics);
      log->episodes.push_back(std::move(r));
    }
  }
  return steps;
}

}  // namespace ember
