// `ember demos CONFIG --episodes N [--out DIR] [--keep success|all]`: runs the
// env's scripted expert (Env::expert_action) and writes one demonstration file
// per episode (core/demonstrations.h, docs/demonstrations.md) plus an
// index.json listing them. Like the reference's demo collection, only
// successful episodes are kept by default (the env's "success" metric, or a
// positive return when it has none); failed ones are counted and skipped.

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/builtin_registry.h"
#include "apps/cli_args.h"
#include "apps/commands.h"
#include "core/atomic_file.h"
#include "core/config.h"
#include "core/demonstrations.h"
#include "run/run_factory.h"
#include "core/rng.h"
#include "core/vector_env.h"

namespace ember {

namespace {

using Json = nlohmann::ordered_json;

constexpr char kUsage[] =
    "usage: ember demos CONFIG --episodes N [--out DIR] [--keep success|all] [key.sub=value ...]\n"
    "  writes the env's scripted-expert demonstrations to DIR (default demos/<config name>)\n";

// An episode being recorded from env 0 of a VectorEnv.
class EpisodeRecorder {
 public:
  explicit EpisodeRecorder(const EnvSpec& spec) : spec_(spec) {}

  void start(VectorEnv& envs) {
    episode_ = DemoEpisode();
    episode_.env_id = spec_.id;
    episode_.description = envs.env(0).describe();
    episode_.agents = spec_.num_agents;
    episode_.discrete_actions = spec_.action.is_discrete();
    episode_.action_numel = spec_.action_numel();
    for (const ObservationField& f : spec_.observation) {
      DemoField field;
      field.name = f.name;
      field.dtype = f.space.dtype;
      field.shape = f.space.shape;
      field.shape.insert(field.shape.begin(), spec_.num_agents);
      episode_.fields.push_back(std::move(field));
    }
  }

  void observe(const VectorEnv& envs, bool final) {
    for (size_t f = 0; f < episode_.fields.size(); ++f) {
      const auto* data = static_cast<const uint8_t*>(final ? envs.final_field(static_cast<int>(f))
                                                           : envs.field(static_cast<int>(f)));
      DemoField& field = episode_.fields[f];
      field.data.insert(field.data.end(), data, data + field.step_bytes());
    }
  }

  void act(const VectorEnv& envs, const std::string& instruction) {
    const size_t n = static_cast<size_t>(spec_.num_agents * spec_.action_numel());
    if (episode_.discrete_actions)
      episode_.discrete.insert(episode_.discrete.end(), envs.discrete_actions(), envs.discrete_actions() + n);
    else
      episode_.continuous.insert(episode_.continuous.end(), envs.continuous_actions(), envs.continuous_actions() + n);
    episode_.step_instructions.push_back(instruction);
  }

  void reward(const VectorEnv& envs) {
    episode_.rewards.insert(episode_.rewards.end(), envs.rewards(), envs.rewards() + spec_.num_agents);
    ++episode_.steps;
  }

  DemoEpisode& finish(const VectorEnv& envs) {
    observe(envs, /*final=*/true);
    episode_.terminated = envs.terminated()[0] != 0;
    episode_.metric_names = spec_.episode_metrics;
    const double* metrics = envs.episode_metrics(0);
    episode_.metric_values.assign(metrics, metrics + spec_.episode_metrics.size());
    return episode_;
  }

 private:
  const EnvSpec& spec_;
  DemoEpisode episode_;
};

bool successful(const DemoEpisode& e) {
  for (size_t i = 0; i < e.metric_names.size(); ++i)
    if (e.metric_names[i] == "success") return e.metric_values[i] > 0.5;
  return e.total_reward() > 0;
}

}  // namespace

int cmd_demos(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first, {"episodes", "out", "keep", "plugin"}, {"help"});
  if (args.has("help") || args.positional.size() != 1 || !args.has("episodes")) {
    (args.has("help") ? std::cout : std::cerr) << kUsage;
    return args.has("help") ? 0 : 2;
  }
  const int64_t episodes = args.get_positive_count("episodes", 0);
  const std::string keep = args.get("keep", "success");
  if (keep != "success" && keep != "all") throw UsageError("--keep must be success or all, got '" + keep + "'");

  Registry registry = make_builtin_registry();
  load_plugins(args.all("plugin"), registry);
  const RunConfig cfg = load_run_config(args.positional[0], args.overrides, registry);
  auto envs = make_vector_env(cfg, registry, 1, 1);
  const EnvSpec& spec = envs->spec();
  if (!spec.has_expert) throw UsageError("env '" + spec.id + "' has no scripted expert to demonstrate");

  const std::string out = args.get("out", "demos/" + cfg.name);
  if (std::filesystem::exists(out + "/index.json"))
    throw UsageError("'" + out + "' already holds demonstrations (index.json); choose another --out");
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) throw UsageError("cannot create '" + out + "': " + error.message());

  Json index;
  index["format"] = "ember-demo/1";
  index["env"] = spec.id;
  index["config"] = cfg.to_yaml();
  index["episodes"] = Json::array();
  EpisodeRecorder recorder(spec);
  envs->reset(derive_seed(static_cast<uint64_t>(cfg.train.get_int("seed")), "demos"));
  recorder.start(*envs);
  int64_t kept = 0, attempted = 0;
  // Tries at most 4x the asked episodes, so an expert that always fails ends.
  while (kept < episodes && attempted < 4 * episodes) {
    if (g_interrupted) break;
    recorder.observe(*envs, /*final=*/false);
    ActionBuffer action;
    action.discrete = envs->discrete_actions();
    action.continuous = envs->continuous_actions();
    if (!envs->env(0).expert_action(action)) throw std::runtime_error("env '" + spec.id + "' gave no expert action");
    recorder.act(*envs, envs->env(0).expert_instruction());
    envs->step();
    recorder.reward(*envs);
    if (!envs->done()[0]) continue;
    ++attempted;
    const DemoEpisode& episode = recorder.finish(*envs);
    if (keep == "all" || successful(episode)) {
      char name[40];
      std::snprintf(name, sizeof(name), "episode_%06lld.demo", static_cast<long long>(kept));
      write_demo_episode(out + "/" + name, episode);
      index["episodes"].push_back({{"file", name}, {"steps", episode.steps}, {"return", episode.total_reward()},
                                   {"description", episode.description}});
      ++kept;
    }
    recorder.start(*envs);  // the env has already reset into the next episode
  }
  index["attempted"] = attempted;
  index["kept"] = kept;
  write_file_atomic(out + "/index.json", index.dump(2) + "\n");
  std::cout << "wrote " << kept << " demonstrations of " << attempted << " episodes to " << out << "/\n";
  if (g_interrupted) return 130;
  return kept == episodes ? 0 : 1;
}

}  // namespace ember
