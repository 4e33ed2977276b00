// `ember rollout ID --actions FILE [--state FILE] [--seed S] [--png DIR]`:
// replays a list of actions in one env and prints every step as a JSON line,
// for debugging and for comparing traces with other implementations. With
// --png, every image-like observation field is also written as a PNG per step
// (u8 [H, W, 3] as color; f32 [H, W] maps such as heights or depths as gray,
// scaled by the map's maximum).
//
// Actions file (YAML): a list with one entry per step; an entry is an action
// id (single-agent Discrete), a list of ids (one per agent), or a list of
// floats / list of lists of floats for Box actions.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/builtin_registry.h"
#include "apps/cli_args.h"
#include "apps/commands.h"
#include "apps/env_config.h"
#include "core/rollout.h"
#include "run/run_factory.h"
#include "envs/common/png.h"

namespace ember {

namespace {

using Json = nlohmann::ordered_json;

Json field_json(const Space& space, const void* data, int agents) {
  Json out = Json::array();
  for (int a = 0; a < agents; ++a) {
    Json values = Json::array();
    const int64_t n = space.numel();
    for (int64_t k = 0; k < n; ++k) {
      const int64_t i = a * n + k;
      if (space.dtype == DType::kFloat32)
        values.push_back(static_cast<const float*>(data)[i]);
      else if (space.dtype == DType::kUInt8)
        values.push_back(static_cast<const uint8_t*>(data)[i]);
      else
        values.push_back(static_cast<const int32_t*>(data)[i]);
    }
    out.push_back(agents == 1 ? values : values);
  }
  return agents == 1 ? out[0] : out;
}

Json observation_json(const VectorEnv& envs, bool final) {
  Json obs = Json::object();
  const EnvSpec& spec = envs.spec();
  for (size_t f = 0; f < spec.observation.size(); ++f)
    obs[spec.observation[f].name] = field_json(
        spec.observation[f].space, final ? envs.final_field(static_cast<int>(f)) : envs.field(static_cast<int>(f)),
        spec.num_agents);
  return obs;
}

// Reads the action list, checking each entry's shape against the spec.
std::vector<std::vector<double>> read_actions(const std::string& path, const EnvSpec& spec) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsSequence()) throw ConfigError(path + ": expected a YAML list of actions, one per step");
  const auto per_step = static_cast<size_t>(spec.num_agents * spec.action_numel());
  std::vector<std::vector<double>> steps;
  for (size_t t = 0; t < root.size(); ++t) {
    std::vector<double> flat;
    std::function<void(const YAML::Node&)> flatten = [&](const YAML::Node& n) {
      if (n.IsSequence()) {
        for (const auto& c : n) flatten(c);
        return;
      }
      try {
        flat.push_back(n.as<double>());
      } catch (const YAML::Exception&) {
        throw ConfigError(path + ":" + std::to_string(n.Mark().line + 1) + ": step " + std::to_string(t) +
                          ": '" + n.as<std::string>() + "' is not a number");
      }
    };
    flatten(root[t]);
    if (flat.size() != per_step)
      throw ConfigError(path + ":" + std::to_string(root[t].Mark().line + 1) + ": step " + std::to_string(t) +
                        ": expected " + std::to_string(per_step) + " action value(s) (" +
                        std::to_string(spec.num_agents) + " agent(s) x " + spec.action.to_string() + "), got " +
                        std::to_string(flat.size()));
    if (spec.action.is_discrete())
      for (double v : flat)
        if (v != static_cast<double>(static_cast<int32_t>(v)))
          throw ConfigError(path + ": step " + std::to_string(t) + ": action " + std::to_string(v) +
                            " is not an integer id");
    steps.push_back(std::move(flat));
  }
  return steps;
}

// Writes the image-like fields of env 0 (current or final observation) as
// DIR/step<T>_<field>[_agent<A>].png.
void write_image_fields(const VectorEnv& envs, bool final, const std::string& dir, size_t t) {
  const EnvSpec& spec = envs.spec();
  for (size_t f = 0; f < spec.observation.size(); ++f) {
    const Space& space = spec.observation[f].space;
    const bool rgb = space.dtype == DType::kUInt8 && space.shape.size() == 3 && space.shape[2] == 3;
    const bool map = space.dtype == DType::kFloat32 && space.shape.size() == 2;
    if (!rgb && !map) continue;
    const int height = static_cast<int>(space.shape[0]), width = static_cast<int>(space.shape[1]);
    const void* data = final ? envs.final_field(static_cast<int>(f)) : envs.field(static_cast<int>(f));
    for (int a = 0; a < spec.num_agents; ++a) {
      std::string path = dir + "/step" + std::to_string(t) + "_" + spec.observation[f].name;
      if (spec.num_agents > 1) path += "_agent" + std::to_string(a);
      path += ".png";
      if (rgb) {
        write_png_file(path, width, height, 3, static_cast<const uint8_t*>(data) + static_cast<size_t>(a) * space.numel());
        continue;
      }
      const float* values = static_cast<const float*>(data) + static_cast<size_t>(a) * space.numel();
      const float top = std::max(*std::max_element(values, values + space.numel()), 1e-6f);
      std::vector<uint8_t> gray(static_cast<size_t>(space.numel()));
      for (size_t i = 0; i < gray.size(); ++i)
        gray[i] = static_cast<uint8_t>(std::clamp(values[i] / top, 0.0f, 1.0f) * 255.0f + 0.5f);
      write_png_file(path, width, height, 1, gray.data());
    }
  }
}

