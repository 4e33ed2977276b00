// File: benchmarks/visual_ppo_benchmark.cpp
//
// ember_visual_ppo_bench: training throughput of the visual PPO agent
// (agents/ppo/visual_ppo_learner.h) on its env, learning included, and where
// the time goes. Recorded in benchmarks/results/codebook.md.
//
// It builds the config's VectorEnv and a VisualPpoLearner, trains --updates
// updates after --warmup untimed ones (collect() + update(), as the Trainer
// does), and reports env steps per second over the timed updates, split into
//   env step        VectorEnv::step (physics, task and rendering);
//   policy forward  acting: frames to the network, sampling;
//   recording       copying the step into the rollout;
//   update forward / backward / optimiser   the PPO update's phases;
// then replays the very actions of the timed updates into fresh envs from
// the same seed, once rendering and once not, which splits the env step into
// rendering and the rest (motion, collision, reward: "physics and task").
//
// Example:
//   ember_visual_ppo_bench --config configs/navigation/ppo_codebook.yaml --updates 6
//   ember_visual_ppo_bench --config configs/navigation/ppo_cnn.yaml --updates 6 agent.gru_hidden=256
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "agents/ppo/visual_ppo_config.h"
#include "agents/ppo/visual_ppo_learner.h"
#include "agents/register_builtin.h"
#include "benchmarks/tool_main.h"
#include "core/config.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::unique_ptr<VectorEnv> build_envs(const RunConfig& config, const Registry& registry, Params env_params) {
  const EnvRegistration* reg = registry.find_env(config.env_id);
  std::vector<std::unique_ptr<Env>> envs;
  for (int64_t i = 0; i < env_params.get_int("num_envs"); ++i) envs.push_back(reg->make(env_params));
  return std::make_unique<VectorEnv>(std::move(envs), static_cast<int>(env_params.get_int("num_threads")));
}

// The learner's behaviour policy, timed, remembering every action it wrote.
class TimedPolicy : public Policy {
 public:
  explicit TimedPolicy(VisualPpoLearner& learner) : learner_(learner) {}
  // every action written, [vector steps, envs] (single-agent envs)
  void act(VectorEnv& envs) override {
    const auto t = Clock::now();
    learner_.act(envs, VisualPpoLearner::Mode::kBehaviour, {envs.discrete_actions(), nullptr});
    seconds += seconds_since(t);
    actions.insert(actions.end(), envs.discrete_actions(), envs.discrete_actions() + envs.num_envs());
  }
  void on_step_end(const VectorEnv& envs) override {
    const auto t = Clock::now();
    learner_.on_step_end(envs, VisualPpoLearner::Mode::kBehaviour);
    seconds += seconds_since(t);
  }
  double seconds = 0;
  std::vector<int32_t> actions;

 private:
  VisualPpoLearner& learner_;
};

class TimedSink : public Sink {
 public:
  explicit TimedSink(VisualPpoLearner& learner) : learner_(learner) {}
  void before_step(const VectorEnv& envs) override {
    const auto t = Clock::now();
    learner_.before_step(envs);
    seconds += seconds_since(t);
  }
  void after_step(const VectorEnv& envs) override {
    const auto t = Clock::now();
    learner_.after_step(envs);
    seconds += seconds_since(t);
  }
  double seconds = 0;

 private:
  VisualPpoLearner& learner_;
};

// Steps fresh envs (reset with the training seed) through the recorded
// actions, one vector step at a time; returns the seconds of the steps from
// `untimed` on. Envs follow the same episodes as in training: rendering
// does not change what happens.
double replay_seconds(VectorEnv& envs, const std::vector<int32_t>& actions, size_t untimed) {
  const auto n = static_cast<size_t>(envs.num_envs());
  auto t = Clock::now();
  for (size_t step = 0; (step + 1) * n <= actions.size(); ++step) {
    if (step == untimed) t = Clock::now();
    std::copy(actions.begin() + static_cast<long>(step * n), actions.begin() + static_cast<long>((step + 1) * n),
              envs.discrete_actions());
    envs.step();
  }
  return seconds_since(t);
}

