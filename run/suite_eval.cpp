#include "run/suite_eval.h"

#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "core/checkpoint.h"
#include "core/config.h"
#include "core/params.h"
#include "core/vector_env.h"
#include "run/build_run.h"
#include "run/run_factory.h"
#include "run/task_config.h"

namespace ember {

namespace {

class SuiteEvaluation {
 public:
  SuiteEvaluation(const Suite& suite, const std::vector<Candidate>& candidates, Registry& registry,
                  const SuiteOptions& options)
      : suite_(suite), candidates_(candidates), registry_(registry), options_(options),
        trained_specs_(candidates.size()) {}

  SuiteResults run() {
    check_candidate_env();
    SuiteResults results;
    results.suite = suite_;
    for (const Task& task : suite_.tasks)
      for (const std::string& agent : agent_groups(candidates_)) {
        TaskResult row = evaluate_group(task, agent);
        if (row.runs.empty()) continue;
        row.task = task;
        results.tasks.push_back(std::move(row));
      }
    aggregate(results);
    return results;
  }

 private:
  // A misspelt candidate_env name would silently keep nothing.
  void check_candidate_env() const {
    for (const Task& task : suite_.tasks) {
      const EnvRegistration* env = registry_.find_env(task.env["id"].as<std::string>());
      if (!env) continue;  // parse_run_config names the unknown env
      for (const std::string& name : suite_.candidate_env) {
        if (find_param(common_env_param_specs(), name) || find_param(env->params, name)) continue;
        std::vector<std::string> known;
        for (const ParamSpec& p : env->params) known.push_back(p.name);
        throw ConfigError("suite '" + suite_.name + "': candidate_env names '" + name + "', which is not a param of env '" +
                          env->id + "' (task '" + task.name + "')" + suggest_suffix(name, known));
      }
    }
  }

  TaskResult evaluate_group(const Task& task, const std::string& agent) {
    TaskResult row;
    row.agent = agent;
    for (size_t c = 0; c < candidates_.size(); ++c)
      if (candidates_[c].agent_id == agent) evaluate_candidate(task, c, row.runs);
    std::vector<double> scores;
    for (const SuiteRun& r : row.runs) scores.push_back(r.score);
    if (!scores.empty()) row.summary = summarize(scores, 0);
    return row;
  }

  void evaluate_candidate(const Task& task, size_t index, std::vector<SuiteRun>& runs) {
    const Candidate& c = candidates_[index];
    RunConfig cfg = parse_run_config(task_config(c.config_yaml, task, suite_.candidate_env), suite_.name + " task '" + task.name + "'",
                                     options_.eval_overrides, registry_);
    // a trained agent only fits tasks whose spaces match the env it was trained on
    if (!c.checkpoint.empty() &&
        !same_layout(trained_spec(index), make_env(cfg, registry_)->spec(), LayoutMatch::kShapes)) {
      std::cerr << "note: skipping task '" << task.name << "' for " << c.label
                << " (its spaces differ from the env it was trained on)\n";
      return;
    }
    if (!agent_built_ && options_.before_first_agent) options_.before_first_agent(cfg);
    agent_built_ = true;
    Run run = build_run(std::move(cfg), registry_, RunUse::kEvaluate);
    if (!c.checkpoint.empty()) load_agent_state(c, *run.agent);
    const bool deterministic = run.config.eval.get_bool("deterministic");
    for (uint64_t seed : suite_.seeds) {
      SuiteRun r;
      r.candidate = c.label;
      r.seed = seed;
      r.deterministic = deterministic;
      r.episodes = evaluate(run.agent->evaluation_policy(deterministic), *run.eval_envs, suite_.episodes, seed);
      r.score = mean_of(r.episodes.returns);
      r.agent_metrics = run.agent->evaluation_metrics();
      runs.push_back(std::move(r));
    }
  }

  // The spec of the env a checkpoint's agent was trained on (built once).
  const EnvSpec& trained_spec(size_t index) {
    if (!trained_specs_[index]) {
      const Candidate& c = candidates_[index];
      trained_specs_[index] = make_env(parse_run_config(c.config_yaml, c.label, {}, registry_), registry_)->spec();
    }
    return *trained_specs_[index];
  }

  static void load_agent_state(const Candidate& c, Agent& agent) {
    try {
      CheckpointReader(c.checkpoint).read_agent([&agent](std::istream& in) { agent.load(in); });
    } catch (const std::exception& e) {
      throw CandidateError("checkpoint '" + c.label + "' cannot be loaded by this build: " + e.what());
    }
  }

  static void aggregate(SuiteResults& results) {
    std::map<std::string, std::vector<std::vector<double>>> by_agent;  // agent -> [task][run]
    std::map<std::pair<std::string, std::string>, std::vector<std::vector<double>>> by_group;
    for (const TaskResult& row : results.tasks) {
      std::vector<double> scores;
      for (const SuiteRun& r : row.runs) scores.push_back(r.score);
      by_agent[row.agent].push_back(scores);
      if (!row.task.group.empty()) by_group[{row.agent, row.task.group}].push_back(scores);
    }
    for (const auto& [key, scores] : by_group)
      if (scores.size() >= 2) results.group_iqm.push_back({key.first, key.second, stratified_iqm(scores, 0)});
    for (const auto& [agent, scores] : by_agent)
      if (scores.size() >= 2) results.all_iqm.push_back({agent, "", stratified_iqm(scores, 0)});
  }

  const Suite& suite_;
  const std::vector<Candidate>& candidates_;
  Registry& registry_;
  const SuiteOptions& options_;
  std::vector<std::optional<EnvSpec>> trained_specs_;
  bool agent_built_ = false;
};

}  // namespace

SuiteResults evaluate_suite(const Suite& suite, const std::vector<Candidate>& candidates, Registry& registry,
                            const SuiteOptions& options) {
  return SuiteEvaluation(suite, candidates, registry, options).run();
}

}  // namespace ember
