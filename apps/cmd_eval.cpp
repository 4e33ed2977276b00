// `ember eval SUITE (--checkpoint FILE ... | --config FILE)` and
// `ember eval CHECKPOINT`: evaluates agents on benchmark suites and prints a
// results table (markdown), also written with per-episode data as JSON/CSV.
//
// Suite file (benchmarks/suites/*.yaml):
//   name: classic
//   episodes: 20            # per (task, run)
//   seeds: [1000, 1001, 1002]
//   tasks:
//     - {name: CartPole-v1, env: {id: CartPole-v1}}
//     - {name: ..., group: unseen, env: {...}}   # optional group: own IQM row
//   metrics: [success, spl]  # optional extra columns (mean over runs): env episode
//                            # metrics or the agent's own (MANSA's cl_fraction)
//
// A "run" is one (checkpoint or config) x one evaluation seed; its score is
// its mean episode return. Per task the table shows mean, IQM, 95% bootstrap
// CI and std over runs; the last row aggregates the tasks (IQM with a
// stratified bootstrap CI, as rliable recommends).

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "agents/register_builtin.h"
#include "apps/builtin_registry.h"
#include "apps/cli_args.h"
#include "apps/commands.h"
#include "core/atomic_file.h"
#include "core/checkpoint.h"
#include "run/run_factory.h"
#include "core/evaluator.h"
#include "core/rng.h"
#include "core/stats.h"

namespace ember {

namespace {

using Json = nlohmann::ordered_json;

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
};

// An agent to evaluate: a checkpoint (config + state) or a config alone.
struct Candidate {
  std::string label;
  std::string config_yaml;
  std::string checkpoint;  // its path; empty for a config (the state is read when it is evaluated)
};

Suite read_suite(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError(path + ": cannot read the suite file");
  } catch (const YAML::Exception& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  auto where = [&](const YAML::Node& n) { return path + ":" + std::to_string(n.Mark().line + 1) + ": "; };
  if (!root.IsMap()) throw ConfigError(path + ": a suite is a YAML map with name, episodes, seeds, tasks");
  Suite suite;
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    try {
      if (key == "name") {
        suite.name = kv.second.as<std::string>();
      } else if (key == "episodes") {
        suite.episodes = kv.second.as<int64_t>();
        if (suite.episodes < 1) throw ConfigError(where(kv.second) + "episodes must be >= 1");
      } else if (key == "seeds") {
        suite.seeds = kv.second.as<std::vector<uint64_t>>();
        if (suite.seeds.empty()) throw ConfigError(where(kv.second) + "seeds must not be empty");
      } else if (key == "metrics") {
        suite.metrics = kv.second.as<std::vector<std::string>>();
      } else if (key == "tasks") {
        if (!kv.second.IsSequence()) throw ConfigError(where(kv.second) + "tasks must be a list");
        for (const auto& t : kv.second) {
          if (!t.IsMap() || !t["env"] || !t["env"]["id"])
            throw ConfigError(where(t) + "a task needs an env section with an id");
          for (const auto& field : t) {
            const std::string task_key = field.first.as<std::string>();
            if (task_key != "name" && task_key != "group" && task_key != "env")
              throw ConfigError(where(field.first) + "unknown task key '" + task_key + "'" +
                                suggest_suffix(task_key, {"name", "group", "env"}));
          }
          Task task;
          task.env = t["env"];
          task.name = t["name"] ? t["name"].as<std::string>() : task.env["id"].as<std::string>();
          if (t["group"]) task.group = t["group"].as<std::string>();
          task.line = t.Mark().line + 1;
          suite.tasks.push_back(task);
        }
      } else {
        throw ConfigError(where(kv.first) + "unknown suite key '" + key + "'" +
                          suggest_suffix(key, {"name", "episodes", "seeds", "metrics", "tasks"}));
      }
    } catch (const YAML::Exception& e) {
      throw ConfigError(where(kv.second) + key + ": " + e.msg);
    }
  }
  if (suite.tasks.empty()) throw ConfigError(path + ": the suite lists no tasks");
  if (suite.name.empty()) suite.name = path;
  return suite;
}