int run(int argc, char** argv) {
  std::string config_path;
  int updates = 6, warmup = 1;
  std::vector<std::string> overrides;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) config_path = argv[++i];
    else if (a == "--updates" && i + 1 < argc) updates = std::stoi(argv[++i]);
    else if (a == "--warmup" && i + 1 < argc) warmup = std::stoi(argv[++i]);
    else if (a.find('=') != std::string::npos) overrides.push_back(a);
    else {
      std::cerr << "usage: ember_visual_ppo_bench --config FILE [--updates N] [--warmup N] [key=value ...]\n";
      return 2;
    }
  }
  if (config_path.empty() || updates < 1 || warmup < 0) {
    std::cerr << "ember_visual_ppo_bench: --config FILE is required; --updates >= 1, --warmup >= 0\n";
    return 2;
  }
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  const RunConfig config = load_run_config(config_path, overrides, registry);
  if (config.agent_id != "visual_ppo") {
    std::cerr << config_path << ": the agent is '" << config.agent_id << "', this benchmark times visual_ppo\n";
    return 2;
  }
  const int torch_threads = static_cast<int>(config.train.get_int("torch_threads"));
  set_torch_threads(torch_threads);
  auto envs = build_envs(config, registry, config.env);
  const uint64_t seed = static_cast<uint64_t>(config.train.get_int("seed"));
  VisualPpoLearner learner(VisualPpoConfig::from_params(config.agent), envs->spec(), envs->num_envs(), seed);
  TimedPolicy policy(learner);
  TimedSink sink(learner);
  envs->reset(seed);
  const int64_t per_update = learner.rollout_length() * envs->num_envs();
  int64_t steps = 0;
  auto train_one = [&] {
    collect(*envs, policy, CollectLimit::steps(learner.rollout_length()), &sink, nullptr);
    steps += per_update;
    learner.update({steps, (warmup + updates) * per_update});
  };
  for (int u = 0; u < warmup; ++u) train_one();

  policy.seconds = sink.seconds = 0;
  VisualPpoProfile profile;
  learner.set_profile(&profile);
  double update_seconds = 0;
  const auto start = Clock::now();
  for (int u = 0; u < updates; ++u) {
    collect(*envs, policy, CollectLimit::steps(learner.rollout_length()), &sink, nullptr);
    steps += per_update;
    const auto t = Clock::now();
    learner.update({steps, (warmup + updates) * per_update});
    update_seconds += seconds_since(t);
  }
  const double total = seconds_since(start);
  const double collect_seconds = total - update_seconds;
  const double env_seconds = collect_seconds - policy.seconds - sink.seconds;
  const int64_t timed_steps = static_cast<int64_t>(updates) * per_update;

  Params rendered = config.env, unrendered = config.env;
  unrendered.set("render", false);
  double replay_on = 0, replay_off = 0;
  for (auto* params : {&rendered, &unrendered}) {
    auto replay = build_envs(config, registry, *params);
    replay->reset(seed);
    (params == &rendered ? replay_on : replay_off) =
        replay_seconds(*replay, policy.actions, static_cast<size_t>(warmup * learner.rollout_length()));
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);

  auto ms_per_step = [&](double s) { return 1000.0 * s / static_cast<double>(timed_steps); };
  std::printf("config: %s | envs %d | env threads %d | torch threads %d | rollout %lld | updates timed %d (+%d warm-up)\n",
              config_path.c_str(), envs->num_envs(), envs->num_threads(), torch_threads,
              static_cast<long long>(learner.rollout_length()), updates, warmup);
  std::printf("parameters: %lld\n", static_cast<long long>(learner.parameter_count()));
  std::printf("env steps/s including learning: %.0f  (%lld steps in %.2f s)\n",
              static_cast<double>(timed_steps) / total, static_cast<long long>(timed_steps), total);
  std::printf("| phase | ms per env step | share |\n|---|---:|---:|\n");
  auto row = [&](const char* name, double s) {
    std::printf("| %s | %.3f | %.0f%% |\n", name, ms_per_step(s), 100.0 * s / total);
  };
  row("env step (physics, task, rendering)", env_seconds);
  row("policy forward (acting)", policy.seconds);
  row("recording the rollout", sink.seconds);
  row("update: forward (replay + loss)", profile.forward_seconds);
  row("update: backward", profile.backward_seconds);
  row("update: optimiser (clip + Adam)", profile.optimizer_seconds);
  row("update: rest (GAE, batching)",
      update_seconds - profile.forward_seconds - profile.backward_seconds - profile.optimizer_seconds);
  std::printf("env replay of the same actions from a reset: %.3f ms/step rendering, %.3f ms/step without "
              "(rendering %.3f ms/step)\n",
              ms_per_step(replay_on), ms_per_step(replay_off), ms_per_step(replay_on - replay_off));
  std::printf("peak RSS: %.0f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace
}  // namespace ember

int main(int argc, char** argv) { return ember::tool_main("ember_visual_ppo_bench", ember::run, argc, argv); }
