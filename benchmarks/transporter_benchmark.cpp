// File: benchmarks/transporter_benchmark.cpp
//
// ember_transporter_bench: what the learned pick-and-place primitive
// (agents/imitation/transporter_learner.h) costs on this machine — reading
// the config's demonstrations, gradient steps per second (batch_size demo
// steps each: forward, backward and Adam, augmentation included) and the
// time to choose one action (pick and place forward passes, batch 1) on the
// env's own observations, plus peak RSS. Recorded in
// benchmarks/results/tabletop_agents.md.
//
// Example:
//   ember_transporter_bench --config configs/tabletop/transporter_primitives.yaml --iterations 200
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "agents/imitation/pick_place_demos.h"
#include "agents/imitation/pick_place_policy.h"
#include "agents/imitation/transporter_learner.h"
#include "agents/register_builtin.h"
#include "benchmarks/tool_main.h"
#include "core/config.h"
#include "core/registry.h"
#include "core/rng.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int run(int argc, char** argv) {
  std::string config_path;
  int iterations = 200, warmup = 10, acts = 100;
  std::vector<std::string> overrides;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) config_path = argv[++i];
    else if (a == "--iterations" && i + 1 < argc) iterations = std::stoi(argv[++i]);
    else if (a == "--acts" && i + 1 < argc) acts = std::stoi(argv[++i]);
    else if (a.find('=') != std::string::npos) overrides.push_back(a);
    else {
      std::cerr << "usage: ember_transporter_bench --config FILE [--iterations N] [--acts N] [key=value ...]\n";
      return 2;
    }
  }
  if (config_path.empty() || iterations < 1 || acts < 1) {
    std::cerr << "ember_transporter_bench: --config FILE is required; --iterations, --acts >= 1\n";
    return 2;
  }
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  const RunConfig config = load_run_config(config_path, overrides, registry);
  if (config.agent_id != "transporter") {
    std::cerr << config_path << ": the agent is '" << config.agent_id << "', this benchmark times transporter\n";
    return 2;
  }
  set_torch_threads(static_cast<int>(config.train.get_int("torch_threads")));
  std::vector<std::unique_ptr<Env>> env_list;
  env_list.push_back(registry.find_env(config.env_id)->make(config.env));
  VectorEnv envs(std::move(env_list), 1);
  envs.reset(1);
  const TransporterConfig tc = TransporterConfig::from_params(config.agent);

  auto t = Clock::now();
  PickPlaceDemos demos(tc.demo_folders(), tc.max_demos, envs.spec(), static_cast<int>(tc.rotations));
  const double read_s = seconds_since(t);
  WordVocabulary vocabulary;
  for (const PickPlaceSample& s : demos.samples()) vocabulary.add(s.instruction);
  TransporterLearner learner(tc, demos.geometry(), vocabulary, 1);
  Rng rng(1);
  learner.train(demos, warmup, rng);
  t = Clock::now();
  learner.train(demos, iterations, rng);
  const double train_s = seconds_since(t);

  const std::string text = envs.env(0).describe();
  const std::vector<std::string> step = {text.substr(0, text.find('\n'))};
  act_pick_place(learner, envs, step);  // warm-up
  t = Clock::now();
  for (int i = 0; i < acts; ++i) act_pick_place(learner, envs, step);
  const double act_s = seconds_since(t);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto& g = demos.geometry();
  std::printf("maps %dx%d, %zu episodes, %zu steps; parameters %lld; batch %lld; torch threads %lld\n", g.rows,
              g.cols, demos.episodes(), demos.samples().size(), static_cast<long long>(learner.parameter_count()),
              static_cast<long long>(tc.batch_size), static_cast<long long>(config.train.get_int("torch_threads")));
  std::printf("reading the demonstrations: %.2f s\n", read_s);
  std::printf("training: %.2f gradient steps/s (%.1f ms each, %d timed)\n", iterations / train_s,
              1000.0 * train_s / iterations, iterations);
  std::printf("acting: %.2f ms per pick-and-place (batch 1, %d timed)\n", 1000.0 * act_s / acts, acts);
  std::printf("peak RSS: %.0f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace
}  // namespace ember

int main(int argc, char** argv) { return ember::tool_main("ember_transporter_bench", ember::run, argc, argv); }