// The candidate's config with its env section replaced by the task's env
// (common env params such as num_envs keep the candidate's values).
std::string task_config(const Candidate& c, const Task& task) {
  YAML::Node cfg = YAML::Load(c.config_yaml);
  YAML::Node env = YAML::Clone(task.env);
  for (const auto& kv : cfg["env"]) {
    const std::string key = kv.first.as<std::string>();
    if ((key == "num_envs" || key == "num_threads") && !env[key]) env[key] = kv.second;
  }
  cfg["env"] = env;
  YAML::Emitter out;
  out << cfg;
  return out.c_str();
}

// True when an agent built for `a` can act in `b`: same agents, action
// space, observation shapes and state shape (bounds may differ).
bool same_shapes(const EnvSpec& a, const EnvSpec& b) {
  if (a.num_agents != b.num_agents || a.action != b.action || a.observation.size() != b.observation.size() ||
      a.state.has_value() != b.state.has_value())
    return false;
  for (size_t f = 0; f < a.observation.size(); ++f)
    if (a.observation[f].name != b.observation[f].name || a.observation[f].space.shape != b.observation[f].space.shape ||
        a.observation[f].space.dtype != b.observation[f].space.dtype)
      return false;
  return !a.state || a.state->shape == b.state->shape;
}

// "a,b,c" -> {"a", "b", "c"} (the --seeds and --metrics lists)
std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream list(text);
  std::string item;
  while (std::getline(list, item, ',')) items.push_back(item);
  return items;
}

std::string fmt(double v, int precision = 3) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", precision, v);
  return buf;
}

}  // namespace

