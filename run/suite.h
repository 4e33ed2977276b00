// File: run/suite.h
//
// A benchmark suite (benchmarks/suites/*.yaml): the tasks `ember eval`
// evaluates candidates on, how many episodes per run and which seeds.
//
//   name: classic
//   episodes: 20            # per (task, run)
//   seeds: [1000, 1001, 1002]
//   tasks:
//     - {name: CartPole-v1, env: {id: CartPole-v1}}
//     - {name: ..., group: unseen, env: {...}}   # optional group: own IQM row
//   metrics: [success, spl]  # optional extra columns: env episode metrics or
//                            # the agent's own (MANSA's cl_fraction)
//   candidate_env: [downsample, antialias]   # optional, see below
//
// Each task's env section replaces the candidate's, except for the env
// params named in `candidate_env` (default: num_envs, num_threads, which are
// how a candidate runs, not what the task is): those keep the candidate's
// value unless the task sets them. A suite lists there what only changes how
// an agent sees the task (a map's resolution), so one suite serves agents
// trained at several.
//
// Example:
//   Suite suite = read_suite("benchmarks/suites/classic.yaml");
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ember {

struct Task {
  std::string name;
  std::string group;  // optional task group (e.g. seen / unseen), aggregated separately
  YAML::Node env;     // the env section
  int line = 0;
};

struct Suite {
  std::string name;
  int64_t episodes = 10;
  std::vector<uint64_t> seeds = {1000};
  std::vector<Task> tasks;
  std::vector<std::string> metrics;  // episode metrics shown as extra table columns
  std::vector<std::string> candidate_env = {"num_envs", "num_threads"};  // env params kept from the candidate
};

// Throws ConfigError naming the file, line and key of a mistake.
Suite read_suite(const std::string& path);

// The one-task suite of `ember eval CHECKPOINT`: the env, episode count and
// evaluation seed the checkpoint's run was configured with.
Suite checkpoint_suite(const std::string& checkpoint_path, const std::string& config_yaml);

}  // namespace ember