class ReplayPolicy : public Policy {
 public:
  explicit ReplayPolicy(const std::vector<std::vector<double>>& steps) : steps_(steps) {}
  void act(VectorEnv& envs) override {
    const auto& a = steps_[next_++];
    for (size_t k = 0; k < a.size(); ++k) {
      if (envs.spec().action.is_discrete())
        envs.discrete_actions()[k] = static_cast<int32_t>(a[k]);
      else
        envs.continuous_actions()[k] = static_cast<float>(a[k]);
    }
  }
  const std::vector<double>& last() const { return steps_[next_ - 1]; }
  size_t next() const { return next_; }

 private:
  const std::vector<std::vector<double>>& steps_;
  size_t next_ = 0;
};

// Prints one JSON line per step and raises episode_over() when the episode
// ends, so collect() replays no further.
class PrintSink : public Sink {
 public:
  PrintSink(const ReplayPolicy& policy, std::string png_dir) : policy_(policy), png_dir_(std::move(png_dir)) {}
  const std::atomic<bool>* episode_over() const { return &episode_over_; }
  void after_step(const VectorEnv& envs) override {
    if (!png_dir_.empty()) write_image_fields(envs, envs.done()[0] != 0, png_dir_, policy_.next());
    Json line;
    line["t"] = policy_.next();
    line["action"] = policy_.last();
    const bool done = envs.done()[0] != 0;
    line["obs"] = observation_json(envs, done);
    Json rewards = Json::array();
    for (int a = 0; a < envs.num_agents(); ++a) rewards.push_back(envs.rewards()[a]);
    line["reward"] = envs.num_agents() == 1 ? rewards[0] : rewards;
    line["terminated"] = envs.terminated()[0] != 0;
    line["truncated"] = envs.truncated()[0] != 0;
    if (done) {
      line["episode_return"] = envs.episode_return(0);
      for (size_t m = 0; m < envs.spec().episode_metrics.size(); ++m)
        line["metrics"][envs.spec().episode_metrics[m]] = envs.episode_metrics(0)[m];
    }
    std::cout << line.dump() << "\n";
    if (done) episode_over_ = true;
  }

 private:
  const ReplayPolicy& policy_;
  std::string png_dir_;
  std::atomic<bool> episode_over_{false};
};

// Resets env 0 into the start state of a YAML file (--state).
void reset_to_state_file(VectorEnv& envs, const std::string& env_id, const std::string& path) {
  if (!envs.spec().supports_start_state)
    throw UsageError("env '" + env_id + "' does not support explicit start states (--state)");
  YAML::Node state;
  try {
    state = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  try {
    envs.reset_env_to_state(0, state);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(path + ": " + e.what());
  }
}

// The first line: the start observation (and its images under --png).
void print_start(const VectorEnv& envs, uint64_t seed, const std::string& png_dir) {
  Json start;
  start["t"] = 0;
  start["seed"] = seed;
  start["obs"] = observation_json(envs, false);
  std::cout << start.dump() << "\n";
  if (png_dir.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(png_dir, error);
  if (error) throw UsageError("cannot create '" + png_dir + "': " + error.message());
  write_image_fields(envs, false, png_dir, 0);
}

}  // namespace

int cmd_rollout(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first, {"plugin", "actions", "state", "seed", "png"}, {"help"});
  if (args.has("help") || args.positional.size() != 1 || !args.has("actions")) {
    std::cout << "usage: ember rollout ID [key=value ...] --actions FILE [--state FILE] [--seed S] [--png DIR]"
                 " [--plugin LIB]\n";
    return args.has("help") ? 0 : 2;
  }
  Registry registry = make_builtin_registry();
  load_plugins(args.all("plugin"), registry);
  const RunConfig cfg = config_for_env(args.positional[0], args.overrides, registry);
  auto envs = make_vector_env(cfg, registry, 1, 1);
  const auto steps = read_actions(args.get("actions"), envs->spec());
  const uint64_t seed = args.get_count("seed", 0);
  envs->reset(seed);
  if (args.has("state")) reset_to_state_file(*envs, cfg.env_id, args.get("state"));
  const std::string png_dir = args.get("png", "");
  print_start(*envs, seed, png_dir);

  ReplayPolicy policy(steps);
  PrintSink sink(policy, png_dir);
  const auto taken = static_cast<size_t>(
      collect(*envs, policy, CollectLimit::steps(static_cast<int64_t>(steps.size())), &sink, nullptr,
              sink.episode_over()));
  if (*sink.episode_over() && taken < steps.size())
    std::cerr << "episode ended after step " << taken << "; " << steps.size() - taken
              << " remaining action(s) not replayed\n";
  return 0;
}

}  // namespace ember
