#include "core/evaluator.h"

#include <algorithm>

namespace ember {

EvalResult evaluate(Policy& policy, VectorEnv& envs, int64_t episodes, uint64_t seed) {
  const int n = envs.num_envs();
  const int64_t per_env = (episodes + n - 1) / n;
  envs.reset(seed);
  policy.reset_memory(n);
  EpisodeLog log;
  collect(envs, policy, CollectLimit::episodes(per_env), nullptr, &log);

  // order by (k-th episode of its env, env index), then keep `episodes`
  std::vector<int64_t> ordinal(log.episodes.size());
  std::vector<int64_t> seen(static_cast<size_t>(n), 0);
  for (size_t i = 0; i < log.episodes.size(); ++i)
    ordinal[i] = seen[static_cast<size_t>(log.episodes[i].env_index)]++;
  std::vector<size_t> order(log.episodes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (ordinal[a] != ordinal[b]) return ordinal[a] < ordinal[b];
    return log.episodes[a].env_index < log.episodes[b].env_index;
  });
  order.resize(static_cast<size_t>(std::min<int64_t>(episodes, static_cast<int64_t>(order.size()))));

  EvalResult result;
  result.metric_names = envs.spec().episode_metrics;
  result.metrics.resize(result.metric_names.size());
  for (size_t i : order) {
    const EpisodeResult& e = log.episodes[i];
    result.returns.push_back(e.ret);
    result.lengths.push_back(static_cast<double>(e.length));
    for (size_t m = 0; m < e.metrics.size(); ++m) result.metrics[m].push_back(e.metrics[m]);
  }
  return result;
}

}  // namespace ember
