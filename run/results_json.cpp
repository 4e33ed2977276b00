#include "run/results_json.h"

#include <nlohmann/json.hpp>

namespace ember {

namespace {

using Json = nlohmann::ordered_json;

Json run_json(const SuiteRun& r) {
  Json run = {{"candidate", r.candidate},
              {"seed", r.seed},
              {"deterministic", r.deterministic},
              {"score", r.score},
              {"returns", r.episodes.returns}};
  for (const auto& [name, value] : r.agent_metrics) run["agent_metrics"][name] = value;
  for (size_t m = 0; m < r.episodes.metric_names.size(); ++m)
    run["metrics"][r.episodes.metric_names[m]] = mean_of(r.episodes.metrics[m]);
  return run;
}

Json task_json(const TaskResult& row) {
  Json task;
  task["task"] = row.task.name;
  task["agent"] = row.agent;
  for (const SuiteRun& r : row.runs) task["runs"].push_back(run_json(r));
  const Summary& s = row.summary;
  task["summary"] = {{"runs", s.n}, {"mean", s.mean}, {"iqm", s.iqm}, {"ci95", {s.ci_low, s.ci_high}}, {"std", s.std}};
  return task;
}

Json interval_json(const Interval& i) { return {{"iqm", i.point}, {"ci95", {i.low, i.high}}}; }

}  // namespace

std::string results_json(const SuiteResults& results) {
  Json report;
  report["suite"] = results.suite.name;
  report["episodes_per_run"] = results.suite.episodes;
  report["seeds"] = results.suite.seeds;
  for (const TaskResult& row : results.tasks) report["results"].push_back(task_json(row));
  for (const AggregateResult& a : results.group_iqm) report["group_iqm"][a.agent][a.group] = interval_json(a.iqm);
  for (const AggregateResult& a : results.all_iqm) report["aggregate_iqm"][a.agent] = interval_json(a.iqm);
  return report.dump(2) + "\n";
}

}  // namespace ember
