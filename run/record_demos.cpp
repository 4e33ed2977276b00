#include "run/record_demos.h"

#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/demonstrations.h"
#include "core/rollout.h"
#include "run/demo_recorder.h"

namespace ember {

namespace {

using Json = nlohmann::ordered_json;

bool successful(const DemoEpisode& e) {
  for (size_t i = 0; i < e.metric_names.size(); ++i)
    if (e.metric_names[i] == "success") return e.metric_values[i] > 0.5;
  return e.total_reward() > 0;
}

// "episode_000042.demo"
std::string episode_file_name(int64_t index) {
  char name[40];
  std::snprintf(name, sizeof(name), "episode_%06lld.demo", static_cast<long long>(index));
  return name;
}

}  // namespace

DemoSummary record_demos(Run& run, const DemoOptions& options, const std::atomic<bool>* interrupt) {
  VectorEnv& envs = *run.envs;
  Json index;
  index["format"] = "ember-demo/1";
  index["env"] = envs.spec().id;
  index["config"] = run.config.to_yaml();
  index["episodes"] = Json::array();
  DemoSummary summary;
  auto keep = [&](const DemoEpisode& episode) {
    ++summary.attempted;
    if (options.keep_all || successful(episode)) {
      const std::string name = episode_file_name(summary.kept);
      write_demo_episode(options.dir + "/" + name, episode);
      index["episodes"].push_back({{"file", name}, {"steps", episode.steps}, {"return", episode.total_reward()},
                                   {"description", episode.description}});
      ++summary.kept;
    }
    return summary.kept < options.episodes && summary.attempted < 4 * options.episodes;
  };
  envs.reset(run.seeds.demos);
  DemoRecorder recorder(envs, keep, interrupt);
  collect(envs, run.agent->greedy_policy(), CollectLimit::steps(std::numeric_limits<int64_t>::max()), &recorder,
          nullptr, recorder.stop());
  summary.interrupted = interrupt && interrupt->load();
  index["attempted"] = summary.attempted;
  index["kept"] = summary.kept;
  write_file_atomic(options.dir + "/index.json", index.dump(2) + "\n");
  return summary;
}

}  // namespace ember