int cmd_eval(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first,
                                      {"checkpoint", "config", "episodes", "seeds", "metrics", "out", "plugin"},
                                      {"help"});
  if (args.has("help") || args.positional.size() != 1) {
    std::cout << "usage: ember eval SUITE.yaml (--checkpoint FILE ... | --config FILE) [--episodes N]\n"
                 "                 [--seeds 1,2,3] [--metrics a,b] [--out DIR] [eval.deterministic=false]\n"
                 "       ember eval CHECKPOINT [--episodes N] [--seeds ...] [--metrics a,b]\n"
                 "--metrics: extra columns, env episode metrics (success, ...) or the agent's own (cl_fraction)\n";
    return args.has("help") ? 0 : 2;
  }
  Registry registry = make_builtin_registry();
  load_plugins(args.all("plugin"), registry);

  // what to evaluate, and on which tasks
  std::vector<Candidate> candidates;
  Suite suite;
  const std::string& target = args.positional[0];
  const bool single_checkpoint = target.size() > 5 && target.substr(target.size() - 5) == ".ckpt";
  std::vector<std::string> checkpoints = args.all("checkpoint");
  if (single_checkpoint) checkpoints = {target};
  for (const auto& path : checkpoints) {
    try {
      candidates.push_back({path, CheckpointReader(path).config_yaml(), path});
    } catch (const std::exception& e) {
      throw UsageError(e.what());
    }
  }
  for (const auto& path : args.all("config")) {
    std::ifstream in(path);
    if (!in) throw UsageError("cannot read config '" + path + "'");
    // validate now so a bad config fails before any evaluation
    const RunConfig cfg = load_run_config(path, args.overrides, registry);
    candidates.push_back({path, cfg.to_yaml(), ""});
  }
  if (candidates.empty()) throw UsageError("nothing to evaluate: give --checkpoint FILE or --config FILE");
  if (single_checkpoint) {
    YAML::Node cfg = YAML::Load(candidates[0].config_yaml);
    suite.name = target;
    suite.tasks.push_back({cfg["env"]["id"].as<std::string>(), "", cfg["env"], 0});
    suite.episodes = cfg["eval"]["episodes"].as<int64_t>();
    suite.seeds = {cfg["eval"]["seed"].as<uint64_t>()};
  } else {
    suite = read_suite(target);
  }
  suite.episodes = args.get_positive_count("episodes", suite.episodes);
  if (args.has("seeds")) {
    suite.seeds.clear();
    for (const std::string& seed : comma_list(args.get("seeds"))) suite.seeds.push_back(parse_count(seed, "--seeds"));
  }
  if (args.has("metrics")) suite.metrics = comma_list(args.get("metrics"));

  // eval.* overrides (e.g. eval.deterministic=false) apply to every candidate
  std::vector<std::string> eval_overrides;
  for (const auto& o : args.overrides)
    if (o.rfind("eval.", 0) == 0) eval_overrides.push_back(o);
    else if (!args.has("config"))
      throw UsageError("only eval.* may be overridden when evaluating checkpoints, got '" + o + "'");

  Json report;
  report["suite"] = suite.name;
  report["episodes_per_run"] = suite.episodes;
  report["seeds"] = suite.seeds;
  std::ostringstream csv;
  csv << "task,candidate,seed,episode,return,length\n";
  // runs of the same agent id (e.g. checkpoints of several training seeds) pool together
  std::vector<std::string> groups;
  for (const Candidate& c : candidates) {
    const std::string id = YAML::Load(c.config_yaml)["agent"]["id"].as<std::string>();
    if (std::find(groups.begin(), groups.end(), id) == groups.end()) groups.push_back(id);
  }
  std::ostringstream table;
  table << "| task | agent | runs | episodes | mean | IQM | 95% CI | std |";
  for (const std::string& m : suite.metrics) table << " " << m << " |";
  table << "\n|---|---|---|---|---|---|---|---|";
  for (size_t m = 0; m < suite.metrics.size(); ++m) table << "---|";
  table << "\n";
  std::map<std::string, std::vector<std::vector<double>>> group_scores;  // agent -> [task][run]
  // (agent, task group) -> [task][run], for suites whose tasks name a group
  std::map<std::pair<std::string, std::string>, std::vector<std::vector<double>>> task_group_scores;
  int torch_threads_set = 0;
  for (const Task& task : suite.tasks) {
    for (const std::string& group : groups) {
      std::vector<double> scores;
      // per requested metric: the sum of run means and how many runs reported it
      std::vector<double> metric_sum(suite.metrics.size(), 0.0);
      std::vector<int> metric_runs(suite.metrics.size(), 0);
      Json task_json;
      task_json["task"] = task.name;
      task_json["agent"] = group;
      for (const Candidate& c : candidates) {
        const YAML::Node candidate_cfg = YAML::Load(c.config_yaml);
        if (candidate_cfg["agent"]["id"].as<std::string>() != group) continue;
        RunConfig cfg =
            parse_run_config(task_config(c, task), suite.name + " task '" + task.name + "'", eval_overrides, registry);
        // a trained agent only fits tasks whose spaces match the env it was trained on
        if (!c.checkpoint.empty()) {
          const RunConfig trained = parse_run_config(c.config_yaml, c.label, {}, registry);
          if (!same_shapes(make_env(trained, registry)->spec(), make_env(cfg, registry)->spec())) {
            std::cerr << "note: skipping task '" << task.name << "' for " << c.label
                      << " (its spaces differ from the env it was trained on)\n";
            continue;
          }
        }
        if (!torch_threads_set++) set_torch_threads(static_cast<int>(cfg.train.get_int("torch_threads")));
        auto envs = make_vector_env(cfg, registry, static_cast<int>(cfg.train.get_int("eval_num_envs")),
                                    static_cast<int>(cfg.env.get_int("num_threads")));
        const EnvSpec spec = envs->spec();
        auto agent = make_agent(cfg, registry, spec, static_cast<int>(cfg.env.get_int("num_envs")),
                                derive_seed(static_cast<uint64_t>(cfg.train.get_int("seed")), "agent"),
                                cfg.train.get_int("steps"));
        if (!c.checkpoint.empty()) {
          try {
            CheckpointReader(c.checkpoint).read_agent([&agent](std::istream& in) { agent->load(in); });
          } catch (const std::exception& e) {
            throw UsageError("checkpoint '" + c.label + "' cannot be loaded by this build: " + e.what());
          }
        }
        for (uint64_t seed : suite.seeds) {
          const EvalResult r = evaluate(agent->evaluation_policy(cfg.eval.get_bool("deterministic")), *envs,
                                        suite.episodes, seed);
          scores.push_back(mean_of(r.returns));
          Json run = {{"candidate", c.label},
                      {"seed", seed},
                      {"deterministic", cfg.eval.get_bool("deterministic")},
                      {"score", scores.back()},
                      {"returns", r.returns}};
          auto add_to_columns = [&](const std::string& name, double value) {
            for (size_t k = 0; k < suite.metrics.size(); ++k)
              if (suite.metrics[k] == name) {
                metric_sum[k] += value;
                ++metric_runs[k];
              }
          };
          for (const auto& [name, value] : agent->evaluation_metrics()) {
            run["agent_metrics"][name] = value;
            add_to_columns(name, value);
          }
          for (size_t m = 0; m < r.metric_names.size(); ++m) {
            run["metrics"][r.metric_names[m]] = mean_of(r.metrics[m]);
            add_to_columns(r.metric_names[m], mean_of(r.metrics[m]));
          }
          task_json["runs"].push_back(run);
          for (size_t e = 0; e < r.returns.size(); ++e)
            csv << task.name << "," << c.label << "," << seed << "," << e << "," << r.returns[e] << ","
                << r.lengths[e] << "\n";
        }
      }
      if (scores.empty()) continue;
      const Summary s = summarize(scores, 0);
      task_json["summary"] = {{"runs", s.n}, {"mean", s.mean}, {"iqm", s.iqm}, {"ci95", {s.ci_low, s.ci_high}},
                              {"std", s.std}};
      report["results"].push_back(task_json);
      group_scores[group].push_back(scores);
      if (!task.group.empty()) task_group_scores[{group, task.group}].push_back(scores);
      // the CI and std are over runs: one run has neither
      const bool spread = s.n > 1;
      table << "| " << task.name << " | " << group << " | " << s.n << " | " << suite.episodes << " | " << fmt(s.mean)
            << " | " << fmt(s.iqm) << " | "
            << (spread ? "[" + fmt(s.ci_low) + ", " + fmt(s.ci_high) + "]" : std::string("-")) << " | "
            << (spread ? fmt(s.std) : std::string("-")) << " |";
      for (size_t k = 0; k < suite.metrics.size(); ++k)
        table << " " << (metric_runs[k] ? fmt(metric_sum[k] / metric_runs[k]) : std::string("-")) << " |";
      table << "\n";
    }
  }
  for (const auto& [key, scores] : task_group_scores) {
    if (scores.size() < 2) continue;
    const Interval agg = stratified_iqm(scores, 0);
    table << "| **" << key.second << " tasks (IQM)** | " << key.first << " | | | | " << fmt(agg.point) << " | ["
          << fmt(agg.low) << ", " << fmt(agg.high) << "] | |\n";
    report["group_iqm"][key.first][key.second] = {{"iqm", agg.point}, {"ci95", {agg.low, agg.high}}};
  }
  for (const auto& [group, scores] : group_scores) {
    if (scores.size() < 2) continue;
    const Interval agg = stratified_iqm(scores, 0);
    table << "| **all tasks (IQM)** | " << group << " | | | | " << fmt(agg.point) << " | [" << fmt(agg.low) << ", "
          << fmt(agg.high) << "] | |\n";
    report["aggregate_iqm"][group] = {{"iqm", agg.point}, {"ci95", {agg.low, agg.high}}};
  }
  std::cout << "\n" << table.str();
  const std::string out = args.get("out", "");
  if (!out.empty()) {
    ::mkdir(out.c_str(), 0755);
    write_file_atomic(out + "/results.md", "# " + suite.name + "\n\n" + table.str());
    write_file_atomic(out + "/results.json", report.dump(2) + "\n");
    write_file_atomic(out + "/episodes.csv", csv.str());
    std::cout << "\nwrote " << out << "/results.md, results.json, episodes.csv\n";
  }
  return 0;
}

}  // namespace ember
