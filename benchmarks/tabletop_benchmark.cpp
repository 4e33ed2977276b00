// File: benchmarks/tabletop_benchmark.cpp
//
// ember_tabletop_bench: the scripted oracle on every tabletop task, in
// physics, with the costs the issue sets targets for (one core, one thread):
//   score, success   oracle mean score and success rate over N episodes of
//                    the chosen split (default: test seeds, evaluation colors);
//   step ms          one env step: the pick-and-place primitive in Bullet
//                    including settling, reward, and the observation render;
//   primitive ms     the Bullet part of a step alone (PhysicsWorld);
//   render ms        one full-resolution (320 x 160) color + height + id
//                    render of a mid-episode scene;
//   reset ms         scene generation, world build and initial settling.
// Then the memory of 16 envs side by side: process RSS growth per env.
//
// Example:
//   ember_tabletop_bench                                   # all tasks, 100 episodes
//   ember_tabletop_bench --tasks stack-block-of-same-size --episodes 20
//   ember_tabletop_bench --no-quirks        # the tasks without the reference's quirks
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/env_buffers.h"
#include "envs/tabletop/physics_world.h"
#include "envs/tabletop/tabletop_env.h"
#include "envs/tabletop/tasks/task.h"
#include "envs/tabletop/top_down_renderer.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace ember::tabletop;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double rss_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0.0;
}

struct Options {
  std::vector<std::string> tasks = task_names();
  int episodes = 100;
  std::string split = "test";
  int memory_envs = 16;
  bool reference_quirks = true;
};

struct TaskFigures {
  double score = 0, success = 0, steps = 0;
  double step_ms = 0, primitive_ms = 0, render_ms = 0, reset_ms = 0;
  int step_count = 0, primitive_count = 0, render_count = 0;
};

TaskFigures run_task(const std::string& task, const Options& o) {
  TabletopConfig config;
  config.task = task;
  config.split = parse_episode_split(o.split);
  config.reference_quirks = o.reference_quirks;
  TabletopEnv env(config);
  ember::EnvBuffers out(env.spec());
  PhysicsWorld physics(config.physics);  // replays each step's primitive alone
  TopDownMaps maps;
  maps.resize(PixelGrid::full());
  TaskFigures f;
  env.seed(1);
  for (int episode = 0; episode < o.episodes; ++episode) {
    auto start = Clock::now();
    env.reset(out.slot());
    f.reset_ms += ms_since(start);
    while (!out.terminated()) {
      const PickPlace action = env.expert();
      // The primitive alone, on a copy of the world in the same state.
      physics.build(env.scene());
      start = Clock::now();
      physics.pick_and_place(action);
      f.primitive_ms += ms_since(start);
      ++f.primitive_count;
      start = Clock::now();
      env.step(action, out.slot());
      f.step_ms += ms_since(start);
      ++f.step_count;
      start = Clock::now();
      render_top_down(env.scene(), maps);
      f.render_ms += ms_since(start);
      ++f.render_count;
    }
    f.score += env.score();
    f.success += env.score() > 0.99;
  }
  f.steps = static_cast<double>(f.step_count) / o.episodes;
  f.score /= o.episodes;
  f.success /= o.episodes;
  f.reset_ms /= o.episodes;
  f.step_ms /= std::max(f.step_count, 1);
  f.primitive_ms /= std::max(f.primitive_count, 1);
  f.render_ms /= std::max(f.render_count, 1);
  return f;
}

void memory(const Options& o) {
  const double base = rss_mb();
  std::vector<std::unique_ptr<TabletopEnv>> envs;
  std::vector<std::unique_ptr<ember::EnvBuffers>> buffers;
  std::vector<double> rss;
  for (int i = 0; i < o.memory_envs; ++i) {
    TabletopConfig config;
    config.task = "put-block-in-matching-bowl";
    envs.push_back(std::make_unique<TabletopEnv>(config));
    buffers.push_back(std::make_unique<ember::EnvBuffers>(envs.back()->spec()));
    envs.back()->seed(static_cast<uint64_t>(i));
    envs.back()->reset(buffers.back()->slot());
    envs.back()->step(envs.back()->expert(), buffers.back()->slot());
    rss.push_back(rss_mb());
  }
  const int n = o.memory_envs;
  std::printf("\nMemory (full-resolution observations, each env with its own observation buffers):\n");
  std::printf("| process RSS before | with 1 env | with %d envs | per env (%d - 1) / %d |\n", n, n, n - 1);
  std::printf("|---|---|---|---|\n");
  std::printf("| %.1f MB | %.1f MB | %.1f MB | %.2f MB |\n", base, rss.front(), rss.back(),
              (rss.back() - rss.front()) / (n - 1));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "ember_tabletop_bench: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    try {
      if (arg == "--tasks") {
        o.tasks.clear();
        std::stringstream list(value());
        for (std::string t; std::getline(list, t, ',');) o.tasks.push_back(t);
      } else if (arg == "--episodes") {
        o.episodes = std::stoi(value());
      } else if (arg == "--split") {
        o.split = value();
      } else if (arg == "--no-quirks") {
        o.reference_quirks = false;
      } else if (arg == "--memory-envs") {
        o.memory_envs = std::stoi(value());
      } else {
        std::fprintf(stderr, "ember_tabletop_bench: unknown option '%s' (--tasks, --episodes, --split, --no-quirks, --memory-envs)\n",
                     arg.c_str());
        return 2;
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ember_tabletop_bench: bad value for %s: %s\n", arg.c_str(), e.what());
      return 2;
    }
  }
  if (o.episodes < 1 || o.memory_envs < 2) {
    std::fprintf(stderr, "ember_tabletop_bench: --episodes must be >= 1 and --memory-envs >= 2\n");
    return 2;
  }
  try {
    std::printf("Oracle over %d %s episodes per task (physics at %d Hz, reference quirks %s):\n\n", o.episodes,
                o.split.c_str(), PhysicsConfig{}.hz, o.reference_quirks ? "on" : "off");
    std::printf("| task | group | score | success | steps/episode | step ms | primitive ms | render ms | reset ms |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    TaskFigures all;
    for (const std::string& task : o.tasks) {
      const TaskFigures f = run_task(task, o);
      std::printf("| %s | %s | %.3f | %.2f | %.2f | %.2f | %.2f | %.3f | %.2f |\n", task.c_str(),
                  make_task(task)->is_seen() ? "seen" : "unseen", f.score, f.success, f.steps, f.step_ms,
                  f.primitive_ms, f.render_ms, f.reset_ms);
      std::fflush(stdout);
      all.step_ms += f.step_ms * f.step_count;
      all.primitive_ms += f.primitive_ms * f.primitive_count;
      all.render_ms += f.render_ms * f.render_count;
      all.step_count += f.step_count;
      all.primitive_count += f.primitive_count;
      all.render_count += f.render_count;
    }
    std::printf("| **all tasks** | | | | | %.2f | %.2f | %.3f | |\n", all.step_ms / all.step_count,
                all.primitive_ms / all.primitive_count, all.render_ms / all.render_count);
    memory(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ember_tabletop_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
